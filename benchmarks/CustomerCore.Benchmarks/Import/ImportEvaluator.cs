using System.Diagnostics;
using System.Globalization;
using System.Text;
using CustomerCore.Benchmarks.Infrastructure;
using CustomerCore.Customers;
using CustomerCore.Import;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Benchmarks.Import;

/// <summary><c>evaluate import [rows] [--no-match] [--dry-run]</c>: imports generated rows (about 5 % dirty) into the in-memory store and prints throughput, memory and whether the counts add up.</summary>
public sealed class ImportEvaluator : IEvaluator
{
    public string Name => "import";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var match = !args.Contains("--no-match", StringComparer.Ordinal);
        var dryRun = args.Contains("--dry-run", StringComparer.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"customercore-import-{rows}.csv");
        int dirty;
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            dirty = ImportData.Write(writer, rows);
        }

        var services = new ServiceCollection();
        services.AddCustomerCore().AddInMemoryStorage(); // SQLite provider pending (built in parallel).
        await using var provider = services.BuildServiceProvider();
        var importer = provider.GetRequiredService<ICustomerImporter>();
        long maxHeapEarly = 0, maxHeapLate = 0, rowsSeen = 0;
        var progress = new SyncProgress(p =>
        {
            var heap = GC.GetTotalMemory(false);
            rowsSeen = p.RowsRead;
            if (p.RowsRead <= rows / 2) { maxHeapEarly = Math.Max(maxHeapEarly, heap); } else { maxHeapLate = Math.Max(maxHeapLate, heap); }
        });
        await using var rejects = new StreamWriter(Path.ChangeExtension(path, ".rejects.csv"));
        await using var input = File.OpenRead(path);
        var stopwatch = Stopwatch.StartNew();
        var report = await importer.ImportAsync(CallerContext.System, input, new ImportOptions { BatchSize = 10_000, Rejects = rejects, MatchExisting = match, DryRun = dryRun }, progress, cancellationToken);
        stopwatch.Stop();

        Console.WriteLine("| rows | match existing | dry run | dirty generated | created | updated | merged | rejected | reasons | balanced | seconds | rows/s | peak working set MB | max heap 1st half MB | max heap 2nd half MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {report.Total:N0} | {match} | {dryRun} | {dirty:N0} | {report.Created:N0} | {report.Updated:N0} | {report.Merged:N0} | {report.Rejected:N0} | {string.Join(' ', report.RejectedByReason.Select(kv => kv.Key + "=" + kv.Value))} | {report.IsBalanced} | {stopwatch.Elapsed.TotalSeconds:F1} | {report.Total / stopwatch.Elapsed.TotalSeconds:N0} | {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} | {maxHeapEarly / 1048576.0:F0} | {maxHeapLate / 1048576.0:F0} |"));
        File.Delete(path);
        return report.IsBalanced && report.Total == rows ? 0 : 1;
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
