using CustomerCore.Customers;
using CustomerCore.Phones;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerCore.Tests;

public sealed class CustomerCoreRegistrationTests
{
    [Fact]
    public void AddCustomerCore_InvalidRegion_FailsValidationWithClearMessage()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore(o => o.DefaultRegion = "china");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CustomerCoreOptions>>().Value);

        Assert.Contains("DefaultRegion must be an ISO 3166-1 alpha-2 code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCustomerCore_NoStore_ServiceResolutionSaysWhatToRegister()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ICustomerService>());

        Assert.Contains("AddSqliteStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCustomerCore_CalledTwice_KeepsOneRegistrationAndAppliesBothCallbacks()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore(o => o.DefaultRegion = "US");
        services.AddCustomerCore().AddInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IPhoneNormalizer));
        Assert.Equal("US", provider.GetRequiredService<IOptions<CustomerCoreOptions>>().Value.DefaultRegion);
        Assert.True(provider.GetRequiredService<IPhoneNormalizer>().Normalize("(415) 555-2671").IsSuccess);
    }

    [Fact]
    public void AddCustomerStore_Twice_LastProviderWinsForEveryContract()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddInMemoryStorage().AddCustomerStore<OtherStore>();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<OtherStore>(provider.GetRequiredService<ICustomerStore>());
        Assert.IsType<OtherStore>(provider.GetRequiredService<IInteractionStore>());
        Assert.Single(services, d => d.ServiceType == typeof(ICustomerStore));
    }

    [Fact]
    public void AddCustomerCore_HostRegisteredTimeProvider_Wins()
    {
        var services = new ServiceCollection();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(time);
        services.AddCustomerCore();
        using var provider = services.BuildServiceProvider();

        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }

    private sealed class OtherStore : ICustomerStore, IInteractionStore
    {
        private readonly InMemoryCustomerStore _inner = new();

        public Task<Customer?> GetAsync(CustomerId id, CancellationToken cancellationToken = default) => _inner.GetAsync(id, cancellationToken);

        public Task<Customer> AddAsync(Customer customer, CancellationToken cancellationToken = default) => _inner.AddAsync(customer, cancellationToken);

        public Task<Customer> UpdateAsync(Customer customer, CancellationToken cancellationToken = default) => _inner.UpdateAsync(customer, cancellationToken);

        public Task<bool> DeleteAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default) => _inner.DeleteAsync(id, expectedVersion, cancellationToken);

        public Task<int> UpsertBatchAsync(IReadOnlyList<Customer> customers, IProgress<int>? progress = null, CancellationToken cancellationToken = default) => _inner.UpsertBatchAsync(customers, progress, cancellationToken);

        public Task<Page<Customer>> QueryAsync(CustomerQuery query, CancellationToken cancellationToken = default) => _inner.QueryAsync(query, cancellationToken);

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => _inner.CountAsync(cancellationToken);

        public IAsyncEnumerable<Customer> StreamAsync(CancellationToken cancellationToken = default) => _inner.StreamAsync(cancellationToken);

        public Task AddAsync(Interaction interaction, CancellationToken cancellationToken = default) => _inner.AddAsync(interaction, cancellationToken);

        public Task<Interaction?> GetAsync(InteractionId id, CancellationToken cancellationToken = default) => _inner.GetAsync(id, cancellationToken);

        public Task<Page<Interaction>> ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default) => _inner.ListByCustomerAsync(customerId, page, cancellationToken);

        public Task<int> MoveAsync(IReadOnlyCollection<InteractionId> ids, CustomerId target, CancellationToken cancellationToken = default) => _inner.MoveAsync(ids, target, cancellationToken);

        public Task<int> DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default) => ((IInteractionStore)_inner).DeleteByCustomerAsync(customerId, cancellationToken);
    }
}
