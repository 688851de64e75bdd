using System.Diagnostics;
using System.Globalization;
using System.Text;
using CustomerCore.Benchmarks.Infrastructure;
using CustomerCore.Customers;
using CustomerCore.Import;
using CustomerCore.Phones;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Benchmarks.Import;

/// <summary><c>evaluate import-phases [rows] [--db sqlite|memory] [--batch N]</c>: runs each phase of an import on its own,
/// one after the other, over the generated rows and prints wall and process CPU µs per row for each phase.</summary>
/// <remarks>Phases: read (CSV parse), build (row → customer without and with address standardization), phones (the
/// phone normalizer alone), validate (phones + emails + names), match (the contact index the importer uses, then the
/// old exact phone/email lookups of every row in the store, per batch before the batch is written), write (<c>CreateManyAsync</c>: a second validation plus the store's bulk insert),
/// and write through the validated fast path the importer uses (the store's bulk insert only; µs per input row).</remarks>
public sealed class ImportPhasesEvaluator : IEvaluator
{
    public string Name => "import-phases";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var db = EvaluatorArgs.Value(args, "--db", "sqlite");
        var batchSize = int.Parse(EvaluatorArgs.Value(args, "--batch", "10000"), CultureInfo.InvariantCulture);
        using var csvText = new StringWriter();
        ImportData.Write(csvText, rows);
        var csvBytes = Encoding.UTF8.GetBytes(csvText.ToString());

