using CustomerCore.Customers;

namespace CustomerCore.Routing;

/// <summary>Asks for visits spread over several working days from one base, each day within a time limit.</summary>
public sealed record MultiDayRouteRequest
{
    /// <summary>Gets the base the rep leaves from and returns to each day.</summary>
    public required GeoPoint Start { get; init; }

    /// <summary>Gets the stops to visit over the days.</summary>
    public required IReadOnlyList<RouteStop> Stops { get; init; }

    /// <summary>Gets the departure time of each day, in order; their count is the number of days.</summary>
    public required IReadOnlyList<DateTimeOffset> Days { get; init; }

    /// <summary>Gets the longest a day may take, from departure to return, service included.</summary>
    public TimeSpan DailyLimit { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Gets the solver budget for each day.</summary>
    public TimeSpan TimeBudgetPerDay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the random seed.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>Holds the plan of each day and the stops no day could take.</summary>
/// <param name="Days">One plan per requested day, in order (empty plans for days without visits).</param>
/// <param name="Unserved">Stops left out, with reasons.</param>
public sealed record MultiDayRoutePlan(IReadOnlyList<RoutePlan> Days, IReadOnlyList<UnservedStop> Unserved);

/// <summary>Spreads visits over days: a VRPTW with days as vehicles, each departing at its day's start and back within the
/// daily limit, solved jointly so every stop lands on the day and position where it costs least and fits its window.</summary>
/// <remarks>With the built-in planner the days are solved by ruin and recreate (see the routing docs); with a host's own
/// <see cref="IRoutePlanner"/> a sweep by bearing fills each day in turn (Gillett and Miller's cluster-first, route-second).
/// A stop no day can serve is reported, never dropped silently.</remarks>
public static class MultiDayPlanner
{
    /// <summary>Plans the days.</summary>
    /// <param name="planner">The single-day planner.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Stops the search early.</param>
    /// <returns>The plan per day and the unserved stops.</returns>
    /// <exception cref="ArgumentException">There are no days, or the daily limit is not positive.</exception>
    public static async Task<MultiDayRoutePlan> PlanAsync(IRoutePlanner planner, MultiDayRouteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Days is not { Count: > 0 } || request.DailyLimit <= TimeSpan.Zero)
        {
            throw new ArgumentException("Give at least one day and a positive daily limit.", nameof(request));
        }

        if (planner is RoutePlanner ours)
        {
            return await ours.PlanDaysAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // A host's own planner: sweep the stops by angle and fill the days in turn.
        var centre = request.Start;
        var order = request.Stops.OrderBy(s => Math.Atan2(s.Location.Latitude - centre.Latitude, s.Location.Longitude - centre.Longitude)).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();

        // Start the sweep at the widest angular gap, so no day straddles two far-apart sectors.
        if (order.Count > 1)
        {
            var angles = order.Select(s => Math.Atan2(s.Location.Latitude - centre.Latitude, s.Location.Longitude - centre.Longitude)).ToList();
            var gapAt = 0;
            var widest = (angles[0] + (2 * Math.PI)) - angles[^1];
            for (var i = 1; i < angles.Count; i++)
            {
                if (angles[i] - angles[i - 1] > widest)
                {
                    (widest, gapAt) = (angles[i] - angles[i - 1], i);
                }
            }

            order = [.. order.Skip(gapAt), .. order.Take(gapAt)];
        }

        var plans = new List<RoutePlan>(request.Days.Count);
        var unserved = new List<UnservedStop>();
        var next = 0;
        for (var d = 0; d < request.Days.Count; d++)
        {
            var day = new List<RouteStop>();
            RoutePlan? accepted = null;
            while (next < order.Count)
            {
                var candidate = await PlanDayAsync(planner, request, d, [.. day, order[next]], cancellationToken).ConfigureAwait(false);
                if (candidate.TotalDuration > request.DailyLimit || candidate.Unserved.Count > 0)
                {
                    if (day.Count == 0)
                    {
                        // Not even alone: no later day will take it either.
                        unserved.Add(new UnservedStop(order[next].Id, candidate.Unserved.Count > 0 ? candidate.Unserved[0].Reason : "Its round trip alone exceeds the daily limit."));
                        next++;
                        continue;
                    }

                    break;
                }

                day.Add(order[next++]);
                accepted = candidate;
            }

            plans.Add(accepted ?? new RoutePlan([], 0, TimeSpan.Zero, []));
        }

        for (; next < order.Count; next++)
        {
            unserved.Add(new UnservedStop(order[next].Id, "No day had room left within the daily limit."));
        }

        return new MultiDayRoutePlan(plans, unserved);
    }

    private static Task<RoutePlan> PlanDayAsync(IRoutePlanner planner, MultiDayRouteRequest request, int day, IReadOnlyList<RouteStop> stops, CancellationToken cancellationToken) =>
        planner.PlanAsync(new RouteRequest { Start = request.Start, Stops = stops, DepartAt = request.Days[day], TimeBudget = request.TimeBudgetPerDay, Seed = request.Seed, MaxIterations = 200 }, cancellationToken);
}
