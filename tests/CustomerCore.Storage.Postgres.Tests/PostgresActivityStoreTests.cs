using CustomerCore.Activities;
using CustomerCore.Storage.Postgres;
using CustomerCore.TestSupport;
using Microsoft.Extensions.Options;

namespace CustomerCore.Storage.Postgres.Tests;

[Collection("postgres")]
public sealed class PostgresActivityStoreTests(PostgresServer server) : ActivityStoreContractTests, IDisposable
{
    private readonly List<PostgresCustomerStore> _stores = [];

    public void Dispose()
    {
        foreach (var s in _stores)
        {
            s.Dispose();
        }
    }

    protected override Task<(IComplaintStore Complaints, ISurveyStore Surveys)> CreateStoresAsync()
    {
        var store = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = server.ConnectionString, Schema = $"a{Guid.NewGuid():N}" }));
        _stores.Add(store);
        return Task.FromResult<(IComplaintStore, ISurveyStore)>((store, store));
    }
}
