using CustomerCore.Addresses;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerCore;

public static partial class CustomerCoreServiceCollectionExtensions
{
    static partial void RegisterAddresses(IServiceCollection services)
    {
        services.TryAddSingleton<IAddressStandardizer, AddressStandardizer>();
        services.TryAddSingleton<IGeocoder, GazetteerGeocoder>();
    }
}
