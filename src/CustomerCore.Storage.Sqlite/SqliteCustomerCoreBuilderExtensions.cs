using CustomerCore.Activities;
using CustomerCore.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerCore;

/// <summary>Registers the SQLite storage provider.</summary>
public static class SqliteCustomerCoreBuilderExtensions
{
    /// <summary>Stores customers and their activities in a SQLite database file: the embedded default, no server needed.</summary>
    /// <param name="builder">The builder from <c>AddCustomerCore</c>.</param>
    /// <param name="configure">Sets the options; <see cref="SqliteStorageOptions.ConnectionString"/> is required.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ICustomerCoreBuilder AddSqliteStorage(this ICustomerCoreBuilder builder, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SqliteStorageOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
        builder.AddCustomerStore<SqliteCustomerStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IComplaintStore>(sp => sp.GetRequiredService<SqliteCustomerStore>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<ISurveyStore>(sp => sp.GetRequiredService<SqliteCustomerStore>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<CustomerCore.Access.IAuditStore>(sp => sp.GetRequiredService<SqliteCustomerStore>()));
        return builder;
    }
}
