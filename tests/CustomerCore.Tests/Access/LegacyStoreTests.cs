using CustomerCore.Customers;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerCore.Tests.Access;

/// <summary>A provider that does not know <see cref="CustomerQuery.OwnerIds"/> yet must not leak: results are filtered again.</summary>
public sealed class LegacyStoreTests : IDisposable
{
    private readonly AccessKit _kit = new(more: b => b.Services.Replace(
        ServiceDescriptor.Singleton<ICustomerStore>(sp => new OwnerIdsIgnoringStore(sp.GetRequiredService<InMemoryCustomerStore>()))));

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task ManagerSearchAndStream_StoreIgnoresOwnerSet_StillReturnOnlyTheTeam()
    {
        var team = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            team.Add((await _kit.SeedAsync(i % 2 == 0 ? "rep-1" : "rep-2", "北" + i)).Id.Value);
            await _kit.SeedAsync("rep-3", "南" + i);
        }

        var searched = new List<Guid>();
        var query = new CustomerQuery { Page = new PageRequest(3) };
        do
        {
            var page = await _kit.Customers.SearchAsync(AccessKit.Manager, query);
            searched.AddRange(page.Items.Select(c => c.Id.Value));
            query = query with { Page = query.Page with { ContinuationToken = page.ContinuationToken } };
        }
        while (query.Page.ContinuationToken is not null);

        var streamed = new List<Guid>();
        await foreach (var c in _kit.Customers.StreamAsync(AccessKit.Manager))
        {
            streamed.Add(c.Id.Value);
        }

        Assert.Equal(team.Order(), searched.Order());
        Assert.Equal(team.Order(), streamed.Order());
    }

    private sealed class OwnerIdsIgnoringStore(ICustomerStore inner) : ICustomerStore
    {
        public Task<Customer?> GetAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public Task<Customer> AddAsync(Customer customer, CancellationToken cancellationToken = default) => inner.AddAsync(customer, cancellationToken);

        public Task<Customer> UpdateAsync(Customer customer, CancellationToken cancellationToken = default) => inner.UpdateAsync(customer, cancellationToken);

        public Task<bool> DeleteAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, expectedVersion, cancellationToken);

        public Task<int> UpsertBatchAsync(IReadOnlyList<Customer> customers, IProgress<int>? progress = null, CancellationToken cancellationToken = default) => inner.UpsertBatchAsync(customers, progress, cancellationToken);

        public Task<Page<Customer>> QueryAsync(CustomerQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query with { OwnerIds = null }, cancellationToken);

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

        public IAsyncEnumerable<Customer> StreamAsync(CancellationToken cancellationToken = default) => inner.StreamAsync(cancellationToken);
    }
}
