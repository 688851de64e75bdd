using System.Reflection;

namespace CustomerCore.Benchmarks.Infrastructure;

/// <summary>A quality evaluator: scores one capability on the shared benchmark data and prints one table.</summary>
public interface IEvaluator
{
    /// <summary>Gets the name used on the command line (`evaluate addresses`).</summary>
    string Name { get; }

    /// <summary>Runs the evaluation and prints its table to standard output.</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}

public static class Evaluators
{
    public static async Task<int> RunAsync(string[] args)
    {
        var all = typeof(Evaluators).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEvaluator).IsAssignableFrom(t))
            .Select(t => (IEvaluator)Activator.CreateInstance(t)!)
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        if (args.Length == 0 || all.All(e => e.Name != args[0]))
        {
            Console.Error.WriteLine("usage: evaluate <" + string.Join('|', all.Select(e => e.Name)) + "> [options]");
            return 2;
        }

        return await all.First(e => e.Name == args[0]).RunAsync(args[1..], CancellationToken.None);
    }
}
