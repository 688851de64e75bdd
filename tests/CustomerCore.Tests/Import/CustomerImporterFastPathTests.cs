using System.Globalization;
using System.Text;
using CustomerCore.Customers;
using CustomerCore.Emails;
using CustomerCore.Import;
using CustomerCore.Phones;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using CustomerCore.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerCore.Tests.Import;

/// <summary>Tests the validated fast path into the customer service and the store write that overlaps the next batch.</summary>
public sealed class CustomerImporterFastPathTests
{
    private const int BatchSize = 100;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ImportAsync_FastPathAndPublicPath_SameReportRejectsAndStoredCustomers(bool matchExisting)
    {
        var csv = MixedCsv(rows: 1200, seed: 5);
        using var fast = new DiHarness(hideFastPath: false);
        using var slow = new DiHarness(hideFastPath: true);

        var (fastReport, fastRejects) = await fast.ImportAsync(csv, new ImportOptions { BatchSize = BatchSize, MatchExisting = matchExisting });
        var (slowReport, slowRejects) = await slow.ImportAsync(csv, new ImportOptions { BatchSize = BatchSize, MatchExisting = matchExisting });

        Assert.True(slowReport.Rejected > 50, "the file must hold invalid rows for the comparison to mean something");
        Assert.Equal(ImportReportText.Summary(slowReport), ImportReportText.Summary(fastReport));
        // Same reject records; without matching the public path validates inside the batch write, so its invalid rows come
        // after the batch's malformed ones, while the fast path (validated on reading) writes every reject in file order.
        Assert.Equal(Lines(slowRejects).Order(StringComparer.Ordinal), Lines(fastRejects).Order(StringComparer.Ordinal));
        Assert.Equal(RowNumbers(fastRejects).Order(), RowNumbers(fastRejects));
        Assert.Equal(await slow.ContentsAsync(), await fast.ContentsAsync());
        // With matching the fast path drops the second validation; without, it moves the only one to the reading thread.
        Assert.True(matchExisting ? fast.Validations < slow.Validations : fast.Validations == slow.Validations, $"validations: {fast.Validations} vs {slow.Validations}");
    }

    [Fact]
    public async Task ImportAsync_FastPathThroughAccessControl_AuditsTheCreates()
    {
        var csv = MixedCsv(rows: 300, seed: 7);
        using var harness = new DiHarness(hideFastPath: false);

        var (report, _) = await harness.ImportAsync(csv, new ImportOptions { BatchSize = BatchSize });

        var audited = await harness.AuditedCreatesAsync();
        Assert.True(report.Created > 0);
        Assert.Equal(report.Created, audited);
    }

    [Fact]
    public async Task ImportAsync_RowMatchesCustomerOfBatchInFlight_WaitsAndUpdatesIt()
    {
        var csv = new StringBuilder("name,phone,email\n");
        for (var i = 1; i <= BatchSize; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{i},1390000{i:D4},\n");
        }

        csv.Append("First again,13900000001,first@example.com\n");
        using var harness = new SlowStoreHarness();

        var (report, _) = await harness.ImportAsync(csv.ToString(), new ImportOptions { BatchSize = BatchSize });

        Assert.Equal(BatchSize, report.Created);
        Assert.Equal(1, report.Updated);
        Assert.Equal(BatchSize, await harness.Inner.CountAsync());
        var first = (await harness.Inner.QueryAsync(new CustomerQuery { Phone = "+8613900000001", Page = new PageRequest(10) })).Items;
        Assert.Equal("first@example.com", Assert.Single(Assert.Single(first).Emails).Normalized);
        Assert.Equal(0, harness.Proxy.ReadsDuringWrite);
    }

    [Fact]
    public async Task ImportAsync_SlowStore_NextBatchIsAppliedWhileTheWriteRuns()
    {
        var csv = new StringBuilder("name,phone\n");
        for (var i = 1; i <= 5 * BatchSize; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{i},1390000{i:D4}\n");
        }

        using var harness = new SlowStoreHarness();
        var overlapped = 0;
        var progress = new SynchronousProgress(p => overlapped += harness.Inner.CountAsync().GetAwaiter().GetResult() < p.RowsRead ? 1 : 0);

        var (report, _) = await harness.ImportAsync(csv.ToString(), new ImportOptions { BatchSize = BatchSize }, progress);

        Assert.True(overlapped > 0, "some progress must be reported before the batch it ends is stored (the write runs on)");
        Assert.Equal(5 * BatchSize, report.Created);
        Assert.Equal(5 * BatchSize, await harness.Inner.CountAsync());
        Assert.Equal(0, harness.Proxy.WritesRunning);
    }

