using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using CustomerCore.Customers;
using CustomerCore.Privacy;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;

namespace CustomerCore.Benchmarks.Privacy;

/// <summary>Overhead of field encryption (AES-256-GCM fields, HMAC blind index) on writing customers and on phone lookups,
/// with and without it, over the in-memory store (crypto cost alone) and a SQLite file (what a host sees).</summary>
/// <remarks>Compare the Encrypted=True rows with the Encrypted=False rows of the same store for the ratio.</remarks>
[MemoryDiagnoser]
public class PrivacyBenchmarks
{
    private const int Batch = 1_000;
    private ServiceProvider _provider = null!;
    private ICustomerService _customers = null!;
    private string? _file;
    private int _round;

    [Params(false, true)]
    public bool Encrypted { get; set; }

    [Params("memory", "sqlite")]
    public string Store { get; set; } = "memory";

    [GlobalSetup]
    public async Task Setup()
    {
        var services = new ServiceCollection();
        var builder = services.AddCustomerCore(o => o.DefaultRegion = "CN");
        if (Store == "sqlite")
        {
            _file = Path.Combine(Path.GetTempPath(), $"cc-privacy-bench-{Guid.NewGuid():N}.db");
            builder.AddSqliteStorage(o => o.ConnectionString = $"Data Source={_file}");
        }
        else
        {
            builder.AddInMemoryStorage();
        }

        if (Encrypted)
        {
            builder.AddFieldEncryption(o => o.KeyProvider = new InMemoryKeyProvider("bench", RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32)));
        }

        _provider = services.BuildServiceProvider();
        _customers = _provider.GetRequiredService<ICustomerService>();
        for (var i = 0; i < 10_000; i++)
        {
            await _customers.CreateAsync(CallerContext.System, Make(i));
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_file is not null)
        {
            File.Delete(_file);
            File.Delete(_file + "-wal");
            File.Delete(_file + "-shm");
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task<int> CreateCustomer()
    {
        var saved = 0;
        var start = 1_000_000 + (_round++ * Batch);
        for (var i = start; i < start + Batch; i++)
        {
            saved += (await _customers.CreateAsync(CallerContext.System, Make(i))).IsSuccess ? 1 : 0;
        }

        return saved;
    }

    [Benchmark]
    public async Task<int> FindByPhone() =>
        (await _customers.SearchAsync(CallerContext.System, new CustomerQuery { Phone = "138 0000 4242" })).Items.Count;

    private static Customer Make(int i) => new()
    {
        Id = CustomerId.New(),
        DisplayName = $"客户{i}",
        Phones = [new PhoneNumber { Raw = $"138{i % 100_000_000:D8}" }],
        Emails = [new EmailAddress { Raw = $"user{i}@example.com" }],
        Addresses = [new PostalAddress { Original = $"北京市朝阳区建国路{i % 500}号", Location = new GeoPoint(39.9 + (i % 100 * 0.001), 116.4 + (i % 97 * 0.001)) }],
        OwnerId = $"rep-{i % 20}",
    };
}
