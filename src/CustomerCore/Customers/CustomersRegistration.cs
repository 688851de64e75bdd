using CustomerCore.Customers;
using CustomerCore.Emails;
using CustomerCore.Phones;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CustomerCore;

public static partial class CustomerCoreServiceCollectionExtensions
{
    static partial void RegisterContacts(IServiceCollection services)
    {
        services.TryAddSingleton<IPhoneNormalizer, PhoneNormalizer>();
        services.TryAddSingleton<IEmailNormalizer, EmailNormalizer>();
    }

    static partial void RegisterCustomers(IServiceCollection services)
    {
        services.TryAddSingleton<ICustomerValidator, CustomerValidator>();
        services.TryAddSingleton<ICustomerService>(sp => new CustomerService(
            sp.GetService<ICustomerStore>() ?? throw new InvalidOperationException(
                "No customer store is registered: chain AddSqliteStorage(...), AddPostgresStorage(...) or AddInMemoryStorage() after AddCustomerCore()."),
            sp.GetRequiredService<ICustomerValidator>(),
            sp.GetRequiredService<IPhoneNormalizer>(),
            sp.GetRequiredService<IEmailNormalizer>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CustomerService>>(),
            sp.GetService<IInteractionStore>(),
            sp.GetService<IReminderStore>(),
            sp.GetService<ITransactionStore>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CustomerCoreOptions>>().Value.EntryDuplicateCheck));
    }
}
