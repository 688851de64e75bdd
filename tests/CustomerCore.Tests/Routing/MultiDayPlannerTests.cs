using CustomerCore.Customers;
using CustomerCore.Routing;

namespace CustomerCore.Tests.Routing;

public sealed class MultiDayPlannerTests : IDisposable
{
    private static readonly GeoPoint s_office = new(39.9087, 116.4605);
    private readonly TestServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task PlanAsync_MoreStopsThanADayHolds_SplitsWithinTheLimitAndKeepsEveryStop()
    {
        var random = new Random(11);
        var stops = Enumerable.Range(0, 30).Select(i => new RouteStop { Id = $"c{i}", Location = new GeoPoint(39.8 + (random.NextDouble() * 0.2), 116.35 + (random.NextDouble() * 0.25)), ServiceTime = TimeSpan.FromMinutes(30) }).ToList();
        var days = Enumerable.Range(0, 5).Select(d => new DateTimeOffset(2025, 7, 7 + d, 9, 0, 0, TimeSpan.FromHours(8))).ToList();

        var plan = await MultiDayPlanner.PlanAsync(_services.Get<IRoutePlanner>(), new MultiDayRouteRequest { Start = s_office, Stops = stops, Days = days, DailyLimit = TimeSpan.FromHours(8) });

        Assert.All(plan.Days, d => Assert.True(d.TotalDuration <= TimeSpan.FromHours(8)));
        Assert.True(plan.Days.Count(d => d.Visits.Count > 0) >= 3); // 30 × 30 min of service alone needs more than 15 hours
        var visited = plan.Days.SelectMany(d => d.Visits.Select(v => v.StopId)).Concat(plan.Unserved.Select(u => u.StopId)).ToList();
        Assert.Equal(stops.Select(s => s.Id).Order(StringComparer.Ordinal), visited.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PlanAsync_StopTooFarForOneDay_IsReportedUnserved()
    {
        var far = new RouteStop { Id = "shanghai", Location = new GeoPoint(31.23, 121.47) };
        var near = new RouteStop { Id = "near", Location = new GeoPoint(39.92, 116.47), ServiceTime = TimeSpan.FromMinutes(30) };
        var days = new[] { new DateTimeOffset(2025, 7, 7, 9, 0, 0, TimeSpan.FromHours(8)) };

        var plan = await MultiDayPlanner.PlanAsync(_services.Get<IRoutePlanner>(), new MultiDayRouteRequest { Start = s_office, Stops = [far, near], Days = days });

        Assert.Equal(["near"], plan.Days[0].Visits.Select(v => v.StopId));
        Assert.Equal("shanghai", Assert.Single(plan.Unserved).StopId);
    }

    [Fact]
    public async Task PlanAsync_NoDays_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => MultiDayPlanner.PlanAsync(_services.Get<IRoutePlanner>(), new MultiDayRouteRequest { Start = s_office, Stops = [], Days = [] }));
    }

    [Fact]
    public async Task PlanAsync_StopOpenOnlyOnTheSecondDay_IsVisitedThatDayInsideItsWindow()
    {
        var days = Enumerable.Range(0, 2).Select(d => new DateTimeOffset(2025, 7, 7 + d, 9, 0, 0, TimeSpan.FromHours(8))).ToList();
        var window = new TimeWindow(days[1].AddHours(2), days[1].AddHours(3));
        RouteStop[] stops =
        [
            new() { Id = "tuesday-only", Location = new GeoPoint(39.95, 116.40), ServiceTime = TimeSpan.FromMinutes(20), Window = window },
            new() { Id = "any-day", Location = new GeoPoint(39.90, 116.50), ServiceTime = TimeSpan.FromMinutes(20) },
        ];

        var plan = await MultiDayPlanner.PlanAsync(_services.Get<IRoutePlanner>(), new MultiDayRouteRequest { Start = s_office, Stops = stops, Days = days });

        var visit = Assert.Single(plan.Days[1].Visits, v => v.StopId == "tuesday-only");
        Assert.InRange(visit.ServiceStart, window.Opens, window.Closes);
        Assert.DoesNotContain(plan.Days[0].Visits, v => v.StopId == "tuesday-only");
        Assert.Empty(plan.Unserved);
    }
}
