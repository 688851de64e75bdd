using CustomerCore.Customers;
using CustomerCore.Import;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CustomerCore;

public static partial class CustomerCoreServiceCollectionExtensions
{
    static partial void RegisterImport(IServiceCollection services)
    {
        // Seams with offline no-op defaults; the address standardizer and duplicate detector adapters replace them.
        services.TryAddSingleton<IImportAddressStandardizer, NoOpImportAddressStandardizer>();
        services.TryAddSingleton<IImportDuplicateFinder, NoOpImportDuplicateFinder>();
        services.TryAddSingleton<ICustomerImporter>(sp => new CustomerImporter(
            sp.GetRequiredService<ICustomerService>(),
            sp.GetRequiredService<ICustomerValidator>(),
            sp.GetRequiredService<IImportAddressStandardizer>(),
            sp.GetRequiredService<IImportDuplicateFinder>(),
            sp.GetRequiredService<ILogger<CustomerImporter>>(),
            sp.GetService<ICustomerStore>()));
        services.TryAddSingleton<ICustomerExporter>(sp => new CustomerExporter(
            sp.GetRequiredService<ICustomerService>(),
            sp.GetRequiredService<ILogger<CustomerExporter>>()));
        RegisterActivities(services);
    }

    static partial void RegisterActivities(IServiceCollection services);
}
