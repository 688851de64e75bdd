using System.Globalization;
using System.Text;
using CustomerCore.Customers;
using CustomerCore.Import;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerCore.Tests.Import;

/// <summary>Tests the batched matching (searches skipped when provably empty) and the two-thread pipeline of the importer.</summary>
public sealed class CustomerImporterPipelineTests
{
    [Theory]
    [InlineData(false, 64)]
    [InlineData(false, 1000)]
    [InlineData(true, 64)]
    [InlineData(true, 1000)]
    public async Task ImportAsync_InFileAndInStoreDuplicates_SameOutcomeAsPerRowSearch(bool seedStore, int batchSize)
    {
        var csv = DuplicateHeavyCsv(rows: 1500, seed: 11);
        using var fast = new Harness(perRowSearch: false);
        using var slow = new Harness(perRowSearch: true);
        if (seedStore)
        {
            await fast.SeedAsync(seed: 11);
            await slow.SeedAsync(seed: 11);
        }

        var (fastReport, fastRejects) = await fast.ImportAsync(csv, new ImportOptions { BatchSize = batchSize });
        var (slowReport, slowRejects) = await slow.ImportAsync(csv, new ImportOptions { BatchSize = batchSize });

        Assert.True(slowReport.Updated > 100, "the file must hold many duplicates for the comparison to mean something");
        Assert.Equal(ImportReportText.Summary(slowReport), ImportReportText.Summary(fastReport));
        Assert.Equal(slowRejects, fastRejects);
        Assert.Equal(await slow.ContentsAsync(), await fast.ContentsAsync());
        Assert.True(fast.Searches < slow.Searches, $"skipping searches: {fast.Searches} vs {slow.Searches}");
    }

    [Fact]
    public async Task ImportAsync_EmptyStore_SearchesOnlyRowsWhoseKeysThisRunStored()
    {
        var csv = new StringBuilder("name,phone,email\n");
        for (var i = 0; i < 300; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{i},1390000{i:D4},p{i}@example.com\n");
        }

        for (var i = 0; i < 100; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Again{i},,P{i * 3}@Example.com\n");
        }

        using var harness = new Harness(perRowSearch: false);

        var (report, _) = await harness.ImportAsync(csv.ToString(), new ImportOptions { BatchSize = 50 });

        Assert.Equal(300, report.Created);
        Assert.Equal(100, report.Updated);
        Assert.Equal(100, harness.Searches);
    }

    [Fact]
    public async Task ImportAsync_NonEmptyStoreWithKeyLookup_SearchesOnlyRowsWithStoredKeys()
    {
        using var harness = new Harness(perRowSearch: false);
        for (var i = 0; i < 10; i++)
        {
            await harness.Service.CreateAsync(CallerContext.System, new Customer { Id = CustomerId.New(), DisplayName = "Old" + i, Phones = [new PhoneNumber { Raw = $"1370000{i:D4}" }] });
        }

        var csv = new StringBuilder("name,phone\n");
        for (var i = 0; i < 100; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"New{i},1370000{i:D4}\n");
        }

        var (report, _) = await harness.ImportAsync(csv.ToString(), new ImportOptions());

