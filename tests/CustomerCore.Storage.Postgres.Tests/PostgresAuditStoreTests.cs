using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CustomerCore.Storage.Postgres.Tests;

[Collection("postgres")]
public sealed class PostgresAuditStoreTests(PostgresServer server) : AuditStoreContractTests, IDisposable
{
    private readonly string _schema = $"t{Guid.NewGuid():N}";
    private readonly List<PostgresCustomerStore> _stores = [];

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }

    protected override Task<IAuditStore> CreateStoreAsync() => Task.FromResult<IAuditStore>(Open());

    protected override Task<IAuditStore?> CreateSecondWriterAsync() => Task.FromResult<IAuditStore?>(Open());

    [Fact]
    public async Task AuditLog_OnPostgres_IsWrittenByTheServiceAndDetectsAnEditedRow()
    {
        var admin = new CallerContext("admin-1", [AccessRoles.Admin]);
        var services = new ServiceCollection();
        services.AddCustomerCore().AddPostgresStorage(o =>
        {
            o.ConnectionString = server.ConnectionString;
            o.Schema = _schema;
        });
        await using var provider = services.BuildServiceProvider();
        var id = (await provider.GetRequiredService<ICustomerService>().CreateAsync(admin, Some.Customer())).Customer!.Id;
        var log = provider.GetRequiredService<IAuditLog>();

        Assert.Contains((await log.QueryAsync(admin, new AuditQuery { CustomerId = id })).Items, e => e.Action == AuditAction.Create);
        Assert.True((await log.VerifyAsync(admin)).IsIntact);

        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var edit = new NpgsqlCommand($"UPDATE \"{_schema}\".audit_log SET operation = 'nothing to see' WHERE seq = 1;", connection);
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }

        var fresh = new ServiceCollection();
        fresh.AddCustomerCore().AddPostgresStorage(o =>
        {
            o.ConnectionString = server.ConnectionString;
            o.Schema = _schema;
        });
        await using var second = fresh.BuildServiceProvider();
        var verification = await second.GetRequiredService<IAuditLog>().VerifyAsync(admin);
        Assert.False(verification.IsIntact);
        Assert.Equal(1, verification.FirstBrokenSequence);
    }

    private PostgresCustomerStore Open()
    {
        var store = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = server.ConnectionString, Schema = _schema }));
        _stores.Add(store);
        return store;
    }
}
