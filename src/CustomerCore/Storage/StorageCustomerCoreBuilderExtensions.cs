using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerCore;

/// <summary>Registers storage providers with CustomerCore.</summary>
public static class StorageCustomerCoreBuilderExtensions
{
    /// <summary>Registers a store as the customer store, and as the interaction, reminder and transaction store for each of those contracts it implements.</summary>
    /// <typeparam name="TStore">The store type; registered as a singleton.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <remarks>The last provider registered wins: each contract is replaced, not added.</remarks>
    public static ICustomerCoreBuilder AddCustomerStore<TStore>(this ICustomerCoreBuilder builder)
        where TStore : class, ICustomerStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<TStore>();
        services.Replace(ServiceDescriptor.Singleton<ICustomerStore>(sp => sp.GetRequiredService<TStore>()));
        if (typeof(IInteractionStore).IsAssignableFrom(typeof(TStore)))
        {
            services.Replace(ServiceDescriptor.Singleton(sp => (IInteractionStore)sp.GetRequiredService<TStore>()));
        }

        if (typeof(IReminderStore).IsAssignableFrom(typeof(TStore)))
        {
            services.Replace(ServiceDescriptor.Singleton(sp => (IReminderStore)sp.GetRequiredService<TStore>()));
        }

        if (typeof(ITransactionStore).IsAssignableFrom(typeof(TStore)))
        {
            services.Replace(ServiceDescriptor.Singleton(sp => (ITransactionStore)sp.GetRequiredService<TStore>()));
        }

        return builder;
    }

    /// <summary>Registers the in-memory store, for tests and samples; data is lost when the process ends.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ICustomerCoreBuilder AddInMemoryStorage(this ICustomerCoreBuilder builder) =>
        builder.AddCustomerStore<InMemoryCustomerStore>();
}
