using CustomerCore.Customers;
using CustomerCore.Routing;

namespace CustomerCore.Tests.Routing;

public sealed class RoutePlannerTests : IDisposable
{
    private static readonly GeoPoint s_office = new(39.9087, 116.4605); // Guomao, Beijing
    private static readonly DateTimeOffset s_nine = new(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly TestServices _services = new();

    private IRoutePlanner Planner => _services.Get<IRoutePlanner>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Plan_StopsOnALine_VisitsThemInOrderAndReturns()
    {
        var stops = new[] { 3, 1, 4, 2 }.Select(k => Stop($"s{k}", s_office.Latitude, s_office.Longitude + (0.01 * k))).ToList();

        var plan = await Planner.PlanAsync(new RouteRequest { Start = s_office, Stops = stops, DepartAt = s_nine });

        var ids = plan.Visits.Select(v => v.StopId).ToList();
        Assert.True(ids.SequenceEqual(["s1", "s2", "s3", "s4"]) || ids.SequenceEqual(["s4", "s3", "s2", "s1"]));
        Assert.InRange(plan.TotalDistanceMetres, 2 * 4 * 850, 2 * 4 * 860); // 0.04° of longitude at 39.9° N, out and back
        Assert.Empty(plan.Unserved);
    }

    [Fact]
    public async Task Plan_EndAnywhere_StartsNextToStartAndEndsFarthest()
    {
        var stops = new[] { 3, 1, 4, 2 }.Select(k => Stop($"s{k}", s_office.Latitude, s_office.Longitude + (0.01 * k))).ToList();

        var plan = await Planner.PlanAsync(new RouteRequest { Start = s_office, Stops = stops, End = RouteEnd.Anywhere, DepartAt = s_nine });

        Assert.Equal(["s1", "s2", "s3", "s4"], plan.Visits.Select(v => v.StopId));
    }

    [Fact]
    public async Task Plan_FixedEnd_EndsNearTheEndPoint()
    {
        var stops = new[] { 3, 1, 4, 2 }.Select(k => Stop($"s{k}", s_office.Latitude, s_office.Longitude + (0.01 * k))).ToList();
        var home = new GeoPoint(s_office.Latitude, s_office.Longitude + 0.06);

        var plan = await Planner.PlanAsync(new RouteRequest { Start = s_office, Stops = stops, End = RouteEnd.Fixed, EndPoint = home, DepartAt = s_nine });

        Assert.Equal(["s1", "s2", "s3", "s4"], plan.Visits.Select(v => v.StopId));
        Assert.InRange(plan.TotalDistanceMetres, 6 * 850, 6 * 860); // start to end point along the line, no way back
    }

    [Fact]
    public async Task Plan_TimeWindows_AreRespectedAndImpossibleOnesReported()
    {
        var near = Stop("near-late", s_office.Latitude + 0.01, s_office.Longitude) with { Window = new TimeWindow(s_nine.AddHours(3), s_nine.AddHours(4)) };
        var far = Stop("far-early", s_office.Latitude + 0.05, s_office.Longitude) with { Window = new TimeWindow(s_nine, s_nine.AddHours(1)) };
        var impossible = Stop("closed-already", s_office.Latitude, s_office.Longitude + 0.2) with { Window = new TimeWindow(s_nine.AddHours(-3), s_nine.AddHours(-2)) };

        var plan = await Planner.PlanAsync(new RouteRequest { Start = s_office, Stops = [near, far, impossible], DepartAt = s_nine });

        Assert.Equal(["far-early", "near-late"], plan.Visits.Select(v => v.StopId));
        Assert.Equal(s_nine.AddHours(3), plan.Visits[1].ServiceStart); // waits for the window to open
        Assert.Equal("closed-already", Assert.Single(plan.Unserved).StopId);
    }

    [Fact]
    public async Task Plan_FiftyStopsSameSeed_GivesIdenticalRoutes()
    {
        var random = new Random(5);
        var stops = Enumerable.Range(0, 50).Select(i => Stop($"c{i}", 39.8 + (random.NextDouble() * 0.2), 116.3 + (random.NextDouble() * 0.3))).ToList();
        var request = new RouteRequest { Start = s_office, Stops = stops, DepartAt = s_nine, Seed = 7, MaxIterations = 300, TimeBudget = TimeSpan.FromMinutes(1) };

        var first = await Planner.PlanAsync(request);
        var second = await Planner.PlanAsync(request);

        Assert.Equal(first.Visits.Select(v => v.StopId), second.Visits.Select(v => v.StopId));
        Assert.Equal(50, first.Visits.Select(v => v.StopId).Distinct().Count());
    }

    [Fact]
    public async Task Plan_NoStops_ReturnsEmptyPlan()
    {
        var plan = await Planner.PlanAsync(new RouteRequest { Start = s_office, Stops = [], DepartAt = s_nine });

        Assert.Empty(plan.Visits);
        Assert.Equal(0, plan.TotalDistanceMetres);
    }

    [Fact]
    public async Task Plan_DuplicateStopIds_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Planner.PlanAsync(new RouteRequest { Start = s_office, Stops = [Stop("a", 39.9, 116.4), Stop("a", 39.91, 116.4)] }));
    }

    [Fact]
    public async Task Plan_FixedEndWithoutPoint_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Planner.PlanAsync(new RouteRequest { Start = s_office, Stops = [Stop("a", 39.9, 116.4)], End = RouteEnd.Fixed }));
    }

    [Fact]
    public async Task Plan_InvalidLocation_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Planner.PlanAsync(new RouteRequest { Start = s_office, Stops = [Stop("a", 95, 116.4)] }));
    }

    private static RouteStop Stop(string id, double lat, double lon) => new() { Id = id, Location = new GeoPoint(lat, lon), ServiceTime = TimeSpan.FromMinutes(20) };
}
