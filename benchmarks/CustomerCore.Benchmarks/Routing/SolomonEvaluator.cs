using System.Globalization;
using CustomerCore.Benchmarks.Infrastructure;
using CustomerCore.Routing;
using CustomerCore.TestSupport;
using Google.OrTools.ConstraintSolver;

namespace CustomerCore.Benchmarks.Routing;

/// <summary>Scores the VRPTW solver (the engine of multi-day planning) on the Solomon instances against the best-known
/// distances, side by side with OR-Tools (PATH_CHEAPEST_ARC + GUIDED_LOCAL_SEARCH) at equal budgets; prints one table.</summary>
/// <remarks>Usage: <c>evaluate solomon [--budgets 1000,10000] [--no-ortools]</c>. Distance objective (vehicles free up to the
/// fleet size), so the reference is the best known distance-objective value; the hierarchical (vehicles first) value is shown too.
/// OR-Tools works on integers: distances are scaled by 1000 and its routes are re-measured in double precision.</remarks>
public sealed class SolomonEvaluator : IEvaluator
{
    private const long Scale = 1000;

    public string Name => "solomon";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var budgets = EvaluatorArgs.Value(args, "--budgets", "1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var withOrTools = !args.Contains("--no-ortools");
        var bks = File.ReadLines(SharedData.PathOf("solomon", "bks.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (Name: f[0], Hierarchical: double.Parse(f[5], CultureInfo.InvariantCulture), HierarchicalVehicles: f[4],
                DistanceOnly: double.Parse(f[7], CultureInfo.InvariantCulture), DistanceVehicles: f[6]))
            .ToList();
        Console.WriteLine("| instance | budget ms | best known distance (vehicles) | ours distance (vehicles) | ours gap % | OR-Tools distance (vehicles) | OR-Tools gap % |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var b in bks)
        {
            var problem = SolomonInstance.Parse(File.ReadAllText(SharedData.PathOf("solomon", b.Name + ".txt")));
            foreach (var budget in budgets)
            {
                var ours = new VrptwSolver(problem).Solve(seed: 1, TimeSpan.FromMilliseconds(budget), int.MaxValue, cancellationToken);
                var oursCell = ours.Unassigned.Length > 0
                    ? F($"{ours.Distance:F2} ({ours.Routes.Count(r => r.Length > 0)}, {ours.Unassigned.Length} unserved)")
                    : F($"{ours.Distance:F2} ({ours.Routes.Count(r => r.Length > 0)})");
                var oursGap = 100 * (ours.Distance - b.DistanceOnly) / b.DistanceOnly;
                if (VrptwSolver.FindViolation(problem, ours) is { } violation)
                {
                    oursCell += " INFEASIBLE: " + violation;
                }

                var orCell = "-";
                var orGap = "-";
                if (withOrTools)
                {
                    var (distance, vehicles, left) = SolveWithOrTools(problem, budget);
                    orCell = double.IsNaN(distance) ? "no solution" : F($"{distance:F2} ({vehicles}{(left > 0 ? $", {left} unserved" : "")})");
                    orGap = double.IsNaN(distance) || left > 0 ? "-" : F($"{100 * (distance - b.DistanceOnly) / b.DistanceOnly:F2}");
                }

                Console.WriteLine(F($"| {b.Name} | {budget} | {b.DistanceOnly:F2} ({b.DistanceVehicles}); vehicles first {b.Hierarchical:F2} ({b.HierarchicalVehicles}) | {oursCell} | {oursGap:F2} | {orCell} | {orGap} |"));
            }
        }

        return Task.FromResult(0);
    }

    private static (double Distance, int Vehicles, int Unserved) SolveWithOrTools(VrptwProblem p, int budgetMs)
    {
        var n = p.Nodes;
        var manager = new RoutingIndexManager(n, p.Vehicles, 0);
        var routing = new RoutingModel(manager);
        long Scaled(double v) => (long)Math.Round(v * Scale);
        var cost = routing.RegisterTransitCallback((from, to) => Scaled(p.Distance[(manager.IndexToNode(from) * n) + manager.IndexToNode(to)]));
        routing.SetArcCostEvaluatorOfAllVehicles(cost);
        var time = routing.RegisterTransitCallback((from, to) =>
        {
            var i = manager.IndexToNode(from);
            return Scaled(p.Service[i] + p.Travel[(i * n) + manager.IndexToNode(to)]);
        });
        routing.AddDimension(time, Scaled(p.VehicleEnd[0]), Scaled(p.VehicleEnd[0]), false, "Time");
        var timeDimension = routing.GetDimensionOrDie("Time");
        for (var i = 1; i < n; i++)
        {
            timeDimension.CumulVar(manager.NodeToIndex(i)).SetRange(Scaled(p.Ready[i]), Scaled(p.Due[i]));
        }

        for (var v = 0; v < p.Vehicles; v++)
        {
            timeDimension.CumulVar(routing.Start(v)).SetRange(Scaled(p.VehicleStart[v]), Scaled(p.VehicleEnd[v]));
            timeDimension.CumulVar(routing.End(v)).SetRange(Scaled(p.VehicleStart[v]), Scaled(p.VehicleEnd[v]));
        }

        var demand = routing.RegisterUnaryTransitCallback(index => p.Demand[manager.IndexToNode(index)]);
        routing.AddDimensionWithVehicleCapacity(demand, 0, [.. Enumerable.Repeat((long)p.Capacity, p.Vehicles)], true, "Capacity");
        // Let OR-Tools leave customers out at a high price, as ours may, so tight windows never leave it without a first solution.
        var penalty = Scaled(10 * p.Distance.Max()) + 1;
        for (var i = 1; i < n; i++)
        {
            routing.AddDisjunction([manager.NodeToIndex(i)], penalty);
        }

        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.PathCheapestArc;
        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        parameters.TimeLimit = new Google.Protobuf.WellKnownTypes.Duration { Seconds = budgetMs / 1000, Nanos = budgetMs % 1000 * 1_000_000 };
        var solution = routing.SolveWithParameters(parameters);
        if (solution is null)
        {
            return (double.NaN, 0, n - 1);
        }

        var total = 0.0;
        var used = 0;
        var served = 0;
        for (var v = 0; v < p.Vehicles; v++)
        {
            var index = routing.Start(v);
            var prev = 0;
            var stops = 0;
            while (!routing.IsEnd(index))
            {
                index = solution.Value(routing.NextVar(index));
                var node = routing.IsEnd(index) ? 0 : manager.IndexToNode(index);
                total += p.Distance[(prev * n) + node];
                prev = node;
                stops++;
                served += node == 0 ? 0 : 1;
            }

            used += stops > 1 ? 1 : 0;
        }

        return (total, used, n - 1 - served);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
