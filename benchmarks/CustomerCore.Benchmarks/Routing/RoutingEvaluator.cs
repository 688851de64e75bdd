using System.Diagnostics;
using System.Globalization;
using CustomerCore.Benchmarks.Infrastructure;
using CustomerCore.Routing;
using CustomerCore.TestSupport;
using Google.OrTools.ConstraintSolver;

namespace CustomerCore.Benchmarks.Routing;

/// <summary>Scores the visit-order solver on TSPLIB against the optimal lengths, side by side with OR-Tools at equal budgets.</summary>
/// <remarks>Usage: <c>evaluate routing [--budgets 100,1000] [--max-nodes 1002] [--no-ortools]</c>. Single thread for both.</remarks>
public sealed class RoutingEvaluator : IEvaluator
{
    public string Name => "routing";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var budgets = EvaluatorArgs.Value(args, "--budgets", "100,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var maxNodes = int.Parse(EvaluatorArgs.Value(args, "--max-nodes", "1002"), CultureInfo.InvariantCulture);
        var withOrTools = !args.Contains("--no-ortools");
        var optimal = File.ReadLines(SharedData.PathOf("tsplib", "optimal.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(p => p[0], p => long.Parse(p[3], CultureInfo.InvariantCulture));

        Console.WriteLine("| instance | n | budget ms | ours gap % | ours ms | OR-Tools gap % | OR-Tools ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var rows = new List<(int N, int Budget, double Ours, double? OrTools)>();
        foreach (var (name, best) in optimal.OrderBy(kv => kv.Key.Length).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var path = SharedData.PathOf("tsplib", name + ".tsp");
            var instance = TsplibInstance.Parse(File.ReadAllText(path));
            if (instance.Dimension > maxNodes)
            {
                continue;
            }

            foreach (var budget in budgets)
            {
                var sw = Stopwatch.StartNew();
                var tour = instance.Solve(TimeSpan.FromMilliseconds(budget), seed: 1, cancellationToken: cancellationToken);
                var oursMs = sw.Elapsed.TotalMilliseconds;
                var ours = 100.0 * (instance.TourLength(tour) - best) / best;
                double? orGap = null;
                double orMs = 0;
                if (withOrTools)
                {
                    sw.Restart();
                    var orLength = SolveWithOrTools(instance, budget);
                    orMs = sw.Elapsed.TotalMilliseconds;
                    orGap = 100.0 * (orLength - best) / best;
                }

                rows.Add((instance.Dimension, budget, ours, orGap));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {instance.Dimension} | {budget} | {ours:F2} | {oursMs:F0} | {(orGap is { } g ? g.ToString("F2", CultureInfo.InvariantCulture) : "-")} | {(withOrTools ? orMs.ToString("F0", CultureInfo.InvariantCulture) : "-")} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| size class | budget ms | instances | ours mean gap % | OR-Tools mean gap % |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var group in rows.GroupBy(r => (Class: r.N <= 200 ? "≤ 200" : "201-1002", r.Budget)).OrderBy(g => g.Key.Class, StringComparer.Ordinal).ThenBy(g => g.Key.Budget))
        {
            var or = group.All(r => r.OrTools is not null) ? group.Average(r => r.OrTools!.Value).ToString("F2", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key.Class} | {group.Key.Budget} | {group.Count()} | {group.Average(r => r.Ours):F2} | {or} |"));
        }

        return Task.FromResult(0);
    }

    private static long SolveWithOrTools(TsplibInstance instance, int budgetMs)
    {
        var n = instance.Dimension;
        var manager = new RoutingIndexManager(n, 1, 0);
        var routing = new RoutingModel(manager);
        var callback = routing.RegisterTransitCallback((from, to) => instance.Distance(manager.IndexToNode(from), manager.IndexToNode(to)));
        routing.SetArcCostEvaluatorOfAllVehicles(callback);
        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.PathCheapestArc;
        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        parameters.TimeLimit = new Google.Protobuf.WellKnownTypes.Duration { Seconds = budgetMs / 1000, Nanos = budgetMs % 1000 * 1_000_000 };
        var solution = routing.SolveWithParameters(parameters);
        return solution is null ? long.MaxValue : solution.ObjectiveValue();
    }
}
