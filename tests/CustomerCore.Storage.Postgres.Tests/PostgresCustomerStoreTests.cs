using CustomerCore.Storage.Postgres;
using CustomerCore.TestSupport;
using Microsoft.Extensions.Options;

namespace CustomerCore.Storage.Postgres.Tests;

[Collection("postgres")]
public sealed class PostgresCustomerStoreTests(PostgresServer server) : CustomerStoreContractTests, IDisposable
{
    private readonly List<PostgresCustomerStore> _stores = [];

    protected override Task<ICustomerStore> CreateStoreAsync()
    {
        // A fresh schema per test: isolated and cheaper than a database.
        var store = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = server.ConnectionString, Schema = $"t{Guid.NewGuid():N}" }));
        _stores.Add(store);
        return Task.FromResult<ICustomerStore>(store);
    }

    public void Dispose()
    {
        foreach (var s in _stores)
        {
            s.Dispose();
        }
    }
}