        Assert.Equal(10, report.Updated);
        Assert.Equal(90, report.Created);
        Assert.Equal(10, harness.Searches);
    }

    [Fact]
    public async Task ImportAsync_RowMatchesCustomerStoredBeforeTheBatchInFlight_UpdatesIt()
    {
        // Batch 1 (rows 0-9) is stored; batch 2 (rows 10-19) is slow to write while rows 20 and 21 are applied. Row 20 repeats
        // row 3's phone (stored before the batch in flight), row 21 row 15's (in flight): each must update that customer.
        var csv = new StringBuilder("name,phone,email\n");
        for (var i = 0; i < 20; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{i},1390000{i:D4},p{i}@example.com\n");
        }

        csv.Append("Again3,13900000003,\nAgain15,13900000015,\n");
        using var harness = new Harness(perRowSearch: false);
        harness.Service.CreateManyDelay = TimeSpan.FromMilliseconds(200);

        var (report, rejects) = await harness.ImportAsync(csv.ToString(), new ImportOptions { BatchSize = 10 });

        Assert.Equal(20, report.Created);
        Assert.Equal(2, report.Updated);
        Assert.Equal(0, report.Rejected);
        Assert.Equal("row,reason,fields,raw", rejects.Trim());
        var contents = await harness.ContentsAsync();
        Assert.Equal(20, contents.Count);
        Assert.Contains(contents, c => c.StartsWith("Again3|", StringComparison.Ordinal) && c.EndsWith("|2", StringComparison.Ordinal));
        Assert.Contains(contents, c => c.StartsWith("Again15|", StringComparison.Ordinal) && c.EndsWith("|2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ImportAsync_InvalidRowsAcrossChunks_RejectsInFileOrderAndCountsBalance(bool matchExisting)
    {
        var csv = new StringBuilder("name,phone\n");
        for (var i = 1; i <= 1000; i++)
        {
            csv.Append(i % 10 == 0 ? string.Empty : "P" + i).Append(CultureInfo.InvariantCulture, $",1390000{i:D4}\n");
        }

        using var harness = new Harness(perRowSearch: false);

        var (report, rejects) = await harness.ImportAsync(csv.ToString(), new ImportOptions { BatchSize = 100, MatchExisting = matchExisting });

        var rejectedRows = rejects.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => int.Parse(l.AsSpan(0, l.IndexOf(',', StringComparison.Ordinal)), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 100).Select(i => i * 10), rejectedRows);
        Assert.True(report.IsBalanced);
        Assert.Equal(1000, report.Total);
        Assert.Equal(900, report.Created);
        Assert.Equal(900, await harness.Store.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_FailingRowMidBatch_KeepsRawAndStoresTheOthers()
    {
        // Matching off: rows go to CreateManyAsync unvalidated, so the bad row fails inside the batch write.
        var csv = "name,phone\nA,13900000001\nB,13900000002\nC,12\nD,13900000004\nE,13900000005\n";
        using var harness = new Harness(perRowSearch: false);

        var (report, rejects) = await harness.ImportAsync(csv, new ImportOptions { MatchExisting = false });

        Assert.Equal(4, report.Created);
        Assert.Equal(1, report.RejectedByReason[nameof(ImportRejectReason.InvalidPhone)]);
        Assert.Contains("3,InvalidPhone,", rejects, StringComparison.Ordinal);
        Assert.Contains("C,12", rejects, StringComparison.Ordinal);
        Assert.Equal(["A", "B", "D", "E"], (await harness.ContentsAsync()).Select(c => c[..1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_ReadingSideThrowsMidChunk_StoresEveryEarlierRowThenThrows()
    {
        var csv = new StringBuilder("name,phone,address\n");
        for (var i = 1; i <= 600; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{i},1390000{i:D4},{(i == 400 ? "boom" : "Street " + i)}\n");
        }

        using var harness = new Harness(perRowSearch: false, standardizer: new ThrowingStandardizer());

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.ImportAsync(csv.ToString(), new ImportOptions { BatchSize = 1000 }));

        Assert.Equal(399, await harness.Store.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_FirstChunkPreparedLast_AppliesRowsInFileOrder()
    {
        // Three chunks, prepared in parallel; the first chunk's first row is slow, so later chunks are ready first.
        var csv = new StringBuilder("name,phone,address\n");
        for (var i = 1; i <= 3 * CustomerImporter.ChunkSize; i++)
        {
            var phone = i % 50 == 0 ? "12" : $"1390000{i:D4}";
            csv.Append(CultureInfo.InvariantCulture, $"P{i},{phone},{(i == 1 ? "slow" : "Street " + i)}\n");
        }

        using var harness = new Harness(perRowSearch: false, standardizer: new SlowStandardizer());

        var (report, rejects) = await harness.ImportAsync(csv.ToString(), new ImportOptions { BatchSize = 100 });

        var numbers = rejects.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => int.Parse(line[..line.IndexOf(',', StringComparison.Ordinal)], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 3 * CustomerImporter.ChunkSize / 50).Select(k => k * 50), numbers);
        Assert.True(report.IsBalanced);
        Assert.Equal(report.Created, await harness.Store.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_StoreFailsOnSecondBatch_ThrowsWithEveryRejectReadSoFarWritten()
    {
        var csv = new StringBuilder("name,phone\n");
        for (var i = 1; i <= 300; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{i},{(i % 10 == 0 ? "12" : "1390000" + i.ToString("D4", CultureInfo.InvariantCulture))}\n");
        }

        using var harness = new Harness(perRowSearch: false);
        harness.Service.FailCreateManyCall = 2;
        using var rejects = new StringWriter();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            harness.ImportAsync(csv.ToString(), new ImportOptions { BatchSize = 100, Rejects = rejects }));

        // Rows 201-300 were rejected while the failing write of batch 2 ran: they are in the file too, in order.
        var rejectedRows = rejects.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => int.Parse(l.AsSpan(0, l.IndexOf(',', StringComparison.Ordinal)), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => i * 10), rejectedRows);
        Assert.Equal(90, await harness.Store.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_CancelledAfterFirstBatch_StopsWithThatBatchStored()
    {
        var csv = new StringBuilder("name,phone\n");
        for (var i = 1; i <= 2000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{i},1390000{i:D4}\n");
        }

        using var harness = new Harness(perRowSearch: false);
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(_ => cts.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.ImportAsync(csv.ToString(), new ImportOptions { BatchSize = 100 }, progress, cts.Token));

        Assert.Equal(100, await harness.Store.CountAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ImportAsync_BadValues_EveryRowAccountedFor(bool matchExisting)
    {
        var csv = "name,phone,email\n"
            + ",,\n"
            + "   ,   ,   \n"
            + new string('x', 10_000) + ",13900000001,\n"
            + "Ctl\u0007,13900000002,\n"
            + "Zhang 张 Иван,13900000003,mixed@例え.jp\n"
            + "Ok,13900000004,ok@example.com\n"
            + "\"broken\"x,1,\n";
        using var harness = new Harness(perRowSearch: false);

        var (report, rejects) = await harness.ImportAsync(csv, new ImportOptions { MatchExisting = matchExisting });

        Assert.Equal(7, report.Total);
        Assert.True(report.IsBalanced);
        Assert.Equal(report.Created, await harness.Store.CountAsync());
        Assert.Equal(report.Rejected + 1, rejects.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>Builds rows of people drawn from a pool, each person always with the same kind of keys (so no row links two
    /// customers and "the" match is unique), in varying formats, plus invalid and malformed rows.</summary>
    private static string DuplicateHeavyCsv(int rows, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("name,phone,email,tags\n");
        for (var i = 1; i <= rows; i++)
        {
            var person = random.Next(600);
            var roll = random.Next(100);
            if (roll < 2)
            {
                csv.Append("\"broken\"x,1,,\n");
                continue;
            }

            var name = roll < 5 ? string.Empty : $"Person {person} v{i}";
            var phone = roll < 8 ? "12" : PhoneOf(person, random.Next(3));
            var email = EmailOf(person, random.Next(2) == 0);
            csv.Append(CultureInfo.InvariantCulture, $"{name},{phone},{email},t{random.Next(5)}\n");
        }

        return csv.ToString();
    }

    private static string PhoneOf(int person, int format)
    {
        if (person % 3 == 1)
        {
            return string.Empty; // email-only person
        }

        var digits = "1390001" + person.ToString("D4", CultureInfo.InvariantCulture);
        return format switch
        {
            0 => digits,
            1 => "+86 " + digits[..3] + " " + digits[3..7] + " " + digits[7..],
            _ => digits[..3] + "-" + digits[3..7] + "-" + digits[7..],
        };
    }

    private static string EmailOf(int person, bool upper) =>
        person % 3 == 2 ? string.Empty : upper ? $"Person{person}@Example.COM" : $"person{person}@example.com"; // phone-only person

    private sealed class Harness : IDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly CountingService _service;
        private readonly CustomerImporter _importer;

        public Harness(bool perRowSearch, IImportAddressStandardizer? standardizer = null)
        {
            var services = new ServiceCollection();
            services.AddCustomerCore().AddInMemoryStorage();
            _provider = services.BuildServiceProvider();
            Store = _provider.GetRequiredService<ICustomerStore>();
            _service = new CountingService(_provider.GetRequiredService<ICustomerService>());

            // Without a store the importer cannot know the store was empty, so it searches every row: the per-row path.
            _importer = new CustomerImporter(
                _service,
                _provider.GetRequiredService<ICustomerValidator>(),
                standardizer ?? _provider.GetRequiredService<IImportAddressStandardizer>(),
                _provider.GetRequiredService<IImportDuplicateFinder>(),
                NullLogger<CustomerImporter>.Instance,
                perRowSearch ? null : Store);
        }

        public ICustomerStore Store { get; }

        public CountingService Service => _service;

        public int Searches => _service.Searches;

        public async Task SeedAsync(int seed)
        {
            // Distinct people, so that no key is held by two customers and "the" match stays unique.
            var offset = seed % 4;
            for (var i = 0; i < 150; i++)
            {
                var person = (i * 4) + offset;
                var phone = PhoneOf(person, 0);
                var email = EmailOf(person, false);
                var result = await _service.CreateAsync(CallerContext.System, new Customer
                {
                    Id = CustomerId.New(),
                    DisplayName = "Seed " + person,
                    Phones = phone.Length == 0 ? [] : [new PhoneNumber { Raw = phone }],
                    Emails = email.Length == 0 ? [] : [new EmailAddress { Raw = email }],
                });
                Assert.Equal(SaveStatus.Created, result.Status);
            }

            _service.Searches = 0;
        }

        public async Task<(ImportReport Report, string Rejects)> ImportAsync(string csv, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            // A caller's own writer is kept, so a test can read the rejects of a run that throws.
            using var own = options.Rejects is null ? new StringWriter() : null;
            options.Rejects ??= own;
            var rejects = options.Rejects;
            var report = await _importer.ImportAsync(CallerContext.System, new MemoryStream(Encoding.UTF8.GetBytes(csv)), options, progress, cancellationToken);
            return (report, rejects!.ToString()!);
        }

        /// <summary>Lists every stored customer as comparable text (ids differ between stores, contents must not).</summary>
        public async Task<List<string>> ContentsAsync()
        {
            List<string> all = [];
            await foreach (var c in Store.StreamAsync())
            {
                all.Add(string.Join('|',
                    c.DisplayName,
                    string.Join(',', c.Phones.Select(p => p.E164 + "/" + p.Raw).Order(StringComparer.Ordinal)),
                    string.Join(',', c.Emails.Select(e => e.Normalized + "/" + e.Raw).Order(StringComparer.Ordinal)),
                    string.Join(',', c.Tags.Order(StringComparer.Ordinal)),
                    c.Version.ToString(CultureInfo.InvariantCulture)));
            }

            all.Sort(StringComparer.Ordinal);
            return all;
        }

        public void Dispose() => _provider.Dispose();
    }

    private sealed class ThrowingStandardizer : IImportAddressStandardizer
    {
        public PostalAddress Standardize(PostalAddress address) =>
            address.Original == "boom" ? throw new InvalidOperationException("The standardizer failed.") : address;
    }

    private sealed class SlowStandardizer : IImportAddressStandardizer
    {
        public PostalAddress Standardize(PostalAddress address)
        {
            if (address.Original == "slow")
            {
                Thread.Sleep(200);
            }

            return address;
        }
    }

    private sealed class SynchronousProgress(Action<ImportProgress> onReport) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => onReport(value);
    }

    /// <summary>Passes everything to the real service and counts the contact searches.</summary>
    private sealed class CountingService(ICustomerService inner) : ForwardingCustomerService(inner)
    {
        private int _createManyCalls;

        public int Searches { get; set; }

        /// <summary>Gets or sets the 1-based CreateManyAsync call that fails (0: none).</summary>
        public int FailCreateManyCall { get; set; }

        public override Task<Page<Customer>> SearchAsync(CallerContext caller, CustomerQuery query, CancellationToken cancellationToken = default)
        {
            Searches++;
            return base.SearchAsync(caller, query, cancellationToken);
        }

        /// <summary>Gets or sets how long each CreateManyAsync takes before writing, so the next batch is applied while it is in flight.</summary>
        public TimeSpan CreateManyDelay { get; set; }

        public override async Task<IReadOnlyList<CustomerSaveResult>> CreateManyAsync(CallerContext caller, IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default)
        {
            if (CreateManyDelay > TimeSpan.Zero)
            {
                await Task.Delay(CreateManyDelay, cancellationToken);
            }

            // A faulted task, as a failing store gives (the importer sees it when it waits for the write).
            return ++_createManyCalls == FailCreateManyCall
                ? throw new InvalidOperationException("The store failed.")
                : await base.CreateManyAsync(caller, customers, cancellationToken);
        }
    }
}
