using CustomerCore.Customers;

namespace CustomerCore.Routing;

/// <summary>Plans visit orders: a TSP over travel time without windows, a one-vehicle VRPTW with them.</summary>
/// <remarks>
/// Open routes use the dummy-node reduction: a node at distance 0 from the start (and from the fixed end) and a large
/// distance from every other node turns the best closed tour into the best path. With time windows the
/// <see cref="VrptwSolver"/> orders the stops (the leg back to its depot is the leg to the route's end) and leaves out only
/// what no order can serve in time, which is reported. Several days are one VRPTW with a vehicle per day.
/// </remarks>
internal sealed class RoutePlanner(IDistanceMatrixProvider distances) : IRoutePlanner
{
    public async Task<RoutePlan> PlanAsync(RouteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        using var activity = CustomerCore.Internal.Telemetry.Source.StartActivity("customercore.route.plan");
        activity?.SetTag("customercore.stops", request.Stops.Count);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var stops = request.Stops;
        var points = new List<GeoPoint>(stops.Count + 2) { request.Start };
        points.AddRange(stops.Select(s => s.Location));
        var endIndex = request.End switch
        {
            RouteEnd.ReturnToStart => 0,
            RouteEnd.Fixed => points.Count,
            _ => -1,
        };
        if (request.End == RouteEnd.Fixed)
        {
            points.Add(request.EndPoint!.Value);
        }

        var matrix = await distances.GetMatrixAsync(points, cancellationToken).ConfigureAwait(false);
        var unserved = new List<UnservedStop>();
        var order = stops.Any(s => s.Window is not null) // indices into stops
            ? SolveWithWindows(matrix, request, endIndex, unserved, cancellationToken)
            : SolveOrder(matrix, stops.Count, request, endIndex, cancellationToken);

        var plan = Schedule(order, matrix, request, endIndex, unserved);
        CustomerCore.Internal.Telemetry.RoutePlanning.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        activity?.SetTag("customercore.unserved", unserved.Count);
        return plan;
    }

