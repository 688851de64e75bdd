using System.Text.Json;
using CustomerCore.TestSupport;
using Microsoft.Data.Sqlite;

namespace CustomerCore.Samples.Tests;

public sealed class ConsoleToolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-console-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Demo_FreshFolder_WritesDatabaseGeoJsonAndMap()
    {
        var (exit, output, error) = await ConsoleTool.RunAsync(_dir, "demo", "--customers", "300", "--seed", "3");

        Assert.True(exit == 0, error + output);
        Assert.True(File.Exists(Path.Combine(_dir, "customers.db")));
        using var geojson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "demo-output", "customers.geojson")));
        var features = geojson.RootElement.GetProperty("features");
        Assert.Equal(300, features.EnumerateArray().Count(f => f.GetProperty("geometry").GetProperty("type").GetString() == "Point"));
        Assert.Single(features.EnumerateArray(), f => f.GetProperty("geometry").GetProperty("type").GetString() == "LineString");
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, "demo-output", "map.html"));
        Assert.DoesNotContain("/*GEOJSON*/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal); // self-contained: nothing fetched
        Assert.Contains("Duplicate detection", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_SameSeedTwice_GivesTheSameRoute()
    {
        var first = await ConsoleTool.RunAsync(_dir, "demo", "--customers", "200", "--seed", "5", "--db", "a.db", "--out", "a");
        var second = await ConsoleTool.RunAsync(_dir, "demo", "--customers", "200", "--seed", "5", "--db", "b.db", "--out", "b");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(RouteOf(Path.Combine(_dir, "a")), RouteOf(Path.Combine(_dir, "b")));
    }

    [Fact]
    public async Task Demo_BadCustomerCount_FailsWithClearMessage()
    {
        var (exit, _, error) = await ConsoleTool.RunAsync(_dir, "demo", "--customers", "5");

        Assert.NotEqual(0, exit);
        Assert.Contains("--customers must be between", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouteTsplib_JsonContract_ClosedTourLengthAndEveryNodeOnce()
    {
        var file = SharedData.PathOf("tsplib", "berlin52.tsp");

        var (exit, output, error) = await ConsoleTool.RunAsync(_dir, "route", "--tsplib", file, "--time-limit-ms", "200", "--seed", "1", "--format", "json");

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var tour = doc.RootElement.GetProperty("tour").EnumerateArray().Select(t => t.GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, 52), tour.Order());
        Assert.InRange(doc.RootElement.GetProperty("length").GetInt64(), 7542, 7542 * 102 / 100);
    }

    [Fact]
    public async Task SegmentRfm_CsvContract_HeaderAndOneRowPerCustomer()
    {
        var file = SharedData.PathOf("transactions", "rfm_r_package", "rfm_data_orders.csv");

        var (exit, output, error) = await ConsoleTool.RunAsync(_dir, "segment", "rfm", file, "--customer", "customer_id", "--date", "order_date", "--amount", "revenue", "--as-of", "2006-12-31", "--format", "csv");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer_id,recency_days,frequency,monetary,r,f,m,score,segment", lines[0].TrimEnd('\r'));
        Assert.Equal(996, lines.Length);
        Assert.Contains("Abbey O'Reilly,205,6,472,3,4,3,343,Potential Loyalist", lines.Select(l => l.TrimEnd('\r')));
    }

    private static string RouteOf(string outDir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "customers.geojson")));
        var route = doc.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("geometry").GetProperty("type").GetString() == "LineString");
        return route.GetProperty("geometry").GetProperty("coordinates").GetRawText();
    }
}
