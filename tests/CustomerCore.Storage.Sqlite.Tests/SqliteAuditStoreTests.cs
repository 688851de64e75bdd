using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Storage.Sqlite.Tests;

public sealed class SqliteAuditStoreTests : AuditStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    protected override Task<IAuditStore> CreateStoreAsync() => Task.FromResult<IAuditStore>(_db.CreateStore());

    protected override Task<IAuditStore?> CreateSecondWriterAsync() => Task.FromResult<IAuditStore?>(_db.CreateStore());

    [Fact]
    public async Task AuditLog_OnSqlite_SurvivesARestartAndDetectsAnEditedRow()
    {
        var admin = new CallerContext("admin-1", [AccessRoles.Admin]);
        CustomerId id;
        await using (var provider = Build())
        {
            var customers = provider.GetRequiredService<ICustomerService>();
            id = (await customers.CreateAsync(admin, Some.Customer())).Customer!.Id;
            await customers.GetAsync(admin, id);
        }

        await using (var provider = Build())
        {
            var log = provider.GetRequiredService<IAuditLog>();
            var mine = await log.QueryAsync(admin, new AuditQuery { CustomerId = id });
            Assert.Contains(mine.Items, e => e.Action == AuditAction.Create);
            Assert.Contains(mine.Items, e => e.Action == AuditAction.Read);
            Assert.True((await log.VerifyAsync(admin)).IsIntact);
        }

        using (var connection = new SqliteConnection($"Data Source={_db.Path}"))
        {
            connection.Open();
            using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1;";
            Assert.Equal(1, edit.ExecuteNonQuery());
        }

        await using (var provider = Build())
        {
            var verification = await provider.GetRequiredService<IAuditLog>().VerifyAsync(admin);
            Assert.False(verification.IsIntact);
            Assert.Equal(1, verification.FirstBrokenSequence);
        }
    }

    private ServiceProvider Build()
    {
        SqliteConnection.ClearAllPools();
        var services = new ServiceCollection();
        services.AddCustomerCore().AddSqliteStorage(o => o.ConnectionString = $"Data Source={_db.Path}");
        return services.BuildServiceProvider();
    }
}
