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

    [Fact]
    public async Task Standardize_Jsonl_OneObjectPerInputLineInOrderWithExactSpans()
    {
        string[] lines = ["浙江杭州江干区九堡镇", "", "北京朝阳区建国路88号SOHO现代城5号楼1单元1203", "\u0001??"];
        var file = Path.Combine(_dir, "addresses.txt");
        await File.WriteAllLinesAsync(file, lines);

        var (exit, output, error) = await ConsoleTool.RunAsync(_dir, "standardize", file, "--format", "jsonl");

        Assert.True(exit == 0, error + output);
        var objects = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(lines.Length, objects.Count);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(lines[i], objects[i].GetProperty("input").GetString());
            foreach (var component in objects[i].GetProperty("components").EnumerateObject())
            {
                var text = component.Value.GetProperty("text").GetString();
                var start = component.Value.GetProperty("start").GetInt32();
                Assert.Equal(text is null ? -1 : lines[i].IndexOf(text, start, StringComparison.Ordinal), start);
            }
        }

        var first = objects[0];
        Assert.Equal("CN", first.GetProperty("country").GetString());
        var region = first.GetProperty("components").GetProperty("region");
        Assert.Equal("浙江", region.GetProperty("text").GetString());
        Assert.Equal("浙江省", region.GetProperty("value").GetString());
        Assert.Equal("330000", region.GetProperty("code").GetString());
        Assert.Contains(first.GetProperty("changes").EnumerateArray(), c =>
            c.GetProperty("component").GetString() == "district" && c.GetProperty("kind").GetString() == "renamed" && c.GetProperty("to").GetString() == "上城区");
        Assert.Equal("unparsed", objects[1].GetProperty("status").GetString());
        Assert.Equal("empty", objects[1].GetProperty("reason").GetString());
        Assert.True(objects[2].GetProperty("components").TryGetProperty("house_number", out _));
    }

    [Fact]
    public async Task Standardize_MissingFile_FailsWithClearMessage()
    {
        var (exit, _, error) = await ConsoleTool.RunAsync(_dir, "standardize", Path.Combine(_dir, "nope.txt"));

        Assert.NotEqual(0, exit);
        Assert.Contains("File not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_DatabaseFile_HoldsCiphertextNotPlaintextContactData()
    {
        var (exit, output, error) = await ConsoleTool.RunAsync(_dir, "demo", "--customers", "200", "--seed", "4");

        Assert.True(exit == 0, error + output);
        SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_dir, "customers.db"));
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("enc:v1:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", text, StringComparison.Ordinal); // the generated emails' domains
        Assert.DoesNotContain("@163.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@qq.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("路", text, StringComparison.Ordinal); // every generated Chinese street is a 路, 大道 or 街
        Assert.DoesNotContain("大道", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "customers.db.keys.json")));
    }

    [Fact]
    public async Task RouteCsv_WithGeoJson_WritesEveryStopAndTheClosedRoute()
    {
        var csv = Path.Combine(_dir, "stops.csv");
        await File.WriteAllTextAsync(csv, "id,latitude,longitude\na,39.92,116.40\nb,39.95,116.45\nc,39.90,116.50\nd,39.88,116.42\n");
        var geojson = Path.Combine(_dir, "route.geojson");

        var (exit, output, error) = await ConsoleTool.RunAsync(_dir, "route", csv, "--start", "39.9087,116.4605", "--format", "json", "--geojson", geojson);

        Assert.True(exit == 0, error + output);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(geojson));
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(4, features.Count(f => f.GetProperty("geometry").GetProperty("type").GetString() == "Point"));
        var line = Assert.Single(features, f => f.GetProperty("geometry").GetProperty("type").GetString() == "LineString");
        var coordinates = line.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().ToList();
        Assert.Equal(6, coordinates.Count); // start, four stops, back to start
        Assert.Equal(coordinates[0].ToString(), coordinates[^1].ToString());
    }
}
