using System.Text;
using BenchmarkDotNet.Attributes;
using CustomerCore.Customers;
using CustomerCore.Import;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Benchmarks.Import;

/// <summary>Measures CSV import throughput through the customer service into the in-memory store.</summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private byte[] _csv = [];

    [Params(1_000, 10_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var writer = new StringWriter();
        ImportData.Write(writer, Rows, seed: 7);
        _csv = Encoding.UTF8.GetBytes(writer.ToString());
    }

    [Benchmark]
    public async Task<long> ImportCsv()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddInMemoryStorage();
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<ICustomerImporter>().ImportAsync(CallerContext.System, new MemoryStream(_csv), new ImportOptions());
        return report.Total;
    }
}
