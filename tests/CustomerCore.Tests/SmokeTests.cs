using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerCore.Tests;

public sealed class CustomerCoreRegistrationTests
{
    [Fact]
    public void AddCustomerCore_InvalidRegion_FailsValidationWithClearMessage()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore(o => o.DefaultRegion = "china");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CustomerCoreOptions>>().Value);

        Assert.Contains("DefaultRegion must be an ISO 3166-1 alpha-2 code", error.Message, StringComparison.Ordinal);
    }
}
