using BenchmarkDotNet.Running;
using CustomerCore.Benchmarks.Infrastructure;

// `evaluate <name>` runs a quality evaluator over ../shared/data and prints one table;
// anything else goes to BenchmarkDotNet (`--filter *Phone*`, `--list flat`).
if (args.Length > 0 && args[0] == "evaluate")
{
    return await Evaluators.RunAsync(args.Skip(1).ToArray());
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