    [Fact]
    public async Task ImportAsync_SlowStoreWithInvalidRows_RejectsStayInFileOrder()
    {
        var csv = new StringBuilder("name,phone\n");
        for (var i = 1; i <= 600; i++)
        {
            csv.Append(i % 7 == 0 ? "   " : "P" + i).Append(CultureInfo.InvariantCulture, $",1390000{i:D4}\n");
        }

        using var harness = new SlowStoreHarness();

        var (report, rejects) = await harness.ImportAsync(csv.ToString(), new ImportOptions { BatchSize = BatchSize, MatchExisting = false });

        var rejectedRows = rejects.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => int.Parse(l.AsSpan(0, l.IndexOf(',', StringComparison.Ordinal)), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 600).Where(i => i % 7 == 0), rejectedRows);
        Assert.True(report.IsBalanced);
        Assert.Equal(report.Created, await harness.Inner.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_CancelledWhileBatchIsWritten_ThrowsAfterTheWriteEnded()
    {
        var csv = new StringBuilder("name,phone\n");
        for (var i = 1; i <= 10 * BatchSize; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{i},1390000{i:D4}\n");
        }

        using var harness = new SlowStoreHarness();
        using var cts = new CancellationTokenSource();
        var reports = 0;
        var progress = new SynchronousProgress(_ =>
        {
            // The second report comes right after batch 2 was handed to the store (batch 1 is then stored).
            if (++reports == 2)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.ImportAsync(csv.ToString(), new ImportOptions { BatchSize = BatchSize }, progress, cts.Token));

        Assert.Equal(0, harness.Proxy.WritesRunning);
        Assert.Equal(BatchSize, await harness.Inner.CountAsync());
    }

    [Fact]
    public async Task CreateManyValidatedAsync_ThroughAccessControl_DeniesAnotherRepsCustomerAndStoresNothing()
    {
        using var kit = new CustomerCore.Tests.Access.AccessKit();
        var writer = Assert.IsAssignableFrom<IValidatedCustomerWriter>(kit.Customers);
        var validator = Assert.IsAssignableFrom<ICustomerValidator>(writer.Validator);
        Customer[] batch = [validator.Validate(Some.Customer("自己的", "rep-1")).Customer, validator.Validate(Some.Customer("别人的", "rep-2")).Customer];

        await Assert.ThrowsAsync<CustomerCore.Access.AccessDeniedException>(() => writer.CreateManyValidatedAsync(CustomerCore.Tests.Access.AccessKit.Rep1, batch));

        Assert.Empty((await kit.Customers.SearchAsync(CustomerCore.Tests.Access.AccessKit.Admin, new())).Items);
    }

    [Fact]
    public async Task CreateManyValidatedAsync_NullArguments_Throw()
    {
        using var harness = new DiHarness(hideFastPath: false);
        var writer = Assert.IsAssignableFrom<IValidatedCustomerWriter>(harness.Service);

        await Assert.ThrowsAsync<ArgumentNullException>(() => writer.CreateManyValidatedAsync(CallerContext.System, null!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => writer.CreateManyValidatedAsync(CallerContext.System, [null!]));
    }

    /// <summary>Splits a rejects file into its records (a 10 kB name stays on its line; no value in these files holds a line break).</summary>
    private static List<string> Lines(string rejects) => [.. rejects.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)];

    private static List<long> RowNumbers(string rejects) =>
        [.. Lines(rejects).Select(l => long.Parse(l.AsSpan(0, l.IndexOf(',', StringComparison.Ordinal)), CultureInfo.InvariantCulture))];

    /// <summary>Builds rows drawn from a pool of people (so later rows match earlier ones) with invalid, malformed and odd values:
    /// blanks, whitespace, 10 kB names, control characters, mixed scripts, upper-case and IDN emails.</summary>
    private static string MixedCsv(int rows, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("name,phone,email,tags\n");
        for (var i = 1; i <= rows; i++)
        {
            var person = random.Next(400);
            var roll = random.Next(100);
            var line = roll switch
            {
                0 => "\"broken\"x,1,,\n",
                1 => ",,,\n",
                2 => "   ,   ,   ,\n",
                3 => new string('x', 10_000) + ",1390000" + i.ToString("D4", CultureInfo.InvariantCulture) + ",,\n",
                4 => "Ctl\u0007" + i + ",13900001234,,\n",
                5 => "Zhang 张 Иван " + i + ",,mixed" + person + "@例え.jp,\n",
                6 => "Bad phone " + i + ",12,,\n",
                7 => "Bad email " + i + ",,not-an-email,\n",
                _ => $"Person {person} v{i},{(person % 3 == 1 ? string.Empty : "1390001" + person.ToString("D4", CultureInfo.InvariantCulture))},{(person % 3 == 2 ? string.Empty : $"Person{person}@Example.COM")},t{random.Next(5)}\n",
            };
            csv.Append(line);
        }

        return csv.ToString();
    }

    /// <summary>Runs the importer as the container builds it (service decorated with access control), or over a pass-through
    /// service that hides the fast path; counts the validations.</summary>
    private sealed class DiHarness : IDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly ICustomerImporter _importer;
        private readonly CountingValidator _validator;

        public DiHarness(bool hideFastPath)
        {
            var services = new ServiceCollection();
            services.AddSingleton<ICustomerValidator>(sp => new CountingValidator(new CustomerValidator(
                sp.GetRequiredService<IPhoneNormalizer>(), sp.GetRequiredService<IEmailNormalizer>(), TimeProvider.System)));
            services.AddCustomerCore().AddInMemoryStorage();
            _provider = services.BuildServiceProvider();
            _validator = (CountingValidator)_provider.GetRequiredService<ICustomerValidator>();
            Service = _provider.GetRequiredService<ICustomerService>();
            _importer = hideFastPath
                ? new CustomerImporter(
                    new PassThroughService(Service),
                    _validator,
                    _provider.GetRequiredService<IImportAddressStandardizer>(),
                    _provider.GetRequiredService<IImportDuplicateFinder>(),
                    NullLogger<CustomerImporter>.Instance,
                    _provider.GetRequiredService<ICustomerStore>())
                : _provider.GetRequiredService<ICustomerImporter>();
        }

        public ICustomerService Service { get; }

        public int Validations => _validator.Calls;

        public async Task<(ImportReport Report, string Rejects)> ImportAsync(string csv, ImportOptions options)
        {
            using var rejects = new StringWriter();
            options.Rejects = rejects;
            var report = await _importer.ImportAsync(CallerContext.System, new MemoryStream(Encoding.UTF8.GetBytes(csv)), options);
            return (report, rejects.ToString());
        }

        public Task<List<string>> ContentsAsync() => Contents(_provider.GetRequiredService<ICustomerStore>());

        public async Task<int> AuditedCreatesAsync()
        {
            var store = _provider.GetRequiredService<CustomerCore.Access.IAuditStore>();
            var entries = await store.QueryAsync(new CustomerCore.Access.AuditQuery { Page = new PageRequest(1000) });
            return entries.Items.Where(e => e.Action == CustomerCore.Access.AuditAction.Create).Sum(e => e.CustomerIds.Count);
        }

        public void Dispose() => _provider.Dispose();
    }

    /// <summary>Runs the importer over the undecorated service and a store whose bulk inserts take a while.</summary>
    private sealed class SlowStoreHarness : IDisposable
    {
        private readonly CustomerImporter _importer;

        public SlowStoreHarness()
        {
            Inner = new InMemoryCustomerStore();
            var store = new SlowWriteStore(Inner);
            Proxy = store;
            var phones = new PhoneNormalizer(Microsoft.Extensions.Options.Options.Create(new CustomerCoreOptions { DefaultRegion = "CN" }));
            var emails = new EmailNormalizer();
            var validator = new CustomerValidator(phones, emails, TimeProvider.System);
            var service = new CustomerService(store, validator, phones, emails, TimeProvider.System, NullLogger<CustomerService>.Instance);
            _importer = new CustomerImporter(service, validator, new NoOpImportAddressStandardizer(), new NoOpImportDuplicateFinder(), NullLogger<CustomerImporter>.Instance, store);
        }

        public InMemoryCustomerStore Inner { get; }

        public SlowWriteStore Proxy { get; }

        public async Task<(ImportReport Report, string Rejects)> ImportAsync(string csv, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            using var rejects = new StringWriter();
            options.Rejects = rejects;
            var report = await _importer.ImportAsync(CallerContext.System, new MemoryStream(Encoding.UTF8.GetBytes(csv)), options, progress, cancellationToken);
            return (report, rejects.ToString());
        }

        public void Dispose()
        {
        }
    }

    private static async Task<List<string>> Contents(ICustomerStore store)
    {
        List<string> all = [];
        await foreach (var c in store.StreamAsync())
        {
            all.Add(string.Join('|',
                c.DisplayName,
                string.Join(',', c.Phones.Select(p => p.E164 + "/" + p.Raw).Order(StringComparer.Ordinal)),
                string.Join(',', c.Emails.Select(e => e.Normalized + "/" + e.Raw).Order(StringComparer.Ordinal)),
                string.Join(',', c.Tags.Order(StringComparer.Ordinal)),
                string.Join(',', c.Attributes.Select(a => a.Key + "=" + a.Value).Order(StringComparer.Ordinal)),
                c.SourceChannel,
                c.Version.ToString(CultureInfo.InvariantCulture)));
        }

        all.Sort(StringComparer.Ordinal);
        return all;
    }

    /// <summary>Delays every bulk insert (honouring cancellation before it writes) and counts reads made while one runs.</summary>
    private sealed class SlowWriteStore(ICustomerStore inner) : ICustomerStore
    {
        private int _writesRunning;
        private int _readsDuringWrite;

        public int WritesRunning => Volatile.Read(ref _writesRunning);

        public int ReadsDuringWrite => Volatile.Read(ref _readsDuringWrite);

        public async Task<IReadOnlyList<bool>> AddManyAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writesRunning);
            try
            {
                await Task.Delay(30, cancellationToken);
                return await inner.AddManyAsync(customers, CancellationToken.None);
            }
            finally
            {
                Interlocked.Decrement(ref _writesRunning);
            }
        }

