using System.Diagnostics;
using System.Globalization;
using CustomerCore.Customers;
using CustomerCore.Benchmarks.Infrastructure;
using CustomerCore.Deduplication;
using CustomerCore.Storage;
using CustomerCore.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace CustomerCore.Benchmarks.Deduplication;

/// <summary>`evaluate dedupe-store [--n 1000000] [--db PATH] [--probes 400] [--scan]`: entry-time checks (and optionally
/// a full scan) against a SQLite store of generated customers with realistic errors; prints one table.</summary>
/// <remarks>The database is built once with the bulk upsert API and reused when it already holds N customers.
/// Probes are half corrupted copies of stored customers (not stored themselves) and half new people.</remarks>
public sealed class DedupeStoreEvaluator : IEvaluator
{
    public string Name => "dedupe-store";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var n = EvaluatorArgs.Int(args, "--n", 1_000_000);
        var probes = EvaluatorArgs.Int(args, "--probes", 400);
        var db = EvaluatorArgs.Value(args, "--db", Path.Combine(Path.GetTempPath(), $"customercore-dedupe-{n}.db"));
        var store = new SqliteCustomerStore(Options.Create(new SqliteStorageOptions { ConnectionString = "Data Source=" + db }));

        var (records, truth) = DedupeGenerator.Generate(n + probes, 777);
        var build = Stopwatch.StartNew();
        if (await store.CountAsync(cancellationToken) != n)
        {
            for (var start = 0; start < n; start += 10_000)
            {
                var batch = new List<Customer>(10_000);
                for (var i = start; i < Math.Min(n, start + 10_000); i++)
                {
                    batch.Add(ToCustomer(records[i], i));
                }

                await store.UpsertBatchAsync(batch, null, cancellationToken);
            }
        }

        build.Stop();

        // Probes: records after the first n. A probe whose entity has a stored record is a duplicate probe.
        var stored = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            if (!stored.TryGetValue(truth[i], out var list))
            {
                stored[truth[i]] = list = [];
            }

            list.Add(i);
        }

        var finder = new CustomerDuplicateFinder(store, Options.Create(new DeduplicationOptions()));
        var fit = Stopwatch.StartNew();
        await finder.FindDuplicatesAsync(ToCustomer(records[0], n + probes + 1) with { Id = CustomerId.New() }, 10, cancellationToken);
        fit.Stop();

        // Half the probes are corrupted copies of random stored customers, half are records the store has never seen.
        var rng = new Random(99);
        var probeSet = new List<(DedupeRecord Record, int Entity)>();
        for (var p = 0; p < probes; p++)
        {
            if (p % 2 == 0)
            {
                var i = rng.Next(n);
                probeSet.Add((DedupeGenerator.Corrupt(records[i], rng), truth[i]));
            }
            else
            {
                probeSet.Add((records[n + p], truth[n + p]));
            }
        }

        var times = new List<double>();
        int dupProbes = 0, dupFound = 0, newProbes = 0, newFalse = 0;
        for (var p = 0; p < probeSet.Count; p++)
        {
            var probe = ToCustomer(probeSet[p].Record, n + probes + 10 + p);
            var sw = Stopwatch.StartNew();
            var found = await finder.FindDuplicatesAsync(probe, 10, cancellationToken);
            sw.Stop();
            times.Add(sw.Elapsed.TotalMilliseconds);
            var ids = found.Select(c => c.Pair.RightId).ToHashSet(StringComparer.Ordinal);
            if (stored.TryGetValue(probeSet[p].Entity, out var same))
            {
                dupProbes++;
                dupFound += same.Exists(i => ids.Contains(IdOf(i).ToString())) ? 1 : 0;
            }
            else
            {
                newProbes++;
                newFalse += found.Count > 0 ? 1 : 0;
            }
        }

        times.Sort();
        double Pct(double q) => times[Math.Min(times.Count - 1, (int)(q * times.Count))];
        Console.WriteLine("| store customers | build s | model fit s | probes | p50 ms | p95 ms | max ms | duplicate probes found | new probes flagged |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {n:N0} | {build.Elapsed.TotalSeconds:0.0} | {fit.Elapsed.TotalSeconds:0.0} | {probes} | {Pct(0.5):0.00} | {Pct(0.95):0.00} | {times[^1]:0.00} | {dupFound}/{dupProbes} | {newFalse}/{newProbes} |"));

        if (args.Contains("--scan"))
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            var result = await finder.ScanAsync(null, cancellationToken);
            sw.Stop();
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine();
            Console.WriteLine("| scanned customers | seconds | candidate pairs | matched pairs | peak working set MB |");
            Console.WriteLine("|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Assignments.Count:N0} | {sw.Elapsed.TotalSeconds:0.0} | {result.Blocking.CandidatePairs:N0} | {result.Pairs.Count:N0} | {peak / 1048576.0:N0} |"));
        }

        return 0;
    }

    // Deterministic ids, so a reused database and a fresh run agree on which row is which.
    private static CustomerId IdOf(int row) => new(new Guid(row, 0x7dd0, 0x7000, 0x80, 0, 0, 0, 0, 0, 0, 1));

    private static Customer ToCustomer(DedupeRecord r, int row) => new()
    {
        Id = IdOf(row),
        DisplayName = (r.GivenName + " " + r.FamilyName).Trim(),
        GivenName = r.GivenName,
        FamilyName = r.FamilyName,
        DateOfBirth = r.DateOfBirth,
        Phones = [.. r.Phones.Select(p => new PhoneNumber { Raw = p, E164 = p, Type = PhoneType.Mobile })],
        Emails = [.. r.Emails.Select(e => new EmailAddress { Raw = e, Normalized = e })],
        Addresses = [new PostalAddress { Street = r.Street, HouseNumber = r.HouseNumber, City = r.City, Postcode = r.Postcode, CountryCode = "DE" }],
        SourceChannel = "generated",
    };
}
