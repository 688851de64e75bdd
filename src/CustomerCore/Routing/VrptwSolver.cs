using System.Diagnostics;

namespace CustomerCore.Routing;

/// <summary>A vehicle routing problem with time windows and capacity, in solver units (node 0 is the depot).</summary>
/// <remarks>Vehicles may start at different times (days as vehicles: each day's departure and latest return), so the
/// depot's window lives on the vehicle, not on node 0. Travel and distance matrices are row-major <c>Nodes × Nodes</c>.</remarks>
internal sealed class VrptwProblem
{
    public required int Nodes { get; init; }

    public required double[] Distance { get; init; }

    public required double[] Travel { get; init; }

    public required double[] Ready { get; init; }

    public required double[] Due { get; init; }

    public required double[] Service { get; init; }

    public required int[] Demand { get; init; }

    public int Capacity { get; init; } = int.MaxValue;

    public required double[] VehicleStart { get; init; }

    public required double[] VehicleEnd { get; init; }

    public int Vehicles => VehicleStart.Length;
}

/// <summary>Routes per vehicle (customer nodes in visiting order, possibly empty), their total distance, and the
/// customers no vehicle could serve within their windows and the capacity.</summary>
internal sealed record VrptwSolution(int[][] Routes, double Distance, int[] Unassigned);

/// <summary>Solves <see cref="VrptwProblem"/> by ruin and recreate: slack-induced string removals (SISR, Christiaens and
/// Vanden Berghe 2020) and greedy cheapest insertion with blinks, accepted by simulated annealing on distance.</summary>
/// <remarks>
/// One iteration removes about ten customers as strings from routes near a random seed and reinserts them in one of
/// four orders; an insertion is tested in O(1) per position from each route's forward start times and backward
/// latest starts, so an iteration costs O(removed · n) plus O(route length) per touched route. Memory is the two
/// matrices plus O(n²) for the neighbour lists. The temperature follows the larger of the iteration and clock fractions:
/// with an unbounded budget the run is deterministic for a seed; a run cut by the clock returns the best found so far.
/// </remarks>
internal sealed class VrptwSolver
{
    private const double BlinkRate = 0.01;
    private const int MaxStringLength = 10;
    private const double AverageRemoved = 10;
    private readonly VrptwProblem _p;
    private readonly int _n;
    private readonly int[][] _near;
    private readonly double _unassignedPenalty;

    public VrptwSolver(VrptwProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _p = problem;
        _n = problem.Nodes;
        _near = BuildNeighbours();
        var longest = 0.0;
        for (var i = 0; i < _n; i++)
        {
            longest = Math.Max(longest, problem.Distance[i] + problem.Distance[i * _n]);
        }

        // Serving a customer always beats leaving it out: the penalty exceeds any round trip to it.
        _unassignedPenalty = (10 * longest) + 1;
    }

    public VrptwSolution Solve(int seed, TimeSpan budget, int maxIterations, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var started = Stopwatch.GetTimestamp();
        var current = new State(this);
        var all = new List<int>(_n);
        for (var c = 1; c < _n; c++)
        {
            all.Add(c);
        }

        current.Recreate(all, random, order: 1);
        var best = current.Clone();
        var candidate = current.Clone();
        var (t0, tf) = Temperatures();
        for (var iteration = 0; iteration < maxIterations && _n > 1; iteration++)
        {
            if ((iteration & 63) == 0 && (cancellationToken.IsCancellationRequested || Stopwatch.GetElapsedTime(started) > budget))
            {
                break;
            }

            var fraction = Math.Max((double)iteration / maxIterations, Stopwatch.GetElapsedTime(started) / budget);
            var temperature = t0 * Math.Pow(tf / t0, Math.Min(1, fraction));
            candidate.CopyFrom(current);
            var removed = candidate.Ruin(random);
            candidate.Recreate(removed, random, random.Next(4));
            if (candidate.Cost < current.Cost - (temperature * Math.Log(random.NextDouble())))
            {
                current.CopyFrom(candidate);
                if (current.Cost < best.Cost - 1e-9)
                {
                    best.CopyFrom(current);
                }
            }
        }

        return best.ToSolution();
    }

    /// <summary>Checks a solution from scratch: every customer served once or listed unassigned, capacity, windows, returns.</summary>
    /// <returns>The first violation found, or null when the solution is feasible.</returns>
    public static string? FindViolation(VrptwProblem p, VrptwSolution solution)
    {
        var n = p.Nodes;
        var seen = new int[n];
        foreach (var u in solution.Unassigned)
        {
            seen[u]++;
        }

        var distance = 0.0;
        for (var r = 0; r < solution.Routes.Length; r++)
        {
            var time = p.VehicleStart[r];
            var load = 0;
            var prev = 0;
            foreach (var c in solution.Routes[r])
            {
                seen[c]++;
                load += p.Demand[c];
                distance += p.Distance[(prev * n) + c];
                time = Math.Max(time + p.Travel[(prev * n) + c], p.Ready[c]);
                if (time > p.Due[c] + 1e-9)
                {
                    return $"route {r}: customer {c} starts at {time} after its due time {p.Due[c]}";
                }

                time += p.Service[c];
                prev = c;
            }

            distance += p.Distance[prev * n];
            if (time + p.Travel[prev * n] > p.VehicleEnd[r] + 1e-9)
            {
                return $"route {r}: returns at {time + p.Travel[prev * n]} after {p.VehicleEnd[r]}";
            }

            if (load > p.Capacity)
            {
                return $"route {r}: load {load} over capacity {p.Capacity}";
            }
        }

        for (var c = 1; c < n; c++)
        {
            if (seen[c] != 1)
            {
                return $"customer {c} appears {seen[c]} times";
            }
        }

        return Math.Abs(distance - solution.Distance) > 1e-6 * Math.Max(1, distance) ? $"distance {solution.Distance} but routes measure {distance}" : null;
    }

