using CustomerCore.TestSupport;

namespace CustomerCore.Storage.Sqlite.Tests;

public sealed class SqliteCustomerStoreTests : CustomerStoreContractTests, IDisposable
{
    private readonly List<SqliteTestDatabase> _databases = [];

    protected override Task<ICustomerStore> CreateStoreAsync()
    {
        var database = new SqliteTestDatabase();
        _databases.Add(database);
        return Task.FromResult<ICustomerStore>(database.CreateStore());
    }

    public void Dispose()
    {
        foreach (var d in _databases)
        {
            d.Dispose();
        }
    }
}
