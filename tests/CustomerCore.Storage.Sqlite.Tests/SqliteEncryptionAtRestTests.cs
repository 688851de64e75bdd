using CustomerCore.Customers;
using CustomerCore.Storage.Sqlite;
using CustomerCore.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Storage.Sqlite.Tests;

public sealed class SqliteEncryptionAtRestTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"cc-keys-{Guid.NewGuid():N}.json");

    public void Dispose()
    {
        _db.Dispose();
        File.Delete(_keyFile);
    }

    [Fact]
    public async Task FieldEncryption_RawDatabaseFile_HoldsNoPlaintextPersonalData()
    {
        await using (var provider = Build(encrypt: true))
        {
            await EncryptionAtRestScenario.WriteAndLookUpAsync(provider.GetRequiredService<ICustomerService>());
        }

        Assert.Empty(EncryptionAtRestScenario.FindLeaks(ReadDatabaseBytes()));
    }

    [Fact]
    public async Task WithoutEncryption_TheSameScan_FindsThePlaintext()
    {
        // The control: proves the scan can see the values when they are stored in the clear.
        await using (var provider = Build(encrypt: false))
        {
            await EncryptionAtRestScenario.WriteAndLookUpAsync(provider.GetRequiredService<ICustomerService>());
        }

        Assert.Contains("13800138000", EncryptionAtRestScenario.FindLeaks(ReadDatabaseBytes()));
    }

    private ServiceProvider Build(bool encrypt)
    {
        var services = new ServiceCollection();
        var builder = services.AddCustomerCore(o => o.DefaultRegion = "CN").AddSqliteStorage(o => o.ConnectionString = $"Data Source={_db.Path}");
        if (encrypt)
        {
            builder.AddFieldEncryption(o =>
            {
                o.KeyFile = _keyFile;
                o.CreateKeyFileIfMissing = true;
            });
        }

        return services.BuildServiceProvider();
    }

    private byte[] ReadDatabaseBytes()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var all = new MemoryStream();
        foreach (var suffix in new[] { string.Empty, "-wal" })
        {
            if (File.Exists(_db.Path + suffix))
            {
                using var file = File.OpenRead(_db.Path + suffix);
                file.CopyTo(all);
            }
        }

        return all.ToArray();
    }
}
