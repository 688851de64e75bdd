using BenchmarkDotNet.Attributes;
using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Benchmarks.Access;

/// <summary>Overhead of the access-control decorator (check, mask, audit append) on Get and Search versus the plain service.</summary>
/// <remarks>The audit log is in memory and grows during the run; every call appends one hash-chained entry.</remarks>
[MemoryDiagnoser]
public class AccessBenchmarks
{
    private static readonly CallerContext s_rep = new("rep-7", [AccessRoles.SalesRep]);
    private static readonly CallerContext s_marketing = new("mkt-1", [AccessRoles.Marketing]);
    private ServiceProvider _provider = null!;
    private ICustomerService _guarded = null!;
    private ICustomerService _plain = null!;
    private CustomerId[] _ids = [];
    private int _next;

    [Params(10_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore(o => o.DefaultRegion = "CN").AddInMemoryStorage();
        _provider = services.BuildServiceProvider();
        _guarded = _provider.GetRequiredService<ICustomerService>();
        _plain = ((AccessControlledCustomerService)_guarded).Inner;
        var random = new Random(42);
        _ids = new CustomerId[Customers];
        for (var i = 0; i < Customers; i++)
        {
            var c = new Customer
            {
                Id = CustomerId.New(),
                DisplayName = "客户" + i,
                OwnerId = "rep-" + random.Next(20),
                Phones = [new PhoneNumber { Raw = "138" + random.Next(10_000_000, 99_999_999) }],
                Emails = [new EmailAddress { Raw = $"c{i}@example.com" }],
            };
            _ids[i] = _plain.CreateAsync(CallerContext.System, c).GetAwaiter().GetResult().Customer!.Id;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<Customer?> GetPlain() => await _plain.GetAsync(s_rep, NextId());

    [Benchmark]
    public async Task<Customer?> GetAsRep() => await _guarded.GetAsync(s_rep, NextId());

    [Benchmark]
    public async Task<Customer?> GetAsMarketingMasked() => await _guarded.GetAsync(s_marketing, NextId());

    [Benchmark]
    public async Task<int> SearchPagePlain() => (await _plain.SearchAsync(s_rep, new CustomerQuery { OwnerId = "rep-7", Page = new PageRequest(50) })).Items.Count;

    [Benchmark]
    public async Task<int> SearchPageAsRep() => (await _guarded.SearchAsync(s_rep, new CustomerQuery { Page = new PageRequest(50) })).Items.Count;

    private CustomerId NextId() => _ids[_next++ % _ids.Length];
}
