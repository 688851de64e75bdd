using CustomerCore.Activities;
using CustomerCore.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Storage.Sqlite.Tests;

public sealed class SqliteActivityStoreTests : ActivityStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AddSqliteStorage_ActivityStores_AreTheSqliteStore()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddSqliteStorage(o => o.ConnectionString = $"Data Source={_database.Path}");
        await using var provider = services.BuildServiceProvider();

        var complaints = provider.GetRequiredService<IComplaintStore>();
        var surveys = provider.GetRequiredService<ISurveyStore>();

        Assert.IsType<SqliteCustomerStore>(complaints);
        Assert.Same(complaints, surveys);
    }

    protected override Task<(IComplaintStore Complaints, ISurveyStore Surveys)> CreateStoresAsync()
    {
        var store = _database.CreateStore();
        return Task.FromResult<(IComplaintStore, ISurveyStore)>((store, store));
    }
}
