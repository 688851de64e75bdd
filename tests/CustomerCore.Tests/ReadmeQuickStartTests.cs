using CustomerCore.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Tests;

/// <summary>Runs the README's quick start verbatim, so the front door never rots.</summary>
public sealed class ReadmeQuickStartTests
{
    [Fact]
    public async Task QuickStart_AsWrittenInReadme_CreatesAndFindsTheCustomer()
    {
        // 1. Register: the core, then one storage provider.
        var services = new ServiceCollection();
        services.AddCustomerCore(o => o.DefaultRegion = "CN").AddInMemoryStorage();
        await using var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<ICustomerService>();

        // 2. Create: phones and emails are validated and normalized on entry; problems come back, nothing throws.
        var caller = new CallerContext("rep-1", ["sales-rep"]);
        var result = await customers.CreateAsync(caller, new Customer
        {
            Id = CustomerId.New(),
            DisplayName = "张伟",
            Phones = [new PhoneNumber { Raw = "138 0013 8000" }, new PhoneNumber { Raw = "010-65529988 转 123" }],
            Emails = [new EmailAddress { Raw = "Zhang.Wei@Example.com" }],
            OwnerId = "rep-1",
        });

        // 3. Find by phone as typed: +8613800138000 either way.
        var page = await customers.SearchAsync(caller, new() { Phone = "+86 138-0013-8000" });

        Assert.True(result.IsSuccess);
        Assert.Equal("+8613800138000", result.Customer.Phones[0].E164);
        Assert.Equal("123", result.Customer.Phones[1].Extension);
        Assert.Equal([result.Customer.Id], page.Items.Select(c => c.Id));
    }
}
