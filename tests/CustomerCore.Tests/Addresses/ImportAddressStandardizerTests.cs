using System.Text;
using CustomerCore.Customers;
using CustomerCore.Import;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Tests.Addresses;

public sealed class ImportAddressStandardizerTests : IDisposable
{
    private readonly ServiceProvider _provider;

    public ImportAddressStandardizerTests()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddInMemoryStorage();
        _provider = services.BuildServiceProvider();
    }

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task ImportAsync_AddressColumn_IsStandardizedAndTheOriginalKept()
    {
        const string csv = "姓名,手机,地址\n张伟,13800138000,浙江杭州江干区九堡镇\n李娜,13900139000,西湖区文三路\n";

        var report = await _provider.GetRequiredService<ICustomerImporter>().ImportAsync(CallerContext.System, new MemoryStream(Encoding.UTF8.GetBytes(csv)), new ImportOptions());

        Assert.Equal(2, report.Created);
        var stored = new List<Customer>();
        await foreach (var c in _provider.GetRequiredService<ICustomerService>().StreamAsync(CallerContext.System))
        {
            stored.Add(c);
        }

        var hangzhou = Assert.Single(stored, c => c.DisplayName == "张伟").Addresses[0];
        Assert.Equal("浙江杭州江干区九堡镇", hangzhou.Original);
        Assert.Equal(("浙江省", "杭州市", "上城区", "330102"), (hangzhou.Region, hangzhou.City, hangzhou.District, hangzhou.AdminCode));

        // Two 西湖区 exist (Hangzhou, Nanchang): an ambiguous address is kept as imported, nothing is guessed.
        var ambiguous = Assert.Single(stored, c => c.DisplayName == "李娜").Addresses[0];
        Assert.Equal("西湖区文三路", ambiguous.Original);
        Assert.Null(ambiguous.Region);
    }
}