    private static void Validate(RouteRequest request)
    {
        if (!request.Start.IsValid)
        {
            throw new ArgumentException("Start must be a valid latitude/longitude.", nameof(request));
        }

        if (request.End == RouteEnd.Fixed && request.EndPoint is not { IsValid: true })
        {
            throw new ArgumentException("A fixed end needs a valid EndPoint.", nameof(request));
        }

        if (request.TimeBudget <= TimeSpan.Zero)
        {
            throw new ArgumentException("TimeBudget must be positive.", nameof(request));
        }

        ArgumentNullException.ThrowIfNull(request.Stops);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in request.Stops)
        {
            if (s is null || string.IsNullOrWhiteSpace(s.Id) || !ids.Add(s.Id))
            {
                throw new ArgumentException("Every stop needs a unique, non-blank id.", nameof(request));
            }

            if (!s.Location.IsValid || s.ServiceTime < TimeSpan.Zero || s.Window is { } w && w.Closes < w.Opens)
            {
                throw new ArgumentException($"Stop {s.Id} has an invalid location, a negative service time or a window that closes before it opens.", nameof(request));
            }
        }
    }

    private static List<int> SolveOrder(DistanceMatrix matrix, int stopCount, RouteRequest request, int endIndex, CancellationToken cancellationToken)
    {
        if (stopCount == 0)
        {
            return [];
        }

        // Nodes: 0 = start, 1..k = stops, then the fixed end (if any), then the dummy (for open routes).
        var open = request.End != RouteEnd.ReturnToStart;
        var real = matrix.Count;
        var n = open ? real + 1 : real;
        var big = 0.0;
        for (var i = 0; i < real; i++)
        {
            for (var j = 0; j < real; j++)
            {
                big = Math.Max(big, matrix.Seconds(i, j));
            }
        }

        big = (big * (real + 1)) + 1;
        var d = new double[n * n];
        for (var i = 0; i < real; i++)
        {
            for (var j = 0; j < real; j++)
            {
                d[(i * n) + j] = matrix.Seconds(i, j);
            }
        }

        if (open)
        {
            var dummy = real;
            for (var i = 0; i < real; i++)
            {
                var cost = i == 0 || (request.End == RouteEnd.Fixed && i == endIndex) ? 0 : big;
                d[(dummy * n) + i] = d[(i * n) + dummy] = cost;
            }
        }

        var tour = new TourSolver(d, n).Solve(request.Seed, request.TimeBudget, request.MaxIterations, cancellationToken);

        // Rotate to start at node 0 and orient so the dummy (or the fixed end) comes last.
        var z = Array.IndexOf(tour, 0);
        var rotated = tour[z..].Concat(tour[..z]).ToList();
        if (open && rotated[1] == real)
        {
            rotated = [0, .. Enumerable.Reverse(rotated.Skip(1))];
        }

        return [.. rotated.Where(v => v >= 1 && v <= stopCount).Select(v => v - 1)];
    }

    /// <summary>Plans several days jointly: a VRPTW with one vehicle per day (departing at the day's start, back within
    /// the daily limit), so stops go to the day and position where they cost least and fit their windows.</summary>
    internal async Task<MultiDayRoutePlan> PlanDaysAsync(MultiDayRouteRequest request, CancellationToken cancellationToken)
    {
        var stops = request.Stops;
        var points = new List<GeoPoint>(stops.Count + 1) { request.Start };
        points.AddRange(stops.Select(s => s.Location));
        var matrix = await distances.GetMatrixAsync(points, cancellationToken).ConfigureAwait(false);
        var origin = request.Days[0];
        var starts = request.Days.Select(d => (d - origin).TotalSeconds).ToArray();
        var ends = starts.Select(s => s + request.DailyLimit.TotalSeconds).ToArray();
        var problem = BuildProblem(matrix, stops, origin, endIndex: 0, starts, ends);
        var budget = request.TimeBudgetPerDay * request.Days.Count;
        var solution = new VrptwSolver(problem).Solve(request.Seed, budget, WindowIterations(stops.Count) * request.Days.Count, cancellationToken);
        var days = new List<RoutePlan>(request.Days.Count);
        for (var d = 0; d < request.Days.Count; d++)
        {
            var day = new RouteRequest { Start = request.Start, Stops = stops, DepartAt = request.Days[d] };
            days.Add(Schedule([.. solution.Routes[d].Select(node => node - 1)], matrix, day, 0, []));
        }

        var unserved = solution.Unassigned.Select(node => new UnservedStop(stops[node - 1].Id, "No day can fit it within the daily limit and its time window.")).ToList();
        return new MultiDayRoutePlan(days, unserved);
    }

    // Ruin-and-recreate iterations: each reinserts about ten stops, so a cap growing with the stop count keeps small
    // routes fast; it is fixed (not clock-based), so the same seed gives the same plan.
    private static int WindowIterations(int stops) => Math.Min(5_000, (30 * stops) + 300);

    private static List<int> SolveWithWindows(DistanceMatrix matrix, RouteRequest request, int endIndex, List<UnservedStop> unserved, CancellationToken cancellationToken)
    {
        var problem = BuildProblem(matrix, request.Stops, request.DepartAt, endIndex, [0], [double.MaxValue / 4]);
        var solution = new VrptwSolver(problem).Solve(request.Seed, request.TimeBudget, WindowIterations(request.Stops.Count), cancellationToken);
        foreach (var node in solution.Unassigned)
        {
            unserved.Add(new UnservedStop(request.Stops[node - 1].Id, "Cannot be reached inside its time window."));
        }

        return [.. solution.Routes[0].Select(node => node - 1)];
    }

    /// <summary>Builds the VRPTW over travel seconds: node 0 is the start; the leg back to node 0 is the way to the route's end
    /// (the start, the fixed end, or nothing for open routes); times are seconds after <paramref name="origin"/>.</summary>
    private static VrptwProblem BuildProblem(DistanceMatrix matrix, IReadOnlyList<RouteStop> stops, DateTimeOffset origin, int endIndex, double[] starts, double[] ends)
    {
        var n = stops.Count + 1;
        var cost = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 1; j < n; j++)
            {
                cost[(i * n) + j] = matrix.Seconds(i, j);
            }

            cost[i * n] = i == 0 || endIndex < 0 ? 0 : matrix.Seconds(i, endIndex);
        }

        var ready = new double[n];
        var due = new double[n];
        var service = new double[n];
        Array.Fill(due, double.MaxValue / 4);
        for (var j = 1; j < n; j++)
        {
            var stop = stops[j - 1];
            service[j] = stop.ServiceTime.TotalSeconds;
            if (stop.Window is { } w)
            {
                ready[j] = (w.Opens - origin).TotalSeconds;
                due[j] = (w.Closes - origin).TotalSeconds;
            }
        }

        return new VrptwProblem
        {
            Nodes = n, Distance = cost, Travel = cost, Ready = ready, Due = due, Service = service, Demand = new int[n],
            VehicleStart = starts, VehicleEnd = ends,
        };
    }

    private static RoutePlan Schedule(List<int> order, DistanceMatrix matrix, RouteRequest request, int endIndex, List<UnservedStop> unserved)
    {
        var visits = new List<RouteVisit>(order.Count);
        var time = request.DepartAt;
        var at = 0;
        var metres = 0.0;
        foreach (var s in order)
        {
            var stop = request.Stops[s];
            var leg = matrix.Metres(at, s + 1);
            var travel = matrix.Travel(at, s + 1);
            var arrival = time + travel;
            var start = stop.Window is { } w && arrival < w.Opens ? w.Opens : arrival;
            var departure = start + stop.ServiceTime;
            visits.Add(new RouteVisit(stop.Id, leg, travel, arrival, start, departure));
            metres += leg;
            time = departure;
            at = s + 1;
        }

        if (endIndex >= 0)
        {
            metres += matrix.Metres(at, endIndex);
            time += matrix.Travel(at, endIndex);
        }

        return new RoutePlan(visits, metres, time - request.DepartAt, unserved);
    }
}
