using CustomerCore.Customers;

namespace CustomerCore.Samples.Web;

/// <summary>Supplies the ordered stops of a rep's route.</summary>
internal interface IRouteSource
{
    Task<IReadOnlyList<CustomerSummary>> OrderAsync(IReadOnlyList<CustomerSummary> stops, CancellationToken cancellationToken);
}

/// <summary>Orders a rep's stops with the library's route planner, starting and ending at the first stop's position
/// (the demo has no office per rep); deterministic for the fixed seed.</summary>
internal sealed class PlannerRouteSource(CustomerCore.Routing.IRoutePlanner planner) : IRouteSource
{
    public async Task<IReadOnlyList<CustomerSummary>> OrderAsync(IReadOnlyList<CustomerSummary> stops, CancellationToken cancellationToken)
    {
        var located = stops.Where(s => s.Location is not null).ToList();
        if (located.Count < 2)
        {
            return located;
        }

        var byId = located.ToDictionary(s => s.Id.ToString(), StringComparer.Ordinal);
        var plan = await planner.PlanAsync(new CustomerCore.Routing.RouteRequest
        {
            Start = located[0].Location!.Value,
            Stops = [.. located.Skip(1).Select(s => new CustomerCore.Routing.RouteStop { Id = s.Id.ToString(), Location = s.Location!.Value })],
            Seed = 1,
        }, cancellationToken);
        return [located[0], .. plan.Visits.Select(v => byId[v.StopId])];
    }
}

/// <summary>Maps the map-page endpoints: customer points, clusters and a rep's route.</summary>
internal static class MapEndpoints
{
    public static void MapMapEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/map").WithTags("Map");
        group.MapGet("/customers", async (HttpContext http, ICustomerService service, CancellationToken ct) =>
            (await LocatedAsync(http, service, ct)).Select(c => new { c.Id, c.DisplayName, c.Segment, c.OwnerId, c.City, lat = c.Location!.Value.Latitude, lon = c.Location!.Value.Longitude }))
            .WithSummary("Lists the located customers the caller may see, with their segment.");
        group.MapGet("/clusters", async (HttpContext http, ICustomerService service, double? cellDegrees, CancellationToken ct) =>
        {
            double cell = Math.Clamp(cellDegrees ?? 1.0, 0.01, 45);
            var located = await LocatedAsync(http, service, ct);

            // Grid clustering on the degree grid: a stand-in for the geo capability's clustering.
            return located
                .GroupBy(c => ((int)Math.Floor(c.Location!.Value.Latitude / cell), (int)Math.Floor(c.Location!.Value.Longitude / cell)))
                .Select(g => new { count = g.Count(), lat = g.Average(c => c.Location!.Value.Latitude), lon = g.Average(c => c.Location!.Value.Longitude) })
                .ToList();
        }).WithSummary("Groups the located customers into grid clusters.");
        group.MapGet("/route", async (HttpContext http, ICustomerService service, IRouteSource router, string? rep, string? city, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(rep))
            {
                return Results.Problem(statusCode: 400, title: "rep is required.", detail: "Pass the owner id of a sales rep, e.g. rep=rep-1.");
            }

            var stops = (await LocatedAsync(http, service, ct))
                .Where(c => string.Equals(c.OwnerId, rep, StringComparison.OrdinalIgnoreCase)
                    && (string.IsNullOrWhiteSpace(city) || string.Equals(c.City, city, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            var ordered = await router.OrderAsync(stops, ct);
            return Results.Ok(new
            {
                rep,
                stops = ordered.Select((c, i) => new { order = i + 1, c.Id, c.DisplayName, lat = c.Location!.Value.Latitude, lon = c.Location!.Value.Longitude }),
            });
        }).WithSummary("Gets the ordered visit list of a rep's customers.");
    }

    private static async Task<List<CustomerSummary>> LocatedAsync(HttpContext http, ICustomerService service, CancellationToken ct)
    {
        var caller = DemoUsers.Resolve(http);
        var list = new List<CustomerSummary>();
        await foreach (var c in service.StreamAsync(caller, ct))
        {
            var summary = CustomerSummary.From(c);
            if (summary.Location is not null)
            {
                list.Add(summary);
            }
        }

        return list;
    }
}
