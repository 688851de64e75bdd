using CustomerCore.Customers;
using CustomerCore.Storage.Postgres;
using CustomerCore.TestSupport;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CustomerCore.Storage.Postgres.Tests;

/// <summary>The batch paths of the PostgreSQL store: straight COPY for new ids, merge for stored ones, and the fallback
/// between them when another writer adds the same ids.</summary>
[Collection("postgres")]
public sealed class PostgresBulkWriteTests(PostgresServer server) : IDisposable
{
    private readonly List<PostgresCustomerStore> _stores = [];

    [Fact]
    public async Task UpsertBatch_ConcurrentBatchesOfTheSameNewIds_StoreEachOnceWithBothWritesCounted()
    {
        var store = NewStore();
        await store.CountAsync();

        for (var round = 0; round < 5; round++)
        {
            var batch = Enumerable.Range(0, 300).Select(i => Some.Customer($"Round {round} #{i}") with { Phones = [Phone(round * 1000 + i)] }).ToList();

            await Task.WhenAll(Task.Run(() => store.UpsertBatchAsync(batch)), Task.Run(() => store.UpsertBatchAsync(batch)));
            var stored = await store.GetAsync(batch[^1].Id);
            var byPhone = await store.QueryAsync(new CustomerQuery { Phone = batch[0].Phones[0].E164 });

            Assert.Equal(2, stored!.Version);
            Assert.Equal(batch[0].Id, Assert.Single(byPhone.Items).Id);
        }

        Assert.Equal(1500, await store.CountAsync());
    }

    [Fact]
    public async Task AddMany_ConcurrentCallsOfTheSameNewIds_AddEachExactlyOnce()
    {
        var store = NewStore();
        await store.CountAsync();
        var batch = Enumerable.Range(0, 500).Select(i => Some.Customer($"Add #{i}")).ToList();

        var results = await Task.WhenAll(Task.Run(() => store.AddManyAsync(batch)), Task.Run(() => store.AddManyAsync(batch)));

        for (var i = 0; i < batch.Count; i++)
        {
            Assert.True(results[0][i] ^ results[1][i]);
        }

        Assert.Equal(500, await store.CountAsync());
        Assert.Equal(1, (await store.GetAsync(batch[0].Id))!.Version);
    }

    [Fact]
    public async Task UpsertBatch_CancelledDuringCopy_StoresNothing()
    {
        var store = NewStore();
        using var cts = new CancellationTokenSource();
        var batch = Enumerable.Range(0, 3000).Select(i => Some.Customer($"Cancelled #{i}")).ToList();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.UpsertBatchAsync(batch, new CancelAt(cts, 1000), cts.Token));

