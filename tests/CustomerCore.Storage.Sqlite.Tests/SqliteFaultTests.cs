using System.Diagnostics;
using CustomerCore.Customers;
using CustomerCore.Storage.Sqlite;
using CustomerCore.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerCore.Storage.Sqlite.Tests;

public sealed class SqliteFaultTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task UpsertBatch_ChildProcessKilledMidBatch_LeavesWholeBatchesOnly()
    {
        const int BatchSize = 2_000;
        var helper = Path.Combine(AppContext.BaseDirectory, "CustomerCore.Storage.Sqlite.CrashHelper.dll");
        var start = new ProcessStartInfo("dotnet", [helper, _database.Path, BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start)!;
        var committed = 0;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            // Kill it once it has committed two batches: it writes batches back to back, so the kill lands inside one.
            while (committed < 2 && await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                committed = int.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();

        var store = _database.CreateStore();
        var count = await store.CountAsync();
        Assert.True(committed >= 2, "the child never committed two batches");
        Assert.Equal(0, count % BatchSize);
        Assert.True(count >= committed * BatchSize, "a batch the child reported as committed is missing");
        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check; ";
        Assert.Equal("ok", check.ExecuteScalar());
        check.CommandText = "SELECT COUNT(*) FROM customer_keys WHERE kind = 1;";
        Assert.Equal(count, (long)check.ExecuteScalar()!); // every stored customer has its index rows, no more
    }

    [Fact]
    public async Task Backup_ThenRestore_BringsBackTheBackedUpState()
    {
        var store = _database.CreateStore();
        var kept = Some.FullCustomer();
        await store.AddAsync(kept);
        var backup = _database.Path + ".bak";
        try
        {
            await store.BackupAsync(backup);
            await store.AddAsync(Some.Customer("added after backup"));

            await store.RestoreAsync(backup);

            Assert.Equal(1, await store.CountAsync());
            CustomerAssert.Equal(kept, (await store.GetAsync(kept.Id))!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(backup);
        }
    }

    [Fact]
    public async Task Restore_MissingFile_ThrowsFileNotFound()
    {
        var store = _database.CreateStore();

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.RestoreAsync(_database.Path + ".missing"));
    }

    [Fact]
    public async Task VerifyOnly_OnEmptyDatabase_FailsWithoutChangingIt()
    {
        var store = _database.CreateStore(SchemaMode.VerifyOnly);

        var error = await Assert.ThrowsAsync<StorageException>(() => store.CountAsync());

        Assert.Contains("VerifyOnly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyOnly_OnMigratedDatabase_Works()
    {
        await _database.CreateStore().AddAsync(Some.Customer());

        var count = await _database.CreateStore(SchemaMode.VerifyOnly).CountAsync();

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task TwoStoresOnOneFile_ConcurrentUpdates_ExactlyOneWins()
    {
        var first = _database.CreateStore();
        var second = _database.CreateStore();
        var added = await first.AddAsync(Some.Customer());

        var results = await Task.WhenAll(
            Attempt(first, added with { DisplayName = "first" }),
            Attempt(second, added with { DisplayName = "second" }));

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(2, (await first.GetAsync(added.Id))?.Version);

        static async Task<bool> Attempt(ICustomerStore store, Customer change)
        {
            try
            {
                await store.UpdateAsync(change);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }
    }

    [Fact]
    public void AddSqliteStorage_MissingConnectionString_FailsOnStartWithClearMessage()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddSqliteStorage(o => o.BusyTimeout = TimeSpan.FromHours(1));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value);

        Assert.Contains("ConnectionString is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("BusyTimeout must be between", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSqliteStorage_ServiceLayer_WritesToTheFile()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddSqliteStorage(o => o.ConnectionString = $"Data Source={_database.Path}");
        await using var provider = services.BuildServiceProvider();
        var service = provider.GetRequiredService<ICustomerService>();

        var saved = await service.CreateAsync(CallerContext.System, Some.Customer() with { Phones = [new PhoneNumber { Raw = "13800138000" }] });

        Assert.True(saved.IsSuccess);
        Assert.Equal(1, await _database.CreateStore().CountAsync());
        Assert.IsType<SqliteCustomerStore>(provider.GetRequiredService<ITransactionStore>());
    }

    [Fact]
    public void PublicApi_FollowsConventions()
    {
        var assembly = typeof(SqliteCustomerStore).Assembly;

        Assert.Empty(ApiConventions.AsyncMethodsWithoutCancellationToken(assembly));
        Assert.Empty(ApiConventions.UnsealedPublicClasses(assembly));
        Assert.Empty(ApiConventions.LeakedThirdPartyTypes(assembly));
    }
}
