using System.Diagnostics;
using System.Globalization;
using CustomerCore.Benchmarks.Infrastructure;
using CustomerCore.Customers;
using CustomerCore.Storage;
using CustomerCore.Storage.Postgres;
using CustomerCore.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace CustomerCore.Benchmarks.Storage;

/// <summary>Measures bulk upsert throughput, memory and exact-lookup latency at scale on SQLite and PostgreSQL.</summary>
/// <remarks>Usage: <c>evaluate storage [--customers 1000000] [--batch 10000] [--postgres CONNECTION] [--no-sqlite]
/// [--server-pid PID] [--writers 2] [--bulk-load] [--keep FILE.db] [--page-size 16384]</c>. With <c>--keep</c> the SQLite database is
/// written to that file and left there for inspection. Customers are generated in batches (memory stays flat); lookups pick random existing phones and
/// emails. With <c>--server-pid</c> (the postmaster of a local PostgreSQL cluster, Linux only) the table also gives the
/// server's CPU time during the upserts, summed over the postmaster and its live and exited children. With
/// <c>--writers N</c> (PostgreSQL only) N tasks upsert batches concurrently, each batch its own transaction, while one
/// task generates them; the time and client CPU then include generating the customers. With <c>--bulk-load</c> the
/// PostgreSQL row uses <see cref="PostgresCustomerStore.BulkLoadAsync"/> (deferred index build into the empty store),
/// timed including the index rebuild and generating the customers.</remarks>
public sealed class StorageEvaluator : IEvaluator
{
    private static bool s_withLocation = true;
    private static int s_serverPid;
    private static int s_writers = 1;
    private static bool s_bulkLoad;

