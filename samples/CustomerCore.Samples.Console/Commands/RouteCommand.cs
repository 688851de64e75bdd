using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CustomerCore.Customers;
using CustomerCore.Geo;
using CustomerCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>route</c>: orders visits for a TSPLIB instance or a customer CSV.</summary>
internal sealed class RouteCommand : ICommandModule
{
    public Command Build()
    {
        var file = new Argument<FileInfo?>("file") { Description = "A customer CSV with id, latitude and longitude columns.", Arity = ArgumentArity.ZeroOrOne };
        var tsplib = new Option<FileInfo?>("--tsplib") { Description = "A TSPLIB .tsp file (EUC_2D, ATT or GEO) instead of a customer CSV." };
        var timeLimit = new Option<int>("--time-limit-ms") { Description = "The search budget in milliseconds.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "The random seed.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "json or table.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("json", "table");
        var start = new Option<string?>("--start") { Description = "The start point as LAT,LON (customer CSV only)." };
        var idColumn = new Option<string>("--id-column") { Description = "The CSV column with the stop id.", DefaultValueFactory = _ => "id" };
        var latColumn = new Option<string>("--lat-column") { Description = "The CSV column with the latitude.", DefaultValueFactory = _ => "latitude" };
        var lonColumn = new Option<string>("--lon-column") { Description = "The CSV column with the longitude.", DefaultValueFactory = _ => "longitude" };
        var geojson = new Option<FileInfo?>("--geojson") { Description = "Also write the stops and the route as GeoJSON to this file (customer CSV only)." };
        var end = new Option<string>("--end") { Description = "start (return), anywhere, or LAT,LON.", DefaultValueFactory = _ => "start" };
        timeLimit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 3_600_000)
            {
                r.AddError("--time-limit-ms must be between 1 and 3,600,000.");
            }
        });

        var command = new Command("route", "Order visits: the shortest closed tour of a TSPLIB instance, or a rep's route through customers from a start point.")
        {
            file, tsplib, timeLimit, seed, format, start, idColumn, latColumn, lonColumn, end, geojson,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(tsplib) is { } tsp)
            {
                return RunTsplib(tsp, parse.GetValue(timeLimit), parse.GetValue(seed), parse.GetValue(format)!, ct);
            }

            if (parse.GetValue(file) is not { } csv || parse.GetValue(start) is not { } startText)
            {
                System.Console.Error.WriteLine("Give --tsplib FILE.tsp, or a customer CSV with --start LAT,LON.");
                return 2;
            }

            return await RunCustomersAsync(csv, startText, parse.GetValue(end)!, parse.GetValue(idColumn)!, parse.GetValue(latColumn)!, parse.GetValue(lonColumn)!, parse.GetValue(timeLimit), parse.GetValue(seed), parse.GetValue(format)!, parse.GetValue(geojson), ct);
        });
        return command;
    }

    private static int RunTsplib(FileInfo file, int timeLimitMs, int seed, string format, CancellationToken ct)
    {
        if (!file.Exists)
        {
            System.Console.Error.WriteLine($"File not found: {file.FullName}");
            return 2;
        }

        TsplibInstance instance;
        try
        {
            instance = TsplibInstance.Parse(File.ReadAllText(file.FullName));
        }
        catch (FormatException e)
        {
            System.Console.Error.WriteLine($"Not a supported TSPLIB file: {e.Message}");
            return 2;
        }

        var tour = instance.Solve(TimeSpan.FromMilliseconds(timeLimitMs), seed, cancellationToken: ct);
        var length = instance.TourLength(tour);
        if (format == "json")
        {
            System.Console.WriteLine(JsonSerializer.Serialize(new { length, tour = tour.Select(t => t + 1) }));
        }
        else
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(instance.Name)}[/]: {instance.Dimension} nodes, closed tour length [green]{length}[/]");
        }

        return 0;
    }

    private static async Task<int> RunCustomersAsync(FileInfo file, string startText, string endText, string idColumn, string latColumn, string lonColumn, int timeLimitMs, int seed, string format, FileInfo? geojson, CancellationToken ct)
    {
        if (!TryParsePoint(startText, out var startPoint))
        {
            System.Console.Error.WriteLine("--start must be LAT,LON in decimal degrees.");
            return 2;
        }

        var endMode = endText switch { "start" => RouteEnd.ReturnToStart, "anywhere" => RouteEnd.Anywhere, _ => RouteEnd.Fixed };
        GeoPoint? endPoint = null;
        if (endMode == RouteEnd.Fixed)
        {
            if (!TryParsePoint(endText, out var e))
            {
                System.Console.Error.WriteLine("--end must be start, anywhere or LAT,LON.");
                return 2;
            }

            endPoint = e;
        }

        var stops = new List<RouteStop>();
        using (var reader = new StreamReader(file.FullName))
        using (var csv = CsvReader.Create(reader, new CsvReaderOptions { TrimWhitespace = true, HasHeader = true }, false))
        {
            var headers = csv.Headers.Select(h => h.Trim()).ToList();
            int idIndex = headers.IndexOf(idColumn), latIndex = headers.IndexOf(latColumn), lonIndex = headers.IndexOf(lonColumn);
            if (idIndex < 0 || latIndex < 0 || lonIndex < 0)
            {
                System.Console.Error.WriteLine($"The CSV needs the columns {idColumn}, {latColumn} and {lonColumn}.");
                return 2;
            }

            var line = 1;
            while (csv.Read())
            {
                line++;
                string? Field(int i) => i < csv.FieldCount ? csv.GetStringOrNull(i) : null;
                var id = Field(idIndex);
                if (string.IsNullOrWhiteSpace(id)
                    || !double.TryParse(Field(latIndex), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                    || !double.TryParse(Field(lonIndex), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                    || !new GeoPoint(lat, lon).IsValid)
                {
                    System.Console.Error.WriteLine($"Line {line}: skipped, it needs an id and a valid latitude and longitude.");
                    continue;
                }

                stops.Add(new RouteStop { Id = id, Location = new GeoPoint(lat, lon) });
            }
        }

        var services = new ServiceCollection();
        services.AddCustomerCore();
        await using var provider = services.BuildServiceProvider();
        var plan = await provider.GetRequiredService<IRoutePlanner>().PlanAsync(
            new RouteRequest { Start = startPoint, End = endMode, EndPoint = endPoint, Stops = stops, Seed = seed, TimeBudget = TimeSpan.FromMilliseconds(timeLimitMs) }, ct);
        if (geojson is not null)
        {
            // Stops as points with their visit order, and the driven line start → stops → end.
            var order = plan.Visits.Select((v, i) => (v.StopId, i)).ToDictionary(x => x.StopId, x => x.i + 1, StringComparer.Ordinal);
            var byId = stops.ToDictionary(s => s.Id, StringComparer.Ordinal);
            var points = stops.Select(s => new MapPoint(s.Id, s.Location, new Dictionary<string, string?> { ["visit"] = order.TryGetValue(s.Id, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "unserved" }));
            List<GeoPoint> line = [startPoint, .. plan.Visits.Select(v => byId[v.StopId].Location)];
            if (endMode == RouteEnd.ReturnToStart)
            {
                line.Add(startPoint);
            }
            else if (endPoint is { } fixedEnd)
            {
                line.Add(fixedEnd);
            }

            await File.WriteAllTextAsync(geojson.FullName, GeoJsonExport.Write(points, line, new Dictionary<string, string?> { ["distance_m"] = plan.TotalDistanceMetres.ToString("F0", CultureInfo.InvariantCulture) }), ct);
        }

        if (format == "json")
        {
            System.Console.WriteLine(JsonSerializer.Serialize(new { distance_m = Math.Round(plan.TotalDistanceMetres, 1), order = plan.Visits.Select(v => v.StopId), unserved = plan.Unserved }));
            return 0;
        }

        var table = new Table().AddColumns("#", "Stop", "Leg (km)", "Arrives after");
        for (var i = 0; i < plan.Visits.Count; i++)
        {
            var v = plan.Visits[i];
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(v.StopId), (v.DistanceMetres / 1000).ToString("F2", CultureInfo.InvariantCulture), (v.Arrival - default(DateTimeOffset)).ToString(@"h\:mm", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Total: [green]{plan.TotalDistanceMetres / 1000:F1} km[/], {plan.TotalDuration.TotalHours:F1} h; unserved: {plan.Unserved.Count}");
        return 0;
    }

    private static bool TryParsePoint(string text, out GeoPoint point)
    {
        var parts = text.Split(',');
        point = default;
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            point = new GeoPoint(lat, lon);
            return point.IsValid;
        }

        return false;
    }
}
