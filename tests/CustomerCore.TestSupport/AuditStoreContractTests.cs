using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.TestSupport;

/// <summary>The audit store contract every implementation passes unchanged (in memory, SQLite, PostgreSQL).</summary>
public abstract class AuditStoreContractTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8));

    /// <summary>Creates an empty store.</summary>
    protected abstract Task<IAuditStore> CreateStoreAsync();

    /// <summary>Creates a second store over the same data as the last one created (another process), or null when the implementation cannot.</summary>
    protected virtual Task<IAuditStore?> CreateSecondWriterAsync() => Task.FromResult<IAuditStore?>(null);

    [Fact]
    public async Task Append_ThenReadBack_EveryValueRoundTrips()
    {
        var store = await CreateStoreAsync();
        var a = CustomerId.New();
        var b = CustomerId.New();
        var first = Entry(1, "rep-1", AuditAction.Read, [a, b], ["phones", "名字, with comma", "emails"]);
        var second = Entry(2, "王经理", AuditAction.Denied, [], []);

        await store.AppendAsync([first, second]);

        var read = await store.ReadRangeAsync(1, 10);
        Assert.Equal(2, read.Count);
        AssertSame(first, read[0]);
        AssertSame(second, read[1]);
        AssertSame(second, (await store.GetLastAsync())!);
        Assert.Equal(s_t0.Offset, read[0].Time.Offset);
    }

    [Fact]
    public async Task Append_SequenceNotFollowingTheLast_ConflictsAndStoresNothing()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync([Entry(1, "a", AuditAction.Read, [], [])]);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync([Entry(2, "b", AuditAction.Read, [], []), Entry(4, "c", AuditAction.Read, [], [])]));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync([Entry(1, "d", AuditAction.Read, [], [])]));

        Assert.Equal(1, (await store.GetLastAsync())!.Sequence);
        Assert.Single(await store.ReadRangeAsync(1, 10));
    }

    [Fact]
    public async Task Append_SecondWriterWithTheSameSequence_OneWins()
    {
        var store = await CreateStoreAsync();
        var other = await CreateSecondWriterAsync();
        if (other is null)
        {
            return; // a single-process store: the first conflict test covers it
        }

        await store.AppendAsync([Entry(1, "a", AuditAction.Read, [], [])]);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => other.AppendAsync([Entry(1, "b", AuditAction.Read, [], [])]));
        await other.AppendAsync([Entry(2, "b", AuditAction.Read, [], [])]);
        Assert.Equal(2, (await store.GetLastAsync())!.Sequence);
    }

    [Fact]
    public async Task Query_FiltersAndPages_InSequenceOrder()
    {
        var store = await CreateStoreAsync();
        var target = CustomerId.New();
        var entries = new List<AuditEntry>();
        for (var i = 1; i <= 12; i++)
        {
            entries.Add(Entry(i, i % 2 == 0 ? "rep-1" : "rep-2", i % 3 == 0 ? AuditAction.Update : AuditAction.Read, i % 4 == 0 ? [target] : [CustomerId.New()], []));
        }

        await store.AppendAsync(entries);

        Assert.Equal([4L, 8, 12], (await store.QueryAsync(new AuditQuery { CustomerId = target })).Items.Select(e => e.Sequence));
        Assert.Equal([6L, 12], (await store.QueryAsync(new AuditQuery { ActorId = "rep-1", Action = AuditAction.Update })).Items.Select(e => e.Sequence));
        Assert.Equal([3L, 4], (await store.QueryAsync(new AuditQuery { From = s_t0.AddMinutes(3), To = s_t0.AddMinutes(5) })).Items.Select(e => e.Sequence));

        var seen = new List<long>();
        string? token = null;
        do
        {
            var page = await store.QueryAsync(new AuditQuery { ActorId = "rep-2", Page = new PageRequest(2, token) });
            seen.AddRange(page.Items.Select(e => e.Sequence));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal([1L, 3, 5, 7, 9, 11], seen);
    }

    [Fact]
    public async Task Query_ForeignContinuationToken_IsRejected()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync(new AuditQuery { Page = new PageRequest(10, "not-a-sequence") }));
    }

    private static AuditEntry Entry(long sequence, string actor, AuditAction action, IReadOnlyList<CustomerId> customers, IReadOnlyList<string> fields) =>
        new(sequence, s_t0.AddMinutes(sequence), actor, action, "test." + action, customers, fields, $"prev{sequence - 1}", $"hash{sequence}");

    private static void AssertSame(AuditEntry expected, AuditEntry actual)
    {
        Assert.Equal(expected.Sequence, actual.Sequence);
        Assert.Equal(expected.Time, actual.Time);
        Assert.Equal(expected.ActorId, actual.ActorId);
        Assert.Equal(expected.Action, actual.Action);
        Assert.Equal(expected.Operation, actual.Operation);
        Assert.Equal(expected.CustomerIds, actual.CustomerIds);
        Assert.Equal(expected.Fields, actual.Fields);
        Assert.Equal(expected.PreviousHash, actual.PreviousHash);
        Assert.Equal(expected.Hash, actual.Hash);
    }
}
