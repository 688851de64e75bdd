using CustomerCore.Customers;
using CustomerCore.Storage.Postgres;
using CustomerCore.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerCore.Storage.Postgres.Tests;

[Collection("postgres")]
public sealed class PostgresProviderTests(PostgresServer server)
{
    [Fact]
    public async Task ApplyMigrationsOff_OnEmptySchema_FailsWithoutCreatingTables()
    {
        using var store = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = server.ConnectionString, Schema = $"t{Guid.NewGuid():N}", ApplyMigrations = false }));

        var error = await Assert.ThrowsAsync<StorageException>(() => store.CountAsync());

        Assert.Contains("ApplyMigrations is off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoStoresOnOneSchema_MigrateOnceAndShareData()
    {
        var schema = $"t{Guid.NewGuid():N}";
        using var first = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = server.ConnectionString, Schema = schema }));
        using var second = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = server.ConnectionString, Schema = schema }));

        await Task.WhenAll(first.CountAsync(), second.CountAsync());
        var added = await first.AddAsync(Some.Customer());

        Assert.NotNull(await second.GetAsync(added.Id));
    }

    [Fact]
    public async Task UnreachableServer_ThrowsStorageExceptionWithCause()
    {
        using var store = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=x;Timeout=2", Schema = "cc" }));

        var error = await Assert.ThrowsAsync<StorageException>(() => store.CountAsync());

        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task AddPostgresStorage_ServiceLayer_WritesToTheServer()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddPostgresStorage(o =>
        {
            o.ConnectionString = server.ConnectionString;
            o.Schema = $"t{Guid.NewGuid():N}";
        });
        await using var provider = services.BuildServiceProvider();

        var saved = await provider.GetRequiredService<ICustomerService>().CreateAsync(CallerContext.System, Some.Customer() with { Phones = [new PhoneNumber { Raw = "13800138000" }] });
        var found = await provider.GetRequiredService<ICustomerService>().SearchAsync(CallerContext.System, new CustomerQuery { Phone = "138 0013 8000" });

        Assert.True(saved.IsSuccess);
        Assert.Single(found.Items);
    }

    [Fact]
    public void AddPostgresStorage_BadOptions_FailsOnStartWithEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddPostgresStorage(o => o.Schema = "Bad-Schema");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostgresStorageOptions>>().Value);

        Assert.Contains("ConnectionString is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Schema must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicApi_FollowsConventions()
    {
        var assembly = typeof(PostgresCustomerStore).Assembly;

        Assert.Empty(ApiConventions.AsyncMethodsWithoutCancellationToken(assembly));
        Assert.Empty(ApiConventions.UnsealedPublicClasses(assembly));
        Assert.Empty(ApiConventions.LeakedThirdPartyTypes(assembly));
    }
}
