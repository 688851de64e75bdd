using CustomerCore.Customers;
using CustomerCore.Deduplication;
using CustomerCore.Privacy;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerCore;

public static partial class CustomerCoreServiceCollectionExtensions
{
    static partial void RegisterPrivacy(IServiceCollection services)
    {
        services.TryAddSingleton<IPrivacyEventSink, NullPrivacyEventSink>();
        services.TryAddSingleton<IConsentService>(sp => new ConsentService(sp.GetService<IConsentStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var raw = sp.GetService<ICustomerStore>() ?? throw new InvalidOperationException(
                "No customer store is registered: chain AddSqliteStorage(...), AddPostgresStorage(...) or AddInMemoryStorage() after AddCustomerCore().");
            var encrypted = sp.GetService<EncryptedStores>();
            return new PrivacyStores(
                encrypted?.Customers ?? raw,
                raw,
                encrypted is null ? sp.GetService<IInteractionStore>() : encrypted.Interactions,
                sp.GetService<IReminderStore>(),
                sp.GetService<ITransactionStore>());
        });
        services.TryAddSingleton<IDataSubjectService>(sp => new DataSubjectService(
            sp.GetRequiredService<PrivacyStores>(),
            sp.GetService<IConsentStore>(),
            sp.GetRequiredService<IPrivacyEventSink>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DataSubjectService>>(),
            sp.GetService<IMergeJournalStore>()));
    }
}

/// <summary>Registers the privacy capabilities: field encryption at rest and consent storage.</summary>
public static class PrivacyCustomerCoreBuilderExtensions
{
    /// <summary>Turns on field-level encryption at rest (AES-256-GCM, blind index for phone and email lookups) for every store the customer service uses.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets <see cref="FieldEncryptionOptions"/>; <see cref="FieldEncryptionOptions.KeyFile"/> or <see cref="FieldEncryptionOptions.KeyProvider"/> is required.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><c>AddCustomerCore</c> was not called on these services.</exception>
    /// <remarks>Order does not matter: it may come before or after <c>AddSqliteStorage</c>, <c>AddPostgresStorage</c> or
    /// <c>AddInMemoryStorage</c>, because the store is wrapped when the customer service is first resolved. The customer
    /// service, <see cref="IDataSubjectService"/> and <see cref="IKeyRotationService"/> see decrypted data; the
    /// <see cref="ICustomerStore"/> registration itself stays the raw provider, which hosts must not call directly.
    /// Options are validated at host start (or on first use). Calling it again adds only the <paramref name="configure"/> callback.</remarks>
    public static ICustomerCoreBuilder AddFieldEncryption(this ICustomerCoreBuilder builder, Action<FieldEncryptionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<FieldEncryptionOptions>().Configure(configure).ValidateOnStart();
        if (services.Any(d => d.ServiceType == typeof(EncryptedStores)))
        {
            return builder;
        }

        var serviceDescriptor = services.LastOrDefault(d => d.ServiceType == typeof(ICustomerService) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Call AddCustomerCore() before AddFieldEncryption().");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FieldEncryptionOptions>, FieldEncryptionOptionsValidator>());
        services.TryAddSingleton<IKeyProvider>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<FieldEncryptionOptions>>().Value;
            return o.KeyProvider ?? new KeyFileKeyProvider(o.KeyFile!, o.CreateKeyFileIfMissing, sp.GetService<TimeProvider>());
        });
        services.TryAddSingleton(sp => new FieldCipher(sp.GetRequiredService<IKeyProvider>(), sp.GetRequiredService<IOptions<FieldEncryptionOptions>>().Value.AcceptPlaintext));
        services.TryAddSingleton(sp => new CustomerFieldProtector(sp.GetRequiredService<FieldCipher>(), sp.GetRequiredService<IOptions<FieldEncryptionOptions>>().Value));
        services.TryAddSingleton(sp => new EncryptedStores(sp, sp.GetRequiredService<CustomerFieldProtector>()));
        services.TryAddSingleton<IKeyRotationService>(sp => new KeyRotationService(
            () => sp.GetRequiredService<EncryptedStores>().Customers.Inner,
            sp.GetRequiredService<CustomerFieldProtector>(),
            sp.GetRequiredService<ILogger<KeyRotationService>>()));

