using BenchmarkDotNet.Attributes;
using CustomerCore.Customers;
using CustomerCore.Geo;

namespace CustomerCore.Benchmarks.Geo;

/// <summary>Spatial index build and query costs over N customer points around one metro area.</summary>
[MemoryDiagnoser]
public class GeoBenchmarks
{
    private static readonly GeoPoint s_centre = new(39.9087, 116.4605);
    private MapPoint[] _points = [];
    private GeoIndex _index = null!;

    [Params(100_000, 1_000_000)]
    public int Points { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var empty = new Dictionary<string, string?>();
        _points = [.. Enumerable.Range(0, Points).Select(i => new MapPoint(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new GeoPoint(39.4 + (random.NextDouble() * 1.0), 115.9 + (random.NextDouble() * 1.2)), empty))];
        _index = new GeoIndex(_points);
    }

    [Benchmark]
    public int BuildIndex() => new GeoIndex(_points).Count;

    [Benchmark]
    public int Radius2Km() => _index.Nearby(s_centre, 2_000).Count;

    [Benchmark]
    public int Nearest10() => _index.Nearest(s_centre, 10).Count;
}