    private (double T0, double Tf) Temperatures()
    {
        // Scale the schedule to the instance: about twice an average edge at the start, a fiftieth of it at the end.
        var sum = 0.0;
        var count = 0;
        for (var i = 1; i < _n; i++)
        {
            for (var k = 0; k < Math.Min(5, _near[i].Length); k++)
            {
                sum += _p.Distance[(i * _n) + _near[i][k]];
                count++;
            }
        }

        var edge = count == 0 ? 1 : Math.Max(sum / count, 1e-6);
        return (2 * edge, 0.02 * edge);
    }

    private int[][] BuildNeighbours()
    {
        var near = new int[_n][];
        var keys = new double[Math.Max(0, _n - 2)];
        for (var i = 1; i < _n; i++)
        {
            var list = new int[_n - 2];
            var k = 0;
            for (var j = 1; j < _n; j++)
            {
                if (j != i)
                {
                    keys[k] = _p.Distance[(i * _n) + j];
                    list[k++] = j;
                }
            }

            Array.Sort(keys, list);
            near[i] = list;
        }

        near[0] = [];
        return near;
    }

    /// <summary>One solution with the per-route caches that make insertion checks O(1).</summary>
    private sealed class State
    {
        private readonly VrptwSolver _s;
        private readonly List<int>[] _routes;
        private readonly int[] _load;
        private readonly double[][] _start;
        private readonly double[][] _latest;
        private readonly int[] _routeOf;
        private readonly List<int> _unassigned;
        private readonly List<int> _removed;
        private readonly HashSet<int> _ruinedRoutes = [];

        public State(VrptwSolver solver)
        {
            _s = solver;
            var v = solver._p.Vehicles;
            _routes = new List<int>[v];
            _load = new int[v];
            _start = new double[v][];
            _latest = new double[v][];
            for (var r = 0; r < v; r++)
            {
                _routes[r] = new List<int>(8);
                _start[r] = new double[solver._n];
                _latest[r] = new double[solver._n];
            }

            _routeOf = new int[solver._n];
            Array.Fill(_routeOf, -1);
            _unassigned = new List<int>(solver._n);
            _removed = new List<int>(32);
        }

        public double Distance { get; private set; }

        public double Cost => Distance + (_unassigned.Count * _s._unassignedPenalty);

        public State Clone()
        {
            var copy = new State(_s);
            copy.CopyFrom(this);
            return copy;
        }

        public void CopyFrom(State other)
        {
            for (var r = 0; r < _routes.Length; r++)
            {
                _routes[r].Clear();
                _routes[r].AddRange(other._routes[r]);
                _load[r] = other._load[r];
                var len = other._routes[r].Count;
                Array.Copy(other._start[r], _start[r], len);
                Array.Copy(other._latest[r], _latest[r], len);
            }

            Array.Copy(other._routeOf, _routeOf, _routeOf.Length);
            _unassigned.Clear();
            _unassigned.AddRange(other._unassigned);
            Distance = other.Distance;
        }

        public VrptwSolution ToSolution() =>
            new([.. _routes.Select(r => r.ToArray())], Distance, [.. _unassigned.Order()]);

        /// <summary>Removes strings of customers from routes near a random seed customer; returns the removed ones.</summary>
        public List<int> Ruin(Random random)
        {
            _removed.Clear();
            _ruinedRoutes.Clear();
            var p = _s._p;
            var n = _s._n;
            var assigned = n - 1 - _unassigned.Count;
            var averageRoute = Math.Max(1.0, assigned / (double)Math.Max(1, NonEmptyRoutes()));
            var maxString = Math.Min(MaxStringLength, averageRoute);
            var maxStrings = (4 * AverageRemoved / (1 + maxString)) - 1;
            var strings = (int)Math.Floor((random.NextDouble() * maxStrings) + 1);
            var seed = 1 + random.Next(n - 1);

            // Previously unassigned customers are always retried.
            _removed.AddRange(_unassigned);
            _unassigned.Clear();
            var near = _s._near[seed];
            for (var k = -1; k < near.Length && _ruinedRoutes.Count < strings; k++)
            {
                var c = k < 0 ? seed : near[k];
                var r = _routeOf[c];
                if (r < 0 || !_ruinedRoutes.Add(r))
                {
                    continue;
                }

                var route = _routes[r];
                var length = 1 + random.Next((int)Math.Min(maxString, route.Count));
                var at = route.IndexOf(c);
                var first = Math.Clamp(at - random.Next(length), 0, route.Count - length);
                for (var i = first; i < first + length; i++)
                {
                    _removed.Add(route[i]);
                    _routeOf[route[i]] = -1;
                    _load[r] -= p.Demand[route[i]];
                }

                route.RemoveRange(first, length);
                Refresh(r);
            }

            Distance = 0;
            for (var r = 0; r < _routes.Length; r++)
            {
                Distance += RouteDistance(r);
            }

            return _removed;
        }

