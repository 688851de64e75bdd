using System.Diagnostics;
using System.Globalization;
using System.Text;
using CustomerCore.Benchmarks.Infrastructure;
using CustomerCore.Customers;
using CustomerCore.Import;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Benchmarks.Import;

/// <summary><c>evaluate import [rows] [--no-match] [--dry-run] [--db sqlite|memory] [--batch N] [--duplicates SHARE]</c>:
/// imports generated rows (about 5 % dirty; SHARE of them repeat an earlier row's phone and email, 0 by default) into a
/// fresh SQLite file (the default) or the in-memory store and prints throughput, memory and whether the counts add up.</summary>
public sealed class ImportEvaluator : IEvaluator
{
    public string Name => "import";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var db = EvaluatorArgs.Value(args, "--db", "sqlite");
        var batchSize = int.Parse(EvaluatorArgs.Value(args, "--batch", "10000"), CultureInfo.InvariantCulture);
        var match = !args.Contains("--no-match", StringComparer.Ordinal);
        var dryRun = args.Contains("--dry-run", StringComparer.Ordinal);
        var duplicates = double.Parse(EvaluatorArgs.Value(args, "--duplicates", "0"), CultureInfo.InvariantCulture);
        var path = Path.Combine(Path.GetTempPath(), $"customercore-import-{rows}.csv");
        int dirty;
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            dirty = ImportData.Write(writer, rows, duplicateShare: duplicates);
        }

        var file = Path.Combine(Path.GetTempPath(), $"customercore-import-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();
        var builder = services.AddCustomerCore();
        _ = db switch
        {
            "sqlite" => builder.AddSqliteStorage(o => o.ConnectionString = $"Data Source={file}"),
            "memory" => builder.AddInMemoryStorage(),
            _ => throw new ArgumentException("--db must be sqlite or memory.", nameof(args)),
        };
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
        // A large buffer: reads are then served from memory instead of a thread-pool hop per 4 kB, which on a loaded machine waits.
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var stopwatch = Stopwatch.StartNew();
        var report = await importer.ImportAsync(CallerContext.System, input, new ImportOptions { BatchSize = batchSize, Rejects = rejects, MatchExisting = match, DryRun = dryRun }, progress, cancellationToken);
        stopwatch.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds; // all threads; on a shared machine wall time waits for other work
        var gcPause = (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var gcs = string.Join('/', Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - gcBefore[g]));

        var stored = await provider.GetRequiredService<CustomerCore.Storage.ICustomerStore>().CountAsync(cancellationToken);
        Console.WriteLine("| store | stored | rows | match existing | dry run | dirty generated | created | updated | merged | rejected | reasons | balanced | seconds | rows/s | CPU s | rows per CPU s | peak working set MB | max heap 1st half MB | max heap 2nd half MB | µs CPU/row | GC pause s | GCs gen0/1/2 | bytes allocated/row | GC mode, PGO |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {db} | {stored:N0} | {report.Total:N0} | {match} | {dryRun} | {dirty:N0} | {report.Created:N0} | {report.Updated:N0} | {report.Merged:N0} | {report.Rejected:N0} | {string.Join(' ', report.RejectedByReason.Select(kv => kv.Key + "=" + kv.Value))} | {report.IsBalanced} | {stopwatch.Elapsed.TotalSeconds:F1} | {report.Total / stopwatch.Elapsed.TotalSeconds:N0} | {cpu:F1} | {report.Total / cpu:N0} | {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} | {maxHeapEarly / 1048576.0:F0} | {maxHeapLate / 1048576.0:F0} | {cpu * 1e6 / report.Total:F1} | {gcPause:F2} | {gcs} | {allocated / (double)report.Total:F0} | {GcMode()} |"));
        File.Delete(path);
        await provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }

        return report.IsBalanced && report.Total == rows && (dryRun || stored == report.Created) ? 0 : 1;
    }

    /// <summary>Names the GC flavour and whether dynamic PGO is on: this host, like the console tool, runs "batch, PGO off"
    /// unless started with <c>DOTNET_gcConcurrent=1</c> or <c>DOTNET_TieredPGO=1</c> (the .NET defaults).</summary>
    private static string GcMode()
    {
        var gc = System.Runtime.GCSettings.IsServerGC ? "server"
            : System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? "batch" : "concurrent";
        var pgo = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") is { } variable
            ? variable != "0"
            : AppContext.GetData("System.Runtime.TieredPGO") is not string configured || !bool.TryParse(configured, out var on) || on;
        return gc + (pgo ? ", PGO on" : ", PGO off");
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
