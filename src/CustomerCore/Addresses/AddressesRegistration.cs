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

        // Registered before the import capability's no-op default, so imports standardize addresses on the way in.
        services.TryAddSingleton<CustomerCore.Import.IImportAddressStandardizer, ImportAddressStandardizer>();
    }
}