        /// <summary>Inserts each customer at its cheapest feasible position (skipping positions at the blink rate).</summary>
        public void Recreate(List<int> customers, Random random, int order)
        {
            var p = _s._p;
            var n = _s._n;
            var pending = customers.ToArray();
            switch (order)
            {
                case 0:
                    random.Shuffle(pending);
                    break;
                case 1:
                    Array.Sort(pending, (a, b) => p.Demand[b].CompareTo(p.Demand[a]));
                    break;
                case 2:
                    Array.Sort(pending, (a, b) => p.Distance[b].CompareTo(p.Distance[a])); // far from the depot first
                    break;
                default:
                    Array.Sort(pending, (a, b) => p.Due[a].CompareTo(p.Due[b])); // tightest deadline first
                    break;
            }

            foreach (var u in pending)
            {
                var bestRoute = -1;
                var bestAt = -1;
                var bestDelta = double.PositiveInfinity;
                var triedEmpty = false;
                for (var r = 0; r < _routes.Length; r++)
                {
                    if (_load[r] + p.Demand[u] > p.Capacity)
                    {
                        continue;
                    }

                    var route = _routes[r];
                    if (route.Count == 0)
                    {
                        // Identical empty vehicles are interchangeable: try one per start time.
                        if (triedEmpty && r > 0 && p.VehicleStart[r] == p.VehicleStart[r - 1] && p.VehicleEnd[r] == p.VehicleEnd[r - 1])
                        {
                            continue;
                        }

                        triedEmpty = true;
                    }

                    for (var at = 0; at <= route.Count; at++)
                    {
                        if (random.NextDouble() < BlinkRate)
                        {
                            continue;
                        }

                        var prev = at == 0 ? 0 : route[at - 1];
                        var next = at == route.Count ? 0 : route[at];
                        var delta = p.Distance[(prev * n) + u] + p.Distance[(u * n) + next] - p.Distance[(prev * n) + next];
                        if (delta < bestDelta && Fits(r, at, u))
                        {
                            (bestRoute, bestAt, bestDelta) = (r, at, delta);
                        }
                    }
                }

                if (bestRoute < 0)
                {
                    _unassigned.Add(u);
                    continue;
                }

                _routes[bestRoute].Insert(bestAt, u);
                _routeOf[u] = bestRoute;
                _load[bestRoute] += p.Demand[u];
                Distance += bestDelta;
                Refresh(bestRoute);
            }
        }

        private bool Fits(int r, int at, int u)
        {
            var p = _s._p;
            var n = _s._n;
            var route = _routes[r];
            var prev = at == 0 ? 0 : route[at - 1];
            var depart = at == 0 ? p.VehicleStart[r] : _start[r][at - 1] + p.Service[prev];
            var startU = Math.Max(depart + p.Travel[(prev * n) + u], p.Ready[u]);
            if (startU > p.Due[u])
            {
                return false;
            }

            var next = at == route.Count ? 0 : route[at];
            var arriveNext = startU + p.Service[u] + p.Travel[(u * n) + next];
            return at == route.Count ? arriveNext <= p.VehicleEnd[r] : arriveNext <= _latest[r][at];
        }

        // Forward service starts and backward latest starts of one route: O(route length).
        private void Refresh(int r)
        {
            var p = _s._p;
            var n = _s._n;
            var route = _routes[r];
            var start = _start[r];
            var latest = _latest[r];
            var time = p.VehicleStart[r];
            var prev = 0;
            for (var i = 0; i < route.Count; i++)
            {
                var c = route[i];
                time = Math.Max(time + p.Travel[(prev * n) + c], p.Ready[c]);
                start[i] = time;
                time += p.Service[c];
                prev = c;
            }

            var bound = p.VehicleEnd[r];
            var after = 0;
            for (var i = route.Count - 1; i >= 0; i--)
            {
                var c = route[i];
                bound = Math.Min(p.Due[c], bound - p.Travel[(c * n) + after] - p.Service[c]);
                latest[i] = bound;
                after = c;
            }
        }

        private double RouteDistance(int r)
        {
            var p = _s._p;
            var n = _s._n;
            var total = 0.0;
            var prev = 0;
            foreach (var c in _routes[r])
            {
                total += p.Distance[(prev * n) + c];
                prev = c;
            }

            return total + p.Distance[prev * n];
        }

        private int NonEmptyRoutes()
        {
            var count = 0;
            foreach (var r in _routes)
            {
                count += r.Count > 0 ? 1 : 0;
            }

            return count;
        }
    }
}