    public string Name => "storage";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = int.Parse(EvaluatorArgs.Value(args, "--customers", "1000000"), CultureInfo.InvariantCulture);
        var batch = int.Parse(EvaluatorArgs.Value(args, "--batch", "10000"), CultureInfo.InvariantCulture);
        var postgres = EvaluatorArgs.Value(args, "--postgres", string.Empty);
        s_withLocation = !args.Contains("--no-geo");
        s_serverPid = int.Parse(EvaluatorArgs.Value(args, "--server-pid", "0"), CultureInfo.InvariantCulture);
        s_bulkLoad = args.Contains("--bulk-load");
        s_writers = int.Parse(EvaluatorArgs.Value(args, "--writers", "1"), CultureInfo.InvariantCulture);
        Console.WriteLine("| provider | customers | upsert s | customers/s | client CPU s | server CPU s | peak working set MB | phone lookup p50 µs | p99 µs | email lookup p50 µs | 600 m box p50 µs (customers in box) | single AddAsync p50 µs |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        if (args.Contains("--no-sqlite"))
        {
            await MeasurePostgresAsync(postgres, count, batch, cancellationToken);
            return 0;
        }

        var keep = EvaluatorArgs.Value(args, "--keep", string.Empty);
        var file = keep.Length > 0 ? keep : Path.Combine(Path.GetTempPath(), $"cc-scale-{Guid.NewGuid():N}.db");
        try
        {
            var sqlite = new SqliteCustomerStore(Options.Create(new SqliteStorageOptions
            {
                ConnectionString = $"Data Source={file}",
                PageSize = int.Parse(EvaluatorArgs.Value(args, "--page-size", "16384"), CultureInfo.InvariantCulture),
            }));
            await MeasureAsync("SQLite", sqlite, count, batch, cancellationToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in keep.Length > 0 ? [] : new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }

        await MeasurePostgresAsync(postgres, count, batch, cancellationToken);
        return 0;
    }

    private static async Task MeasurePostgresAsync(string postgres, int count, int batch, CancellationToken cancellationToken)
    {
        if (postgres.Length > 0)
        {
            using var pg = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = postgres, Schema = $"scale{Guid.NewGuid():N}"[..20] }));
            var name = s_bulkLoad ? "PostgreSQL BulkLoadAsync" : s_writers > 1 ? $"PostgreSQL, {s_writers} writers" : "PostgreSQL";
            await MeasureAsync(name, pg, count, batch, cancellationToken);
        }
    }

    /// <summary>Sums user and system CPU of the server process tree in seconds (utime, stime, cutime, cstime of
    /// /proc/PID/stat for the postmaster plus utime and stime of its live children), or NaN when not measurable.</summary>
    private static double ServerCpuSeconds()
    {
        if (s_serverPid <= 0 || !OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        const double ticksPerSecond = 100.0; // USER_HZ on Linux
        double total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from 3 (state) on
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (pid == s_serverPid)
            {
                total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / ticksPerSecond;
            }
            else if (parent == s_serverPid)
            {
                total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ticksPerSecond;
            }
        }

        return total;
    }

    private static async Task MeasureAsync(string name, ICustomerStore store, int count, int batchSize, CancellationToken cancellationToken)
    {
        var process = Process.GetCurrentProcess();
        long peak = 0;
        var sw = new Stopwatch();
        var cpu = TimeSpan.Zero;
        var serverBefore = ServerCpuSeconds();
        var concurrent = name.Contains("writers", StringComparison.Ordinal) || name.Contains("Bulk", StringComparison.Ordinal);
        if (store is PostgresCustomerStore pg && name.Contains("Bulk", StringComparison.Ordinal))
        {
            var cpuBefore = process.TotalProcessorTime;
            sw.Start();
            await pg.BulkLoadAsync(GenerateAsync(count), new SyncProgress(() => peak = Math.Max(peak, Environment.WorkingSet)), cancellationToken);
            sw.Stop();
            process.Refresh();
            cpu = process.TotalProcessorTime - cpuBefore;
        }
        else if (concurrent)
        {
            (sw, cpu, peak) = await UpsertConcurrentlyAsync(store, count, batchSize, cancellationToken);
        }

        for (var start = 0; start < count && !concurrent; start += batchSize)
        {
            var batch = new List<Customer>(batchSize);
            for (var i = start; i < Math.Min(count, start + batchSize); i++)
            {
                batch.Add(Generate(i));
            }

            var cpuBefore = process.TotalProcessorTime;
            sw.Start(); // generating the batch is not part of the upsert
            await store.UpsertBatchAsync(batch, null, cancellationToken);
            sw.Stop();
            process.Refresh();
            cpu += process.TotalProcessorTime - cpuBefore;
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
        }

        var seconds = sw.Elapsed.TotalSeconds;
        var server = name.StartsWith("PostgreSQL", StringComparison.Ordinal) ? ServerCpuSeconds() - serverBefore : double.NaN;
        var random = new Random(7);
        var phone = await LatenciesAsync(() => store.QueryAsync(new CustomerQuery { Phone = Phone(random.Next(count)), Page = new PageRequest(10) }, cancellationToken), 2000);
        var email = await LatenciesAsync(() => store.QueryAsync(new CustomerQuery { Email = Email(random.Next(count)), Page = new PageRequest(10) }, cancellationToken), 2000);
        var box = s_withLocation ? await BoxLatencyAsync(store, count, cancellationToken) : "-";
        var single = await SingleAddLatencyAsync(store, count, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {count:N0} | {seconds:F1} | {count / seconds:N0} | {cpu.TotalSeconds:F1} | {(double.IsNaN(server) ? "-" : server.ToString("F1", CultureInfo.InvariantCulture))} | {peak / 1048576.0:F0} | {phone.P50:F0} | {phone.P99:F0} | {email.P50:F0} | {box} | {single:F0} |"));
    }

    private static async Task<(Stopwatch Time, TimeSpan Cpu, long Peak)> UpsertConcurrentlyAsync(ICustomerStore store, int count, int batchSize, CancellationToken cancellationToken)
    {
        var channel = System.Threading.Channels.Channel.CreateBounded<List<Customer>>(s_writers);
        long peak = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var producer = Task.Run(
            async () =>
            {
                for (var start = 0; start < count; start += batchSize)
                {
                    var batch = new List<Customer>(batchSize);
                    for (var i = start; i < Math.Min(count, start + batchSize); i++)
                    {
                        batch.Add(Generate(i));
                    }

                    await channel.Writer.WriteAsync(batch, cancellationToken);
                }

                channel.Writer.Complete();
            },
            cancellationToken);
        var writers = Enumerable.Range(0, s_writers).Select(_ => Task.Run(
            async () =>
            {
                await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken))
                {
                    await store.UpsertBatchAsync(batch, null, cancellationToken);
                    var now = Environment.WorkingSet;
                    long seen;
                    while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
                    {
                    }
                }
            },
            cancellationToken));
        await Task.WhenAll([producer, .. writers]);
        sw.Stop();
        return (sw, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, peak);
    }

    // One customer per transaction into the loaded store (the interactive path): each commit writes its dirty pages
    // whole to the WAL, so this is where the page size shows.
    private static async Task<double> SingleAddLatencyAsync(ICustomerStore store, int count, CancellationToken cancellationToken)
    {
        var times = new double[500];
        for (var i = -50; i < times.Length; i++)
        {
            var customer = Generate(count + 50 + i);
            var t = Stopwatch.GetTimestamp();
            await store.AddAsync(customer, cancellationToken);
            if (i >= 0)
            {
                times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
            }
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }

    private static async Task<(double P50, double P99)> LatenciesAsync(Func<Task<Page<Customer>>> lookup, int n)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await lookup()).Items.Count != 1)
            {
                throw new InvalidOperationException("A lookup did not find exactly one customer.");
            }
        }

        var times = new double[n];
        for (var i = 0; i < n; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await lookup();
            times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }

        Array.Sort(times);
        return (times[n / 2], times[(int)(n * 0.99)]);
    }

    // Customers within about 600 m of a random customer (the map's "nearby" query): answered from the geo index
    // (SQLite R*Tree, PostgreSQL GiST) when the time stays flat as the store grows.
    private static async Task<string> BoxLatencyAsync(ICustomerStore store, int count, CancellationToken cancellationToken)
    {
        var random = new Random(11);
        var times = new double[500];
        long found = 0;
        for (var i = -50; i < times.Length; i++)
        {
            var centre = Generate(random.Next(count)).Addresses[0].Location!.Value;
            var query = new CustomerQuery { Within = GeoBoundingBox.Around(centre, 600), Page = new PageRequest(PageRequest.MaxPageSize) };
            var t = Stopwatch.GetTimestamp();
            var page = await store.QueryAsync(query, cancellationToken);
            if (i >= 0)
            {
                times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                found += page.Items.Count;
            }
        }

        Array.Sort(times);
        return string.Create(CultureInfo.InvariantCulture, $"{times[times.Length / 2]:F0} ({found / (double)times.Length:F0})");
    }

