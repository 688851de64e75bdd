using CustomerCore.Customers;
using CustomerCore.Privacy;
using CustomerCore.Storage;
using CustomerCore.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerCore.Tests.Privacy;

public sealed class KeyRotationServiceTests
{
    [Fact]
    public async Task Rotate_AfterNewKey_ReencryptsEverythingAndOldDataStayedReadable()
    {
        var keys = PrivacyKit.Keys("k1");
        var (store, raw) = Store(keys);
        var originals = Enumerable.Range(0, 25).Select(i => Some.FullCustomer() with { DisplayName = "客户" + i }).ToList();
        await store.UpsertBatchAsync(originals);
        keys.AddKey("k2", PrivacyKit.Key2, makeCurrent: true);
        var beforeRotation = await store.GetAsync(originals[3].Id);

        var result = await Rotation(store, keys).RotateAsync(batchSize: 10);

        CustomerAssert.Equal(originals[3] with { Version = 1 }, beforeRotation! with { Version = 1 });
        Assert.Equal(new KeyRotationResult("k2", 25, 25, 0), result);
        await AssertAllUnderKeyAsync(raw, "k2");
        foreach (var c in originals)
        {
            CustomerAssert.Equal(c with { Version = 2 }, (await store.GetAsync(c.Id))!);
        }
    }

    [Fact]
    public async Task Rotate_CancelledAfterFirstBatch_ResumesAndLosesNothing()
    {
        var keys = PrivacyKit.Keys("k1");
        var (store, raw) = Store(keys);
        var originals = Enumerable.Range(0, 30).Select(_ => Some.FullCustomer()).ToList();
        await store.UpsertBatchAsync(originals);
        keys.AddKey("k2", PrivacyKit.Key2, makeCurrent: true);
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(_ => cts.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Rotation(store, keys).RotateAsync(10, progress, cts.Token));
        var midway = await CountUnderKeyAsync(raw, "k2");
        var resumed = await Rotation(store, keys).RotateAsync(10);

        Assert.Equal(10, midway);
        Assert.Equal(30, resumed.Scanned);
        Assert.Equal(20, resumed.Reencrypted);
        Assert.True(resumed.IsComplete);
        foreach (var c in originals)
        {
            var loaded = (await store.GetAsync(c.Id))!;
            CustomerAssert.Equal(c with { Version = loaded.Version }, loaded);
        }
    }

    [Fact]
    public async Task Rotate_PlaintextLegacyRecords_EncryptsThem()
    {
        var keys = PrivacyKit.Keys("k1");
        var (store, raw) = Store(keys);
        var legacy = Some.FullCustomer();
        await raw.AddAsync(legacy);

        var result = await Rotation(store, keys).RotateAsync();
        var stored = (await raw.GetAsync(legacy.Id))!;

        Assert.Equal(1, result.Reencrypted);
        Assert.Empty(PrivacyKit.Leaks(StorageJson.Serialize(stored), PrivacyKit.SecretsOf(legacy)));
        CustomerAssert.Equal(legacy with { Version = 2 }, (await store.GetAsync(legacy.Id))!);
        Assert.Equal(legacy.Id, Assert.Single((await store.QueryAsync(new CustomerQuery { Phone = legacy.Phones[0].E164 })).Items).Id);
    }

    [Fact]
    public async Task Rotate_CustomerChangedDuringRotation_KeepsTheConcurrentChange()
    {
        var keys = PrivacyKit.Keys("k1");
        var raw = new InMemoryCustomerStore();
        var racing = new RacingStore(raw);
        var protector = PrivacyKit.Protector(keys);
        var store = new EncryptingCustomerStore(racing, protector);
        var c = await store.AddAsync(Some.Customer());
        keys.AddKey("k2", PrivacyKit.Key2, makeCurrent: true);
        racing.BeforeFirstUpdate = async () => await store.UpdateAsync((await store.GetAsync(c.Id))! with { Notes = "changed meanwhile" });

        var result = await new KeyRotationService(() => racing, protector, NullLogger<KeyRotationService>.Instance).RotateAsync();
        var loaded = (await store.GetAsync(c.Id))!;

        Assert.Equal("changed meanwhile", loaded.Notes);
        Assert.True(result.IsComplete);
        await AssertAllUnderKeyAsync(raw, "k2");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(PageRequest.MaxPageSize + 1)]
    public async Task Rotate_BatchSizeOutOfRange_Throws(int batchSize)
    {
        var keys = PrivacyKit.Keys();
        var (store, _) = Store(keys);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Rotation(store, keys).RotateAsync(batchSize));
    }

    private static (EncryptingCustomerStore Store, InMemoryCustomerStore Raw) Store(IKeyProvider keys) => PrivacyKit.Store(keys);

    private static KeyRotationService Rotation(EncryptingCustomerStore store, IKeyProvider keys) =>
        new(() => store.Inner, PrivacyKit.Protector(keys), NullLogger<KeyRotationService>.Instance);

    private static async Task<int> CountUnderKeyAsync(InMemoryCustomerStore raw, string keyId)
    {
        var n = 0;
        await foreach (var c in raw.StreamAsync())
        {
            n += c.Phones.All(p => p.Raw.StartsWith($"enc:v1:{keyId}:", StringComparison.Ordinal)) ? 1 : 0;
        }

        return n;
    }

    private static async Task AssertAllUnderKeyAsync(InMemoryCustomerStore raw, string keyId)
    {
        var protector = PrivacyKit.Protector(new InMemoryKeyProvider(keyId, PrivacyKit.Key2, PrivacyKit.IndexKey));
        await foreach (var c in raw.StreamAsync())
        {
            Assert.False(protector.NeedsRotation(c));
        }
    }

    private sealed class SyncProgress(Action<KeyRotationResult> report) : IProgress<KeyRotationResult>
    {
        public void Report(KeyRotationResult value) => report(value);
    }

    /// <summary>Lets a test change a customer between the rotation's read and its write.</summary>
    private sealed class RacingStore(ICustomerStore inner) : ICustomerStore
    {
        public Func<Task>? BeforeFirstUpdate { get; set; }

        public Task<Customer?> GetAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public Task<Customer> AddAsync(Customer customer, CancellationToken cancellationToken = default) => inner.AddAsync(customer, cancellationToken);

        public async Task<Customer> UpdateAsync(Customer customer, CancellationToken cancellationToken = default)
        {
            if (BeforeFirstUpdate is { } race)
            {
                BeforeFirstUpdate = null;
                await race();
            }

            return await inner.UpdateAsync(customer, cancellationToken);
        }

        public Task<bool> DeleteAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, expectedVersion, cancellationToken);

        public Task<int> UpsertBatchAsync(IReadOnlyList<Customer> customers, IProgress<int>? progress = null, CancellationToken cancellationToken = default) => inner.UpsertBatchAsync(customers, progress, cancellationToken);

        public Task<Page<Customer>> QueryAsync(CustomerQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

        public IAsyncEnumerable<Customer> StreamAsync(CancellationToken cancellationToken = default) => inner.StreamAsync(cancellationToken);
    }
}
