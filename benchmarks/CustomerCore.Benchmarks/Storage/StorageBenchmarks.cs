using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using CustomerCore.Customers;
using CustomerCore.Storage;
using CustomerCore.Storage.Postgres;
using CustomerCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CustomerCore.Benchmarks.Storage;

/// <summary>Measures bulk upsert of N customers (batches of 10,000) and exact lookups by phone and email among N stored
/// customers, on SQLite, and on PostgreSQL when <c>CUSTOMERCORE_POSTGRES</c> names a server.</summary>
/// <remarks>Run: <c>-- --filter '*StorageBenchmarks*' --job short</c>. Inputs come from a fixed seed; ids are
/// time-ordered like <see cref="CustomerId.New"/> ids. The 1,000,000-customer runs are in <c>evaluate storage</c>.</remarks>
[MemoryDiagnoser]
[Config(typeof(PostgresWhenConfigured))]
public class StorageBenchmarks
{
    private const int BatchSize = 10_000;
    private static readonly string? s_postgres = Environment.GetEnvironmentVariable("CUSTOMERCORE_POSTGRES");
    private Customer[] _customers = [];
    private string _lookupFile = string.Empty;
    private string _bulkFile = string.Empty;
    private SqliteCustomerStore? _lookupStore;
    private int _next;

    [Params(10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20250301);
        _customers = new Customer[N];
        for (var i = 0; i < N; i++)
        {
            _customers[i] = Generate(i, random);
        }

        _lookupFile = TempFile("lookup");
        _lookupStore = Sqlite(_lookupFile);
        UpsertAllAsync(_lookupStore).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Delete(_lookupFile);
    }

    [IterationSetup(Target = nameof(SqliteBulkUpsert))]
    public void NewSqliteFile() => _bulkFile = TempFile("bulk");

    [IterationCleanup(Target = nameof(SqliteBulkUpsert))]
    public void DeleteSqliteFile()
    {
        SqliteConnection.ClearAllPools();
        Delete(_bulkFile);
    }

    /// <summary>Upserts all N customers into a new SQLite file.</summary>
    [Benchmark]
    public Task<int> SqliteBulkUpsert() => UpsertAllAsync(Sqlite(_bulkFile));

    /// <summary>Finds one customer by normalized phone among N.</summary>
    [Benchmark]
    public async Task<int> SqliteLookupByPhone()
    {
        var page = await _lookupStore!.QueryAsync(new CustomerQuery { Phone = _customers[Next()].Phones[0].E164, Page = new PageRequest(10) });
        return page.Items.Count;
    }

    /// <summary>Finds one customer by normalized email among N.</summary>
    [Benchmark]
    public async Task<int> SqliteLookupByEmail()
    {
        var page = await _lookupStore!.QueryAsync(new CustomerQuery { Email = _customers[Next()].Emails[0].Normalized, Page = new PageRequest(10) });
        return page.Items.Count;
    }

    /// <summary>Upserts all N customers into a new PostgreSQL schema (binary COPY); runs only with a configured server.</summary>
    [Benchmark]
    public async Task<int> PostgresBulkUpsert()
    {
        var schema = $"bench{Guid.NewGuid():N}"[..20];
        using var store = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = s_postgres!, Schema = schema }));
        return await UpsertAllAsync(store);
    }

    /// <summary>Loads all N customers into a new PostgreSQL schema with <see cref="PostgresCustomerStore.BulkLoadAsync"/>
    /// (indexes built once at the end); runs only with a configured server.</summary>
    [Benchmark]
    public async Task<long> PostgresBulkLoad()
    {
        var schema = $"bench{Guid.NewGuid():N}"[..20];
        using var store = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = s_postgres!, Schema = schema }));
        return await store.BulkLoadAsync(_customers.ToAsyncEnumerable());
    }

    private static SqliteCustomerStore Sqlite(string file) =>
        new(Options.Create(new SqliteStorageOptions { ConnectionString = $"Data Source={file}" }));

    private static string TempFile(string kind) => Path.Combine(Path.GetTempPath(), $"cc-bench-{kind}-{Guid.NewGuid():N}.db");

    private static void Delete(string file)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }

    private static Customer Generate(int i, Random random)
    {
        var tail = new byte[8];
        random.NextBytes(tail);
        var phone = "+86138" + random.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture)[..8] + (i % 10).ToString(CultureInfo.InvariantCulture);
        var email = $"customer{i}.{random.Next(1000)}@example.com";
        return new Customer
        {
            Id = new CustomerId(new Guid(i, 0x7000, unchecked((short)0x8000), tail)), // ordered by i, like version-7 ids
            DisplayName = i % 2 == 0 ? $"客户{i}" : $"Customer {i}",
            Phones = [new PhoneNumber { Raw = phone, E164 = phone, Type = PhoneType.Mobile }],
            Emails = [new EmailAddress { Raw = email, Normalized = email }],
            Addresses = [new PostalAddress { Original = "北京市朝阳区建国路" + i + "号", Location = new GeoPoint(39.8 + (random.NextDouble() * 0.4), 116.2 + (random.NextDouble() * 0.6)) }],
            OwnerId = "rep-" + random.Next(50).ToString(CultureInfo.InvariantCulture),
            Tags = [i % 10 == 0 ? "vip" : "regular"],
            UpdatedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
        };
    }

    private int Next()
    {
        _next = (_next + 7919) % N; // a prime stride visits every customer in a scattered order
        return _next;
    }

    private async Task<int> UpsertAllAsync(ICustomerStore store)
    {
        var written = 0;
        for (var start = 0; start < _customers.Length; start += BatchSize)
        {
            written += await store.UpsertBatchAsync(new ArraySegment<Customer>(_customers, start, Math.Min(BatchSize, _customers.Length - start)));
        }

        return written;
    }

    /// <summary>Leaves out the PostgreSQL benchmark when no server is configured.</summary>
    private sealed class PostgresWhenConfigured : ManualConfig
    {
        public PostgresWhenConfigured()
        {
            if (string.IsNullOrWhiteSpace(s_postgres))
            {
                AddFilter(new SimpleFilter(b => !b.Descriptor.WorkloadMethod.Name.StartsWith("Postgres", StringComparison.Ordinal)));
            }
        }
    }
}
