using System.CommandLine;
using System.Text;
using CustomerCore.Deduplication;
using Spectre.Console;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>dedupe FILE.csv --map FIELD=COLUMN ... [--id-column C] --out clusters.csv [--pairs pairs.csv]</c>.</summary>
internal sealed class DedupeCommand : ICommandModule
{
    public Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV file (with a header row) to deduplicate." };
        var options = DedupeCliOptions.Create();
        var command = new Command("dedupe", "Find duplicate records in a CSV file and write id,cluster_id for every row.");
        command.Arguments.Add(file);
        options.AddTo(command);
        command.SetAction((parseResult, _) =>
        {
            var settings = options.Read(parseResult);
            if (settings is null)
            {
                return Task.FromResult(2);
            }

            // Boundary: bad files and repeated ids are the user's input, so report them instead of crashing.
            try
            {
                var input = parseResult.GetValue(file)!;
                IReadOnlyList<DedupeRecord> records;
                using (var reader = new StreamReader(input.FullName, Encoding.UTF8))
                {
                    records = DedupeCsv.ReadRecords(reader, settings.Map, settings.IdColumn);
                }

                var detector = new DuplicateDetector(settings.Options);
                DeduplicationResult? result = null;
                AnsiConsole.Progress().Start(ctx =>
                {
                    var task = ctx.AddTask("Deduplicating", maxValue: 1.0);
                    result = detector.Deduplicate(records, new Progress<double>(v => task.Value = v));
                    task.Value = 1.0;
                });
                DedupeCliOptions.WriteOutputs(result!, settings);
                DedupeCliOptions.PrintSummary(records.Count, result!);
            }
            catch (ArgumentException ex)
            {
                AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]{ex.Message}[/]");
                return Task.FromResult(2);
            }

            return Task.FromResult(0);
        });
        return command;
    }
}

/// <summary>The options shared by <c>dedupe</c> and <c>link</c>: parsing and printing only.</summary>
internal sealed class DedupeCliOptions
{
    private Option<string[]> MapOption { get; } = new("--map") { Description = "FIELD=COLUMN; repeat for each field (name, given_name, family_name, organization, phone, email, address, street, house_number, city, district, region, postcode, country, date_of_birth, gender, or any other name as a free-text attribute)." };

    private Option<string?> IdColumnOption { get; } = new("--id-column") { Description = "The column holding record ids; without it rows are numbered from 1." };

    private Option<FileInfo> OutOption { get; } = new("--out") { Description = "Where to write id,cluster_id.", Required = true };

    private Option<FileInfo?> PairsOption { get; } = new("--pairs") { Description = "Optionally, where to write the matched pairs with scores and explanations." };

    private Option<double> ThresholdOption { get; } = new("--threshold") { Description = "The match probability threshold (0-1).", DefaultValueFactory = _ => 0.5 };

    public static DedupeCliOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(MapOption);
        command.Options.Add(IdColumnOption);
        command.Options.Add(OutOption);
        command.Options.Add(PairsOption);
        command.Options.Add(ThresholdOption);
    }

    public Settings? Read(ParseResult parseResult)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in parseResult.GetValue(MapOption) ?? [])
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == entry.Length - 1)
            {
                AnsiConsole.MarkupLine("[red]--map expects FIELD=COLUMN.[/]");
                return null;
            }

            map[entry[..eq].Trim().ToLowerInvariant()] = entry[(eq + 1)..].Trim();
        }

        var threshold = parseResult.GetValue(ThresholdOption);
        if (threshold is < 0 or > 1)
        {
            AnsiConsole.MarkupLine("[red]--threshold must be between 0 and 1.[/]");
            return null;
        }

        return new Settings(map, parseResult.GetValue(IdColumnOption), parseResult.GetValue(OutOption)!, parseResult.GetValue(PairsOption),
            new DeduplicationOptions { MatchThreshold = threshold });
    }

    public static void WriteOutputs(DeduplicationResult result, Settings settings)
    {
        using (var writer = new StreamWriter(settings.Out.FullName, false, new UTF8Encoding(false)))
        {
            DedupeCsv.WriteClusters(writer, result);
        }

        if (settings.Pairs is { } pairs)
        {
            using var writer = new StreamWriter(pairs.FullName, false, new UTF8Encoding(false));
            DedupeCsv.WritePairs(writer, result);
        }
    }

    public static void PrintSummary(int records, DeduplicationResult result)
    {
        var clusters = result.Assignments.GroupBy(a => a.ClusterId).Count(g => g.Count() > 1);
        var table = new Table().AddColumns("records", "candidate pairs", "matched pairs", "multi-record clusters");
        table.AddRow(records.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), result.Blocking.CandidatePairs.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            result.Pairs.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), clusters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
    }

    internal sealed record Settings(Dictionary<string, string> Map, string? IdColumn, FileInfo Out, FileInfo? Pairs, DeduplicationOptions Options);
}
