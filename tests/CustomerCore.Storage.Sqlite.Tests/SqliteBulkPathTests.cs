using System.Globalization;
using System.Text;
using CustomerCore.Customers;
using CustomerCore.TestSupport;
using Microsoft.Data.Sqlite;

namespace CustomerCore.Storage.Sqlite.Tests;

/// <summary>Covers the chunked, pipelined batch path: chunk boundaries, replaced rows among new ones, the byte budget,
/// sorted key order and the stored document encoding.</summary>
public sealed class SqliteBulkPathTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task UpsertBatch_ExistingIdsInterleavedAcrossChunks_ReplacesThemAndLeavesNoStaleKeys()
    {
        var store = _database.CreateStore();
        var old = Enumerable.Range(0, 700).Select(Numbered).ToList();
        await store.UpsertBatchAsync(old);
        var batch = new List<Customer>();
        for (var i = 0; i < 700; i++)
        {
            batch.Add(Numbered(10_000 + i));
            batch.Add(old[i] with { Phones = [Phone(20_000 + i)], Addresses = [At(30.0 + (i * 0.001), 100.0)] });
        }

        var written = await store.UpsertBatchAsync(batch);

        Assert.Equal(1400, written);
        Assert.Equal(1400, await store.CountAsync());
        Assert.Empty((await store.QueryAsync(new CustomerQuery { Phone = Phone(5).E164 })).Items);
        Assert.Equal(old[5].Id, Assert.Single((await store.QueryAsync(new CustomerQuery { Phone = Phone(20_005).E164 })).Items).Id);
        Assert.Equal(2, Assert.Single((await store.QueryAsync(new CustomerQuery { Phone = Phone(20_005).E164 })).Items).Version);
        Assert.Single((await store.QueryAsync(new CustomerQuery { Phone = Phone(10_699).E164 })).Items);
        var moved = await store.QueryAsync(new CustomerQuery { Within = new GeoBoundingBox(29.9995, 99.9995, 30.0005, 100.0005) });
        Assert.Equal(old[0].Id, Assert.Single(moved.Items).Id);
        var stale = await store.QueryAsync(new CustomerQuery { Within = GeoBoundingBox.Around(At(50.0, 10.0).Location!.Value, 1), Page = new PageRequest(PageRequest.MaxPageSize) });
        Assert.Equal(batch[0].Id, Assert.Single(stale.Items).Id); // new customer 10,000 stands where old customer 0 stood
    }

    [Fact]
    public async Task UpsertBatch_LargeBatchesWithAReaderBetween_StoresAllAndLeavesTheWalCheckpointable()
    {
        var store = _database.CreateStore();
        var first = Enumerable.Range(0, 2100).Select(Numbered).ToList();
        var second = Enumerable.Range(3000, 2100).Select(Numbered).ToList();

        await store.UpsertBatchAsync(first);
        var midway = await store.CountAsync();
        await store.UpsertBatchAsync(second);
        await store.AddAsync(Numbered(9999));

        Assert.Equal(2100, midway);
        Assert.Equal(4201, await store.CountAsync());
        Assert.Single((await store.QueryAsync(new CustomerQuery { Email = "c4000@example.com" })).Items);
        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(0, reader.GetInt64(0)); // not busy
        Assert.Equal(reader.GetInt64(1), reader.GetInt64(2)); // every frame copied into the database
    }

    [Fact]
    public async Task AddMany_TakenIdsSpreadOverChunks_FlagsExactlyThoseInInputOrder()
    {
        var store = _database.CreateStore();
        var taken = Enumerable.Range(0, 400).Select(Numbered).ToList();
        await store.UpsertBatchAsync(taken);
        var batch = new List<Customer>();
        var expected = new List<bool>();
        for (var i = 0; i < 1200; i++)
        {
            var isTaken = i % 3 == 0;
            batch.Add(isTaken ? taken[i / 3] with { DisplayName = "changed" } : Numbered(5000 + i));
            expected.Add(!isTaken);
        }

        var added = await store.AddManyAsync(batch);

        Assert.Equal(expected, added);
        Assert.Equal(1200, await store.CountAsync());
        Assert.Empty((await store.QueryAsync(new CustomerQuery { NamePrefix = "changed" })).Items);
        Assert.Equal(1, (await store.GetAsync(taken[399].Id))!.Version);
    }

    [Fact]
    public async Task UpsertBatch_LargeDocuments_SplitsChunksByBytesAndRoundTrips()
    {
        var store = _database.CreateStore();
        var notes = new string('文', 200_000) + "\0end";
        var batch = Enumerable.Range(0, 6).Select(i => Numbered(i) with { Notes = notes + i.ToString(CultureInfo.InvariantCulture) }).ToList();
        using var rows = new CustomerRows();

        rows.Encode(batch, 0);
        await store.UpsertBatchAsync(batch);

        Assert.InRange(rows.Count, 1, 5);
        foreach (var c in batch)
        {
            CustomerAssert.Equal(c, (await store.GetAsync(c.Id))!);
        }
    }

    [Fact]
    public async Task UpsertBatch_HostileTextInKeysAndNames_RoundTripsAndIsFoundByKey()
    {
        var store = _database.CreateStore();
        string[] texts = ["nul\0inside", "'; DROP TABLE customer_keys; --", "𝄞 surrogate", "tab\tcr\rlf\n", "混合 mixed مرحبا", " ", new string('x', 10_240), "\u0001\u001f control"];
        var batch = texts.Select((t, i) => Numbered(i) with { DisplayName = t, Tags = [t], Notes = t }).ToList();

        await store.UpsertBatchAsync(batch);

        foreach (var c in batch)
        {
            CustomerAssert.Equal(c, (await store.GetAsync(c.Id))!);
            Assert.Contains((await store.QueryAsync(new CustomerQuery { Tag = c.Tags[0] })).Items, found => found.Id == c.Id);
        }
    }

    [Fact]
    public void Encode_KeysInAnyOrder_KeyOrderFollowsKindThenUtf8BytesThenRow()
    {
        var batch = new[] { "zz", "é", "a", "Z", "中", "a" }.Select((t, i) => Numbered(i) with { Tags = [t] }).ToList();
        using var rows = new CustomerRows();

        rows.Encode(batch, 0);

        var order = rows.KeyOrder.ToArray();
        Assert.Equal(rows.KeyCount, order.Distinct().Count());
        for (var i = 1; i < order.Length; i++)
        {
            var kindA = rows.Key(order[i - 1], out var a, out var rowA);
            var kindB = rows.Key(order[i], out var b, out var rowB);
            var byKey = a.SequenceCompareTo(b);
            Assert.True(kindA < kindB || (kindA == kindB && (byKey < 0 || (byKey == 0 && rowA < rowB))), $"keys {i - 1} and {i} are out of order");
        }
    }

    [Fact]
    public void Encode_CustomerWithManyLocations_KeepsAtMostTheIndexLimit()
    {
        var many = Numbered(1) with { Addresses = [.. Enumerable.Range(0, 300).Select(i => At(10 + (i * 0.01), 20))] };
        var invalid = Numbered(2) with { Addresses = [At(95, 1), At(1, 1)] };
        using var rows = new CustomerRows();

        rows.Encode([many, invalid], 0);

        Assert.Equal(SqliteCustomerStore.MaxLocations, rows.Indexes(0).LocationCount);
        Assert.Equal(1, rows.Indexes(1).LocationCount);
    }

    [Fact]
    public async Task UpsertBatch_NonAsciiText_IsStoredAsUtf8RatherThanEscapes()
    {
        var store = _database.CreateStore();
        var customer = Numbered(1) with { DisplayName = "客户一号" };

        await store.UpsertBatchAsync([customer]);

        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM customers;";
        var doc = Encoding.UTF8.GetString((byte[])command.ExecuteScalar()!);
        Assert.Contains("客户一号", doc, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u5BA2", doc, StringComparison.OrdinalIgnoreCase);
    }

    private static Customer Numbered(int i) => new()
    {
        Id = CustomerId.New(),
        DisplayName = "Customer " + i.ToString(CultureInfo.InvariantCulture),
        Phones = [Phone(i)],
        Emails = [new EmailAddress { Raw = $"c{i}@example.com", Normalized = $"c{i}@example.com" }],
        Addresses = [At(50.0 + (i % 1000 * 0.01), 10.0)],
        OwnerId = "rep-" + (i % 7).ToString(CultureInfo.InvariantCulture),
        Tags = [i % 2 == 0 ? "even" : "odd"],
    };

    private static PhoneNumber Phone(int i)
    {
        var e164 = "+86139" + i.ToString("D8", CultureInfo.InvariantCulture);
        return new PhoneNumber { Raw = e164, E164 = e164, Type = PhoneType.Mobile };
    }

    private static PostalAddress At(double latitude, double longitude) =>
        new() { Original = "addr", Location = new GeoPoint(latitude, longitude) };
}