        Assert.Equal(0, await store.CountAsync());
        Assert.Empty((await store.QueryAsync(new CustomerQuery { Tag = "vip" })).Items);
    }

    [Fact]
    public async Task UpsertBatch_SameKeyTwiceOnOneCustomerAndAcrossCustomers_StoresOneKeyRowPerCustomer()
    {
        var store = NewStore();
        var twice = Some.Customer("Twice") with { Phones = [Phone(1), Phone(1)], Tags = ["vip", "vip"] };
        var other = Some.Customer("Other") with { Phones = [Phone(1)] };

        await store.UpsertBatchAsync([twice, other]);
        var byPhone = await store.QueryAsync(new CustomerQuery { Phone = Phone(1).E164 });
        var byTag = await store.QueryAsync(new CustomerQuery { Tag = "vip" });

        Assert.Equal(2, byPhone.Items.Count);
        Assert.Equal(2, byTag.Items.Count);
    }

    [Fact]
    public async Task UpsertBatch_NewThenReplacedWithoutLocation_BoxQueryFollowsTheLatestWrite()
    {
        var store = NewStore();
        var located = Some.Customer("Located");
        var box = GeoBoundingBox.Around(located.Addresses[0].Location!.Value, 500);

        await store.UpsertBatchAsync([located]);
        var before = await store.QueryAsync(new CustomerQuery { Within = box });
        await store.UpsertBatchAsync([located with { Addresses = [] }]);
        var after = await store.QueryAsync(new CustomerQuery { Within = box });

        Assert.Equal(located.Id, Assert.Single(before.Items).Id);
        Assert.Empty(after.Items);
    }

    [Fact]
    public async Task Open_VersionFourSchemaWithRows_MigratesSoNewBatchesGetFreshRowIds()
    {
        var schema = $"v{Guid.NewGuid():N}";
        var old = Some.Customer("Old") with { Phones = [Phone(7)] };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await PostgresSchema.ApplyAsync(connection, schema, apply: true, target: 4, CancellationToken.None);
            await using var insert = new NpgsqlCommand($"INSERT INTO {schema}.customers (id, version, name_lower, owner_id, stage, updated_at, doc) VALUES (@id, 1, 'old', NULL, 0, 0, @doc) RETURNING rid;", connection);
            insert.Parameters.AddWithValue("id", old.Id.Value);
            insert.Parameters.AddWithValue("doc", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(old));
            var rid = (long)(await insert.ExecuteScalarAsync())!;
            await using var key = new NpgsqlCommand($"INSERT INTO {schema}.customer_keys (kind, key, rid) VALUES (1, @k, @rid);", connection);
            key.Parameters.AddWithValue("k", Phone(7).E164!);
            key.Parameters.AddWithValue("rid", rid);
            await key.ExecuteNonQueryAsync();
        }

        var store = NewStore(schema);
        var fresh = Enumerable.Range(0, 20).Select(i => Some.Customer($"New #{i}") with { Phones = [Phone(100 + i)] }).ToList();

        await store.UpsertBatchAsync(fresh);
        var oldByPhone = await store.QueryAsync(new CustomerQuery { Phone = Phone(7).E164 });
        var newByPhone = await store.QueryAsync(new CustomerQuery { Phone = Phone(119).E164 });

        Assert.Equal(21, await store.CountAsync());
        Assert.Equal(old.Id, Assert.Single(oldByPhone.Items).Id);
        Assert.Equal(fresh[^1].Id, Assert.Single(newByPhone.Items).Id);
    }

    [Fact]
    public async Task BulkLoad_IntoEmptyStore_StoresAllAndRebuildsEveryIndex()
    {
        var schema = $"l{Guid.NewGuid():N}";
        var store = NewStore(schema);
        var customers = Enumerable.Range(0, 12_000).Select(i => Some.Customer($"Loaded {i}") with { Phones = [Phone(i)], Tags = [i % 2 == 0 ? "even" : "odd"] }).ToList();
        var reported = new List<long>();

        var written = await store.BulkLoadAsync(customers.ToAsyncEnumerable(), new ListProgress(reported));
        var byPhone = await store.QueryAsync(new CustomerQuery { Phone = Phone(11_999).E164 });
        var byName = await store.QueryAsync(new CustomerQuery { NamePrefix = "loaded 1199" });
        var inBox = await store.QueryAsync(new CustomerQuery { Within = GeoBoundingBox.Around(customers[0].Addresses[0].Location!.Value, 100), Page = new PageRequest(10) });

        Assert.Equal(12_000, written);
        Assert.Equal([12_000L], reported);
        Assert.Equal(12_000, await store.CountAsync());
        Assert.Equal(customers[^1].Id, Assert.Single(byPhone.Items).Id);
        Assert.Equal(11, byName.Items.Count);
        Assert.Equal(10, inBox.Items.Count);
        Assert.Equal(8, await DeferrableIndexCountAsync(schema));
    }

    [Fact]
    public async Task BulkLoad_IdRepeatedInALaterBatch_IsMergedNotDuplicated()
    {
        var schema = $"l{Guid.NewGuid():N}";
        var store = NewStore(schema);
        var customers = Enumerable.Range(0, PostgresCustomerStore.BulkBatchSize).Select(i => Some.Customer($"First {i}") with { Phones = [Phone(i)] }).ToList();
        var again = customers[5] with { DisplayName = "Again", Phones = [Phone(999_999)] };

        await store.BulkLoadAsync(customers.Append(again).ToAsyncEnumerable());
        var stored = await store.GetAsync(again.Id);
        var byOldPhone = await store.QueryAsync(new CustomerQuery { Phone = Phone(5).E164 });
        var byNewPhone = await store.QueryAsync(new CustomerQuery { Phone = Phone(999_999).E164 });

        Assert.Equal(PostgresCustomerStore.BulkBatchSize, await store.CountAsync());
        Assert.Equal(("Again", 2L), (stored!.DisplayName, stored.Version));
        Assert.Empty(byOldPhone.Items);
        Assert.Equal(again.Id, Assert.Single(byNewPhone.Items).Id);
    }

    [Fact]
    public async Task BulkLoad_IntoStoreWithData_KeepsIndexesAndReplacesStoredIds()
    {
        var schema = $"l{Guid.NewGuid():N}";
        var store = NewStore(schema);
        var stored = await store.AddAsync(Some.Customer("Before"));

        var written = await store.BulkLoadAsync(new[] { stored with { DisplayName = "After" }, Some.Customer("New") }.ToAsyncEnumerable());
        var replaced = await store.GetAsync(stored.Id);

        Assert.Equal(2, written);
        Assert.Equal("After", replaced!.DisplayName);
        Assert.Equal(2, replaced.Version);
        Assert.Equal(2, await store.CountAsync());
        Assert.Equal(8, await DeferrableIndexCountAsync(schema));
    }

    [Fact]
    public async Task BulkLoad_SourceFailsInSecondBatch_KeepsFirstBatchAndRebuildsIndexes()
    {
        var schema = $"l{Guid.NewGuid():N}";
        var store = NewStore(schema);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.BulkLoadAsync(FailingSource(PostgresCustomerStore.BulkBatchSize + 10)));

        Assert.Equal(PostgresCustomerStore.BulkBatchSize, await store.CountAsync());
        Assert.Equal(8, await DeferrableIndexCountAsync(schema));
    }

    [Fact]
    public async Task BulkLoad_SameIdTwiceInOneBatch_ThrowsAndRebuildsIndexes()
    {
        var schema = $"l{Guid.NewGuid():N}";
        var store = NewStore(schema);
        var twice = Some.Customer();

        await Assert.ThrowsAsync<ArgumentException>(() => store.BulkLoadAsync(new[] { twice, Some.Customer(), twice }.ToAsyncEnumerable()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.BulkLoadAsync(null!));

        Assert.Equal(0, await store.CountAsync());
        Assert.Equal(8, await DeferrableIndexCountAsync(schema));
    }

    [Fact]
    public async Task Open_IndexesLeftMissingByAKilledLoad_RecreatesThem()
    {
        var schema = $"l{Guid.NewGuid():N}";
        var customer = Some.Customer();
        await NewStore(schema).AddAsync(customer);
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand(PostgresSchema.DropDeferrableIndexes(schema), connection);
            await drop.ExecuteNonQueryAsync();
        }

        var reopened = NewStore(schema);
        var found = await reopened.QueryAsync(new CustomerQuery { Phone = customer.Phones[0].E164 });

        Assert.Equal(customer.Id, Assert.Single(found.Items).Id);
        Assert.Equal(8, await DeferrableIndexCountAsync(schema));
    }

    public void Dispose()
    {
        foreach (var s in _stores)
        {
            s.Dispose();
        }
    }

    private static PhoneNumber Phone(int i)
    {
        var e164 = "+86139" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        return new PhoneNumber { Raw = e164, E164 = e164, Type = PhoneType.Mobile };
    }

    private PostgresCustomerStore NewStore(string? schema = null)
    {
        var store = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = server.ConnectionString, Schema = schema ?? $"b{Guid.NewGuid():N}" }));
        _stores.Add(store);
        return store;
    }

    private static async IAsyncEnumerable<Customer> FailingSource(int failAt)
    {
        for (var i = 0; ; i++)
        {
            await Task.Yield();
            if (i == failAt)
            {
                throw new InvalidOperationException("The source failed.");
            }

            yield return Some.Customer($"Source {i}") with { Phones = [Phone(i)] };
        }
    }

    private async Task<long> DeferrableIndexCountAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_indexes WHERE schemaname = @s AND indexname IN ('ix_customers_name', 'ix_customers_owner', 'ix_customers_stage', 'ix_customers_updated', 'ux_keys', 'ix_keys_rid', 'ix_geo', 'ix_geo_rid');", connection);
        count.Parameters.AddWithValue("s", schema);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private sealed class ListProgress(List<long> sink) : IProgress<long>
    {
        public void Report(long value) => sink.Add(value);
    }

    private sealed class CancelAt(CancellationTokenSource cts, int count) : IProgress<int>
    {
        public void Report(int value)
        {
            if (value >= count)
            {
                cts.Cancel();
            }
        }
    }
}