#pragma warning disable CS1998 // a generator with no awaits stands for a streaming source
    private static async IAsyncEnumerable<Customer> GenerateAsync(int count)
#pragma warning restore CS1998
    {
        for (var i = 0; i < count; i++)
        {
            yield return Generate(i);
        }
    }

    private static string Phone(int i) => "+86138" + i.ToString("D8", CultureInfo.InvariantCulture);

    private static string Email(int i) => $"customer{i}@example.com";

    private static Customer Generate(int i) => new()
    {
        Id = new CustomerId(Guid.CreateVersion7()),
        DisplayName = i % 2 == 0 ? $"客户{i}" : $"Customer {i}",
        Phones = [new PhoneNumber { Raw = Phone(i), E164 = Phone(i), Type = PhoneType.Mobile }],
        Emails = [new EmailAddress { Raw = Email(i), Normalized = Email(i) }],
        Addresses = [new PostalAddress { Original = "北京市朝阳区建国路" + i + "号", Location = s_withLocation ? new GeoPoint(39.8 + (i % 1000 * 0.0004), 116.2 + (i / 1000 % 1000 * 0.0006)) : null }],
        OwnerId = "rep-" + (i % 50),
        Tags = [i % 10 == 0 ? "vip" : "regular"],
        UpdatedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
    };

    private sealed class SyncProgress(Action report) : IProgress<long>
    {
        public void Report(long value) => report();
    }
}
