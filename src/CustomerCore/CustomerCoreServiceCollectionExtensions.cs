using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerCore;

/// <summary>Registers CustomerCore in a service collection.</summary>
/// <remarks>Each capability folder adds its services through one of the partial <c>Register*</c> methods below,
/// so capabilities are wired in one place without editing each other's files.</remarks>
public static partial class CustomerCoreServiceCollectionExtensions
{
    /// <summary>Adds the CustomerCore services and returns a builder that storage providers extend.</summary>
    /// <param name="services">The service collection to add to.</param>
    /// <param name="configure">An optional callback that sets <see cref="CustomerCoreOptions"/>.</param>
    /// <returns>The builder, for chaining provider registrations such as <c>AddSqliteStorage</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static ICustomerCoreBuilder AddCustomerCore(this IServiceCollection services, Action<CustomerCoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<CustomerCoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CustomerCoreOptions>, CustomerCoreOptionsValidator>());

        // Fallbacks only: a host's own TimeProvider and logging win.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(NullLogger<>)));

        RegisterContacts(services);
        RegisterCustomers(services);
        RegisterAddresses(services);
        RegisterDeduplication(services);
        RegisterSegmentation(services);
        RegisterGeo(services);
        RegisterRouting(services);
        RegisterPrivacy(services);
        RegisterAccess(services);
        RegisterImport(services);

        return new CustomerCoreBuilder(services);
    }

    static partial void RegisterContacts(IServiceCollection services);

    static partial void RegisterCustomers(IServiceCollection services);

    static partial void RegisterAddresses(IServiceCollection services);

    static partial void RegisterDeduplication(IServiceCollection services);

    static partial void RegisterSegmentation(IServiceCollection services);

    static partial void RegisterGeo(IServiceCollection services);

    static partial void RegisterRouting(IServiceCollection services);

    static partial void RegisterPrivacy(IServiceCollection services);

    static partial void RegisterAccess(IServiceCollection services);

    static partial void RegisterImport(IServiceCollection services);
}