        // Wrap whatever builds the customer service (the core registration, or an access-control decorator of it), and the
        // other services that read stores directly (duplicate scans, merges): each is built with a provider that hands out
        // the encrypting stores instead of the raw ones, so they compare and merge plaintext and write ciphertext.
        WrapWithEncryptingStores(services, serviceDescriptor);
        foreach (var type in (ReadOnlySpan<Type>)[typeof(IMergeService), typeof(ICustomerDuplicateFinder)])
        {
            if (services.LastOrDefault(d => d.ServiceType == type && !d.IsKeyedService) is { } descriptor && descriptor.ImplementationInstance is null)
            {
                WrapWithEncryptingStores(services, descriptor);
            }
        }

        return builder;
    }

    private static void WrapWithEncryptingStores(IServiceCollection services, ServiceDescriptor descriptor)
    {
        services.Remove(descriptor);
        services.Add(ServiceDescriptor.Describe(
            descriptor.ServiceType,
            sp => CreateFrom(descriptor, new EncryptingServiceProvider(sp, sp.GetRequiredService<EncryptedStores>())),
            descriptor.Lifetime));
    }

    /// <summary>Registers the in-memory consent store, for tests and samples; consents are lost when the process ends.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ICustomerCoreBuilder AddInMemoryConsentStore(this ICustomerCoreBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IConsentStore, InMemoryConsentStore>());
        return builder;
    }

    private static object CreateFrom(ServiceDescriptor descriptor, IServiceProvider provider) =>
        descriptor.ImplementationFactory is { } factory ? factory(provider)
        : descriptor.ImplementationType is { } type ? ActivatorUtilities.CreateInstance(provider, type)
        : throw new InvalidOperationException("Field encryption cannot wrap an ICustomerService registered as an instance; register it by type or factory.");
}

/// <summary>Creates the encrypting views of the registered stores on first use, after every registration is done.</summary>
internal sealed class EncryptedStores
{
    private readonly Lazy<EncryptingCustomerStore> _customers;
    private readonly Lazy<IInteractionStore?> _interactions;
    private readonly Lazy<IMergeJournalStore?> _journal;

    public EncryptedStores(IServiceProvider services, CustomerFieldProtector protector)
    {
        _customers = new(() => new EncryptingCustomerStore(
            services.GetService<ICustomerStore>() ?? throw new InvalidOperationException(
                "No customer store is registered: chain AddSqliteStorage(...), AddPostgresStorage(...) or AddInMemoryStorage() after AddCustomerCore()."),
            protector));
        _interactions = new(() => services.GetService<IInteractionStore>() is { } raw ? new EncryptingInteractionStore(raw, protector) : null);
        _journal = new(() => services.GetService<IMergeJournalStore>() is { } raw ? new EncryptingMergeJournalStore(raw, protector.Cipher) : null);
    }

    public IMergeJournalStore? Journal => _journal.Value;

    public EncryptingCustomerStore Customers => _customers.Value;

    public IInteractionStore? Interactions => _interactions.Value;
}

/// <summary>Hands out the encrypting stores for the store contracts and delegates everything else.</summary>
internal sealed class EncryptingServiceProvider(IServiceProvider inner, EncryptedStores stores) : IKeyedServiceProvider, ISupportRequiredService
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(ICustomerStore) ? stores.Customers
        : serviceType == typeof(IInteractionStore) ? stores.Interactions
        : serviceType == typeof(IMergeJournalStore) ? stores.Journal
        : serviceType == typeof(IServiceProvider) ? this
        : inner.GetService(serviceType);

    public object GetRequiredService(Type serviceType) =>
        GetService(serviceType) ?? inner.GetRequiredService(serviceType);

    public object? GetKeyedService(Type serviceType, object? serviceKey) =>
        inner is IKeyedServiceProvider keyed ? keyed.GetKeyedService(serviceType, serviceKey) : null;

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey) =>
        inner is IKeyedServiceProvider keyed ? keyed.GetRequiredKeyedService(serviceType, serviceKey)
        : throw new InvalidOperationException("The service provider does not support keyed services.");
}