        public Task<Customer?> GetAsync(CustomerId id, CancellationToken cancellationToken = default) => Read(() => inner.GetAsync(id, cancellationToken));

        public Task<Page<Customer>> QueryAsync(CustomerQuery query, CancellationToken cancellationToken = default) => Read(() => inner.QueryAsync(query, cancellationToken));

        public Task<Customer> AddAsync(Customer customer, CancellationToken cancellationToken = default) => inner.AddAsync(customer, cancellationToken);

        public Task<Customer> UpdateAsync(Customer customer, CancellationToken cancellationToken = default) => Read(() => inner.UpdateAsync(customer, cancellationToken));

        public Task<bool> DeleteAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, expectedVersion, cancellationToken);

        public Task<int> UpsertBatchAsync(IReadOnlyList<Customer> customers, IProgress<int>? progress = null, CancellationToken cancellationToken = default) => inner.UpsertBatchAsync(customers, progress, cancellationToken);

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

        public IAsyncEnumerable<Customer> StreamAsync(CancellationToken cancellationToken = default) => inner.StreamAsync(cancellationToken);

        private T Read<T>(Func<T> call)
        {
            if (WritesRunning > 0)
            {
                Interlocked.Increment(ref _readsDuringWrite);
            }

            return call();
        }
    }

    private sealed class CountingValidator(ICustomerValidator inner) : ICustomerValidator
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public CustomerValidationResult Validate(Customer customer)
        {
            Interlocked.Increment(ref _calls);
            return inner.Validate(customer);
        }
    }

    /// <summary>Passes everything to the real service; hides the fast path, as a decorator without it would.</summary>
    private sealed class PassThroughService(ICustomerService inner) : ForwardingCustomerService(inner);

    private sealed class SynchronousProgress(Action<ImportProgress> onReport) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => onReport(value);
    }
}
