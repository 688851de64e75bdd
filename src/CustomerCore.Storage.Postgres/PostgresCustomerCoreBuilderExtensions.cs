using CustomerCore.Activities;
using CustomerCore.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerCore;

/// <summary>Registers the PostgreSQL storage provider.</summary>
public static class PostgresCustomerCoreBuilderExtensions
{
    /// <summary>Stores customers and their activities in PostgreSQL, for teams that outgrow one machine.</summary>
    /// <param name="builder">The builder from <c>AddCustomerCore</c>.</param>
    /// <param name="configure">Sets the options; <see cref="PostgresStorageOptions.ConnectionString"/> is required.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ICustomerCoreBuilder AddPostgresStorage(this ICustomerCoreBuilder builder, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<PostgresStorageOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageOptionsValidator>());
        builder.AddCustomerStore<PostgresCustomerStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IComplaintStore>(sp => sp.GetRequiredService<PostgresCustomerStore>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<ISurveyStore>(sp => sp.GetRequiredService<PostgresCustomerStore>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<CustomerCore.Access.IAuditStore>(sp => sp.GetRequiredService<PostgresCustomerStore>()));
        return builder;
    }
}