        var file = Path.Combine(Path.GetTempPath(), $"customercore-phases-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();
        var builder = services.AddCustomerCore();
        _ = db switch
        {
            "sqlite" => builder.AddSqliteStorage(o => o.ConnectionString = $"Data Source={file}"),
            "memory" => builder.AddInMemoryStorage(),
            _ => throw new ArgumentException("--db must be sqlite or memory.", nameof(args)),
        };
        await using var provider = services.BuildServiceProvider();
        var importer = (CustomerImporter)provider.GetRequiredService<ICustomerImporter>();
        var standardizer = provider.GetRequiredService<IImportAddressStandardizer>();
        var validator = provider.GetRequiredService<ICustomerValidator>();
        var phones = provider.GetRequiredService<IPhoneNormalizer>();
        var service = provider.GetRequiredService<ICustomerService>();
        var noOp = new NoOpImportAddressStandardizer();
        var options = new ImportOptions();

        // Warm up every phase on a few rows so that JIT and data loading (gazetteer, phone metadata) are not measured.
        using (var warm = new StringWriter())
        {
            ImportData.Write(warm, 200, seed: 1);
            using var reader = new StreamReader(new MemoryStream(Encoding.UTF8.GetBytes(warm.ToString())));
            await foreach (var row in CustomerImporter.ReadRowsAsync(reader, options, cancellationToken))
            {
                if (row.Values is { } v)
                {
                    _ = validator.Validate(CustomerImporter.BuildCustomer(v, "import", standardizer));
                }
            }
        }

        var table = new List<(string Phase, double Wall, double Cpu, long Items, long Bytes)>();
        var rawRows = new List<CustomerImporter.RawRow>(rows);
        await MeasureAsync("read CSV", rows, async () =>
        {
            using var reader = await TextEncodingDetector.OpenAsync(new MemoryStream(csvBytes), cancellationToken);
            await foreach (var row in CustomerImporter.ReadRowsAsync(reader, options, cancellationToken))
            {
                rawRows.Add(row);
            }
        });
        var valid = rawRows.Where(r => r.Values is not null).ToList();
        var built = new Customer[valid.Count];
        Task BuildAll(IImportAddressStandardizer addresses)
        {
            ImportLabelPool? labels = null;
            for (var i = 0; i < valid.Count; i++)
            {
                labels = i % CustomerImporter.ChunkSize == 0 ? new ImportLabelPool() : labels; // one per chunk, as the importer
                built[i] = CustomerImporter.BuildCustomer(valid[i].Values!, "import", addresses, labels);
            }

            return Task.CompletedTask;
        }

        await MeasureAsync("build (no address std.)", valid.Count, () => BuildAll(noOp));
        await MeasureAsync("build (with address std.)", valid.Count, () => BuildAll(standardizer));
        var rawPhones = built.SelectMany(c => c.Phones).Select(p => p.Raw).ToArray();
        await MeasureAsync("phone normalize (alone)", rawPhones.Length, () =>
        {
            foreach (var p in rawPhones)
            {
                _ = phones.Normalize(p);
            }

            return Task.CompletedTask;
        });
        var normalized = new CustomerValidationResult[built.Length];
        var heapBeforeValidate = GC.GetTotalMemory(forceFullCollection: true);
        await MeasureAsync("validate", built.Length, () =>
        {
            for (var i = 0; i < built.Length; i++)
            {
                normalized[i] = validator.Validate(built[i]);
            }

            return Task.CompletedTask;
        });

        // What an import batch keeps alive per waiting row (the validated customer and its result): the GC copies it from
        // generation to generation while the batch waits and is written, so it drives the GC pauses more than the allocations.
        var keptPerRow = (GC.GetTotalMemory(forceFullCollection: true) - heapBeforeValidate) / (double)built.Length;

        // The importer's default: the store is empty at the start, so a row is searched only if this run stored one of its keys.
        var contacts = new ImportContactIndex(storeWasEmpty: true);
        long searched = 0;
        await MeasureAsync("match existing (contact index, empty store)", built.Length, async () =>
        {
            for (var i = 0; i < built.Length; i++)
            {
                if (normalized[i].IsValid)
                {
                    if (contacts.MayMatch(normalized[i].Customer))
                    {
                        searched++;
                        _ = await importer.FindExistingAsync(CallerContext.System, normalized[i].Customer, cancellationToken);
                    }

                    contacts.Add(normalized[i].Customer);
                }
            }
        });

        // The importer's write: the rows it validated, through the validated fast path (new ids, so they do not collide with
        // the public-path write of the same rows just before).
        var writer = (IValidatedCustomerWriter)service;
        var revalidated = normalized.Select(r => r.IsValid ? r.Customer with { Id = CustomerId.New() } : null).ToArray();
        double matchWall = 0, matchCpu = 0, writeWall = 0, writeCpu = 0, fastWall = 0, fastCpu = 0;
        long writeBytes = 0, fastBytes = 0;
        for (var start = 0; start < built.Length; start += batchSize)
        {
            var end = Math.Min(built.Length, start + batchSize);
            var (w, c, _) = await TimeAsync(async () =>
            {
                for (var i = start; i < end; i++)
                {
                    if (normalized[i].IsValid)
                    {
                        _ = await importer.FindExistingAsync(CallerContext.System, normalized[i].Customer, cancellationToken);
                    }
                }
            });
            matchWall += w;
            matchCpu += c;
            long b;
            (w, c, b) = await TimeAsync(() => service.CreateManyAsync(CallerContext.System, built[start..end], cancellationToken));
            writeWall += w;
            writeCpu += c;
            writeBytes += b;
            var fastBatch = revalidated[start..end].OfType<Customer>().ToArray();
            (w, c, b) = await TimeAsync(() => writer.CreateManyValidatedAsync(CallerContext.System, fastBatch, cancellationToken));
            fastWall += w;
            fastCpu += c;
            fastBytes += b;
        }

        table.Add(("match existing (per-row search, 2 lookups)", matchWall, matchCpu, built.Length, 0));
        table.Add(("write (CreateManyAsync)", writeWall, writeCpu, built.Length, writeBytes));
        table.Add(("write (validated fast path, valid rows, what the importer calls)", fastWall, fastCpu, built.Length, fastBytes));

        Console.WriteLine($"| phase ({db}, {rows:N0} rows) | items | wall s | µs/item wall | CPU s | µs/item CPU | bytes allocated/item (process) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (phase, wall, cpu, items, bytes) in table)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {phase} | {items:N0} | {wall:F2} | {wall * 1e6 / items:F1} | {cpu:F2} | {cpu * 1e6 / items:F1} | {(bytes == 0 ? "-" : (bytes / (double)items).ToString("F0", CultureInfo.InvariantCulture))} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Contact index: {searched:N0} of {built.Length:N0} rows searched."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Heap kept per validated row (customer + validation result): {keptPerRow:F0} bytes."));
        await provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }

        return 0;

        async Task MeasureAsync(string phase, long items, Func<Task> action)
        {
            var (wall, cpu, bytes) = await TimeAsync(action);
            table.Add((phase, wall, cpu, items, bytes));
        }
    }

    private static async Task<(double Wall, double Cpu, long Bytes)> TimeAsync(Func<Task> action)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var bytesBefore = GC.GetTotalAllocatedBytes();
        var stopwatch = Stopwatch.StartNew();
        await action();
        stopwatch.Stop();
        return (stopwatch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds, GC.GetTotalAllocatedBytes() - bytesBefore);
    }
}
