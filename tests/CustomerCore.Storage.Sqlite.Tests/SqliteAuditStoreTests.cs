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

    [Fact]
    public async Task AppendAsync_EntryOfThousandsOfCustomers_StoresItAndLeavesEveryPooledConnectionCheckpointingAtCommit()
    {
        // A large entry commits without SQLite's checkpoint (a background one copies the WAL instead); the connection must
        // go back to the pool with the auto-checkpoint on, or later small writes would let the WAL grow unchecked.
        var store = _db.CreateStore();
        CustomerId[] ids = [.. Enumerable.Range(0, 3000).Select(_ => CustomerId.New())];
        var entry = new AuditEntry(1, DateTimeOffset.UtcNow, "importer", AuditAction.Create, "customers.create-many", ids, ["name"], new string('0', 64), new string('1', 64));

        await ((IAuditStore)store).AppendAsync([entry]);
        await ((IAsyncDisposable)store).DisposeAsync(); // waits for the background checkpoint; the store stays usable

        Assert.True(store.BackgroundCheckpoint.IsCompleted);

        var read = Assert.Single(await ((IAuditStore)store).ReadRangeAsync(1, 10));
        Assert.Equal(ids, read.CustomerIds);
        var open = new List<SqliteConnection>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var connection = new SqliteConnection(store.ConnectionString); // the pool hands out the idle ones first
                connection.Open();
                open.Add(connection);
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_autocheckpoint;";
                Assert.Equal(1000L, (long)command.ExecuteScalar()!);
            }
        }
        finally
        {
            open.ForEach(c => c.Dispose());
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
