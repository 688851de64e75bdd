using BenchmarkDotNet.Attributes;
using CustomerCore.Customers;
using CustomerCore.Routing;
using Microsoft.Extensions.Options;

namespace CustomerCore.Benchmarks.Routing;

/// <summary>Route ordering time for a rep's day: N customer stops with opening hours, fixed iteration cap (deterministic).</summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private RoutePlanner _planner = null!;
    private RouteRequest _request = null!;

    [Params(12, 50, 200)]
    public int Stops { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var nine = new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var stops = Enumerable.Range(0, Stops).Select(i => new RouteStop
        {
            Id = $"c{i}",
            Location = new GeoPoint(39.8 + (random.NextDouble() * 0.25), 116.25 + (random.NextDouble() * 0.35)),
            ServiceTime = TimeSpan.FromMinutes(5),
            Window = i % 5 == 0 ? new TimeWindow(nine.AddHours(random.Next(0, 4)), nine.AddHours(random.Next(5, 10))) : null,
        }).ToList();
        _planner = new RoutePlanner(new GreatCircleDistanceProvider(Options.Create(new RoutingOptions { SpeedKmh = 60 })));
        _request = new RouteRequest { Start = new GeoPoint(39.9087, 116.4605), Stops = stops, DepartAt = nine, MaxIterations = 500, TimeBudget = TimeSpan.FromSeconds(5) };
    }

    [Benchmark]
    public async Task<int> PlanRoute() => (await _planner.PlanAsync(_request)).Visits.Count;
}
