using CustomerCore.Access;
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
    static partial void RegisterAccess(IServiceCollection services)
    {
        services.AddOptions<AccessPolicy>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessPolicy>, AccessPolicyValidator>());
        services.TryAddSingleton<ITeamDirectory, InMemoryTeamDirectory>();
        services.TryAddSingleton<IAuditStore, InMemoryAuditStore>();
        services.TryAddSingleton(sp => new AccessEvaluator(sp.GetRequiredService<IOptions<AccessPolicy>>(), sp.GetRequiredService<ITeamDirectory>()));
        services.TryAddSingleton<IAuditLog>(sp => new AuditLog(sp.GetRequiredService<IAuditStore>(), sp.GetRequiredService<AccessEvaluator>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ICustomerPool>(sp => new CustomerPool(
            sp.GetRequiredService<ICustomerService>() is AccessControlledCustomerService guarded ? guarded.Inner : throw new InvalidOperationException(
                "The customer pool needs the access-controlled customer service; the registered ICustomerService was replaced."),
            sp.GetRequiredService<AccessEvaluator>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<IAuditStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CustomerPool>>()));
        services.TryAddSingleton<ICustomerReportSource>(sp => new CustomerReportSource(
            sp.GetRequiredService<ICustomerService>(), sp.GetService<ITransactionStore>(), sp.GetRequiredService<AccessEvaluator>()));

        // Privacy requests (export, erasure) go to the audit trail unless the host registered its own sink.
        var sink = services.FirstOrDefault(d => d.ServiceType == typeof(IPrivacyEventSink) && d.ImplementationType == typeof(NullPrivacyEventSink));
        if (sink is not null)
        {
            services.Remove(sink);
            services.AddSingleton<IPrivacyEventSink>(sp => new AuditPrivacyEventSink(sp.GetRequiredService<IAuditLog>()));
        }

        // Decorate the customer service once, whoever registered it; field encryption (AddFieldEncryption) wraps this in turn.
        if (services.Any(d => d.ServiceType == typeof(AccessControlMarker)))
        {
            return;
        }

        services.AddSingleton<AccessControlMarker>();
        if (services.LastOrDefault(d => d.ServiceType == typeof(IMergeService) && !d.IsKeyedService) is { ImplementationInstance: null } merges)
        {
            services.Remove(merges);
            services.Add(ServiceDescriptor.Describe(
                typeof(IMergeService),
                sp => new AuditedMergeService((IMergeService)AccessControlMarker.Create(merges, sp), sp.GetRequiredService<IAuditLog>()),
                merges.Lifetime));
        }

        var subjects = services.LastOrDefault(d => d.ServiceType == typeof(IDataSubjectService) && !d.IsKeyedService);
        if (subjects is not null)
        {
            services.Remove(subjects);
            services.Add(ServiceDescriptor.Describe(
                typeof(IDataSubjectService),
                sp => new AccessControlledDataSubjectService(
                    (IDataSubjectService)AccessControlMarker.Create(subjects, sp),
                    () => sp.GetRequiredService<ICustomerService>() is AccessControlledCustomerService guarded ? guarded.Inner : sp.GetRequiredService<ICustomerService>(),
                    sp.GetRequiredService<AccessEvaluator>(),
                    sp.GetRequiredService<IAuditLog>()),
                subjects.Lifetime));
        }

        var inner = services.LastOrDefault(d => d.ServiceType == typeof(ICustomerService) && !d.IsKeyedService);
        if (inner is null)
        {
            return;
        }

        services.Remove(inner);
        services.Add(ServiceDescriptor.Describe(
            typeof(ICustomerService),
            sp => new AccessControlledCustomerService(
                (ICustomerService)AccessControlMarker.Create(inner, sp),
                sp.GetRequiredService<AccessEvaluator>(),
                sp.GetRequiredService<IAuditLog>(),
                sp.GetService<IReminderStore>(),
                sp.GetRequiredService<ILogger<AccessControlledCustomerService>>()),
            inner.Lifetime));
    }
}

/// <summary>Configures access control: roles, teams, the pool and the audit store.</summary>
public static class AccessCustomerCoreBuilderExtensions
{
    /// <summary>Changes the <see cref="AccessPolicy"/>: custom roles, field allow-lists, teams, the daily claim cap, staleness.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the policy; validated at host start (or on first use).</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>Access control is always on; <see cref="CallerContext.System"/> (role <c>admin</c>) keeps full rights for host jobs.</remarks>
    public static ICustomerCoreBuilder ConfigureAccess(this ICustomerCoreBuilder builder, Action<AccessPolicy> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<AccessPolicy>().Configure(configure);
        return builder;
    }

    /// <summary>Stores the audit log in a provider's store instead of memory; the last call wins.</summary>
    /// <typeparam name="TStore">The store type, registered as a singleton.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ICustomerCoreBuilder AddAuditStore<TStore>(this ICustomerCoreBuilder builder)
        where TStore : class, IAuditStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IAuditStore, TStore>());
        return builder;
    }
}

/// <summary>Marks that the customer service is decorated with access control, and builds the decorated registration.</summary>
internal sealed class AccessControlMarker
{
    public static object Create(ServiceDescriptor descriptor, IServiceProvider provider) =>
        (descriptor.ImplementationFactory is { } factory ? factory(provider)
        : descriptor.ImplementationInstance is { } instance ? instance
        : descriptor.ImplementationType is { } type ? ActivatorUtilities.CreateInstance(provider, type)
        : throw new InvalidOperationException("The registration to decorate has no implementation."));
}
