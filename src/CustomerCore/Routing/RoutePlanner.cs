using CustomerCore.Customers;

namespace CustomerCore.Routing;

/// <summary>Plans visit orders: a TSP over travel time, then a time-window repair that reports what cannot be served.</summary>
/// <remarks>
/// Open routes use the dummy-node reduction: a node at distance 0 from the start (and from the fixed end) and a large
/// distance from every other node turns the best closed tour into the best path. With time windows, stops are
/// relocated to cut lateness (O(n²) moves, each checked in O(n)); stops still late are removed one at a time, the
/// latest first, and reported as unserved.
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
        var order = SolveOrder(matrix, stops.Count, request, endIndex, cancellationToken); // indices into stops
        var unserved = new List<UnservedStop>();
        if (stops.Any(s => s.Window is not null))
        {
            order = RepairWindows(order, matrix, request, endIndex, unserved);
        }

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

    private static List<int> RepairWindows(List<int> order, DistanceMatrix matrix, RouteRequest request, int endIndex, List<UnservedStop> unserved)
    {
        var current = new List<int>(order);
        var (lateness, length) = Evaluate(current, matrix, request, endIndex);
        var improved = lateness > 0;
        while (improved)
        {
            improved = false;
            for (var i = 0; i < current.Count && lateness > 0; i++)
            {
                for (var j = 0; j < current.Count; j++)
                {
                    if (i == j)
                    {
                        continue;
                    }

                    var candidate = new List<int>(current);
                    var stop = candidate[i];
                    candidate.RemoveAt(i);
                    candidate.Insert(j, stop);
                    var (l, len) = Evaluate(candidate, matrix, request, endIndex);
                    if (l < lateness - 1e-6 || (Math.Abs(l - lateness) < 1e-6 && len < length - 1e-6))
                    {
                        (current, lateness, length, improved) = (candidate, l, len, true);
                    }
                }
            }
        }

        // Whatever is still late cannot be served in this route: drop the latest, re-check, repeat.
        while (lateness > 0 && current.Count > 0)
        {
            var worst = LatestStop(current, matrix, request);
            unserved.Add(new UnservedStop(request.Stops[worst].Id, "Cannot be reached inside its time window."));
            current.Remove(worst);
            (lateness, _) = Evaluate(current, matrix, request, endIndex);
        }

        return current;
    }

    private static (double Lateness, double Seconds) Evaluate(List<int> order, DistanceMatrix matrix, RouteRequest request, int endIndex)
    {
        double lateness = 0, travel = 0;
        var time = request.DepartAt;
        var at = 0;
        foreach (var s in order)
        {
            var stop = request.Stops[s];
            var seconds = matrix.Seconds(at, s + 1);
            travel += seconds;
            time = time.AddSeconds(seconds);
            if (stop.Window is { } w)
            {
                if (time < w.Opens)
                {
                    time = w.Opens;
                }
                else if (time > w.Closes)
                {
                    lateness += (time - w.Closes).TotalSeconds;
                }
            }

            time += stop.ServiceTime;
            at = s + 1;
        }

        if (endIndex >= 0)
        {
            travel += matrix.Seconds(at, endIndex);
        }

        return (lateness, travel);
    }

    private static int LatestStop(List<int> order, DistanceMatrix matrix, RouteRequest request)
    {
        var time = request.DepartAt;
        var at = 0;
        var worst = order[0];
        var worstLate = double.MinValue;
        foreach (var s in order)
        {
            var stop = request.Stops[s];
            time = time.AddSeconds(matrix.Seconds(at, s + 1));
            if (stop.Window is { } w)
            {
                var late = (time - w.Closes).TotalSeconds;
                if (late > worstLate)
                {
                    (worst, worstLate) = (s, late);
                }

                if (time < w.Opens)
                {
                    time = w.Opens;
                }
            }

            time += stop.ServiceTime;
            at = s + 1;
        }

        return worst;
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
