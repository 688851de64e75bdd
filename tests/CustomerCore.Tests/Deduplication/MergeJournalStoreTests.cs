using CustomerCore.Customers;
using CustomerCore.Deduplication;
using CustomerCore.Storage;
using CustomerCore.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CustomerCore.Tests.Deduplication;

/// <summary>The behaviour every merge journal store must have; subclassed per implementation.</summary>
public abstract class MergeJournalStoreContractTests
{
    private static readonly DateTimeOffset s_now = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    protected abstract IMergeJournalStore CreateStore();

    [Fact]
    public async Task AppendAsync_ThenGet_ReturnsTheSameEntry()
    {
        var journal = CreateStore();
        var entry = Entry(CustomerId.New(), CustomerId.New());

        await journal.AppendAsync(entry);
        var read = await journal.GetAsync(entry.Id);

        CustomerAssert.SameJson(entry, read);
    }

    [Fact]
    public async Task AppendAsync_SameIdTwice_Throws()
    {
        var journal = CreateStore();
        var entry = Entry(CustomerId.New(), CustomerId.New());
        await journal.AppendAsync(entry);

        await Assert.ThrowsAsync<RecordAlreadyExistsException>(() => journal.AppendAsync(entry));
        await Assert.ThrowsAsync<ArgumentNullException>(() => journal.AppendAsync(null!));
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        var journal = CreateStore();

        var read = await journal.GetAsync(MergeJournalId.New());

        Assert.Null(read);
    }

    [Fact]
    public async Task ListByCustomerAsync_SurvivorOrMerged_ListsNewestFirst()
    {
        var journal = CreateStore();
        var a = CustomerId.New();
        var b = CustomerId.New();
        var older = Entry(a, b) with { MergedAt = s_now };
        var newer = Entry(CustomerId.New(), a) with { MergedAt = s_now.AddHours(1) };
        await journal.AppendAsync(older);
        await journal.AppendAsync(newer);
        await journal.AppendAsync(Entry(CustomerId.New(), CustomerId.New()));

        var forA = await journal.ListByCustomerAsync(a);
        var forB = await journal.ListByCustomerAsync(b);

        Assert.Equal([newer.Id, older.Id], forA.Select(e => e.Id));
        Assert.Equal([older.Id], forB.Select(e => e.Id));
        Assert.Empty(await journal.ListByCustomerAsync(CustomerId.New()));
    }

    [Fact]
    public async Task MarkUndoneAsync_OnceThenTwice_MarksOnlyOnce()
    {
        var journal = CreateStore();
        var entry = Entry(CustomerId.New(), CustomerId.New());
        await journal.AppendAsync(entry);

        var first = await journal.MarkUndoneAsync(entry.Id, s_now);
        var second = await journal.MarkUndoneAsync(entry.Id, s_now.AddDays(1));

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(s_now, (await journal.GetAsync(entry.Id))!.UndoneAt);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => journal.MarkUndoneAsync(MergeJournalId.New(), s_now));
    }

    [Fact]
    public async Task MergeService_WithThisJournal_MergesAndUndoes()
    {
        var store = new InMemoryCustomerStore();
        var service = new MergeService(store, CreateStore(), store, store, store, new FakeTimeProvider(s_now));
        var a = await store.AddAsync(Some.FullCustomer());
        var b = await store.AddAsync(Some.Customer("北京示例科技 \u0000 🚀"));

        var merged = await service.MergeAsync((await service.PlanAsync([a.Id, b.Id])).Plan!);
        var undone = await service.UnmergeAsync(merged.Journal!.Id);

        Assert.True(undone.IsSuccess);
        CustomerAssert.Equal(a, (await store.GetAsync(a.Id))!);
        CustomerAssert.Equal(b, (await store.GetAsync(b.Id))!);
    }

    [Fact]
    public async Task DeleteByCustomer_RemovesEveryEntryInvolvingThatCustomerOnly()
    {
        var store = CreateStore();
        var erased = CustomerId.New();
        var other = CustomerId.New();
        var asSurvivor = Entry(erased, CustomerId.New());
        var asMerged = Entry(CustomerId.New(), erased);
        var unrelated = Entry(other, CustomerId.New());
        foreach (var e in (MergeJournalEntry[])[asSurvivor, asMerged, unrelated])
        {
            await store.AppendAsync(e);
        }

        await store.MarkUndoneAsync(unrelated.Id, s_now.AddHours(1));

        Assert.Equal(2, await store.DeleteByCustomerAsync(erased));
        Assert.Empty(await store.ListByCustomerAsync(erased));
        Assert.Null(await store.GetAsync(asMerged.Id));
        var kept = await store.GetAsync(unrelated.Id);
        Assert.NotNull(kept);
        Assert.Equal(s_now.AddHours(1), kept.UndoneAt); // what stays keeps its undo mark
        Assert.Equal(0, await store.DeleteByCustomerAsync(erased));
    }

    private static MergeJournalEntry Entry(CustomerId survivor, CustomerId merged) => new()
    {
        Id = MergeJournalId.New(),
        SurvivorId = survivor,
        MergedIds = [merged],
        OriginalsJson = ["{\"Id\":\"x\"}", "{\"DisplayName\":\"张伟 \\u0000 🚀\"}"],
        SurvivorJson = "{}",
        Moved = [new MovedRecord(RelatedRecordKind.Transaction, Guid.NewGuid(), merged)],
        Decisions = [new MergeDecision("display_name", "张伟", merged.ToString(), "Manual")],
        Discarded = [new DiscardedValue("notes", new string('n', 10_000), merged.ToString())],
        MergedAt = s_now,
        ActorId = "rep-1",
    };
}

public sealed class InMemoryMergeJournalStoreTests : MergeJournalStoreContractTests
{
    protected override IMergeJournalStore CreateStore() => new InMemoryMergeJournalStore();
}

public sealed class JsonLinesMergeJournalStoreTests : MergeJournalStoreContractTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cc-journal-").FullName;

    protected override IMergeJournalStore CreateStore() => new JsonLinesMergeJournalStore(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".jsonl"));

    [Fact]
    public async Task UnmergeAsync_AfterRestart_UsesTheEntriesOnDisk()
    {
        var path = Path.Combine(_directory, "merges.jsonl");
        var store = new InMemoryCustomerStore();
        var a = await store.AddAsync(Some.Customer());
        var b = await store.AddAsync(Some.Customer("章伟"));
        var first = new MergeService(store, new JsonLinesMergeJournalStore(path), store, store, store);
        var merged = await first.MergeAsync((await first.PlanAsync([a.Id, b.Id])).Plan!);

        var restarted = new MergeService(store, new JsonLinesMergeJournalStore(path), store, store, store);
        var undone = await restarted.UnmergeAsync(merged.Journal!.Id);

        Assert.True(undone.IsSuccess);
        CustomerAssert.Equal(b, (await store.GetAsync(b.Id))!);
    }

    [Fact]
    public async Task GetAsync_IncompleteLastLine_IsIgnored()
    {
        var path = Path.Combine(_directory, "torn.jsonl");
        var journal = new JsonLinesMergeJournalStore(path);
        var entry = new MergeJournalEntry { Id = MergeJournalId.New(), SurvivorId = CustomerId.New(), MergedIds = [CustomerId.New()], OriginalsJson = [], SurvivorJson = "{}" };
        await journal.AppendAsync(entry);
        await File.AppendAllTextAsync(path, "{\"Entry\":{\"Id\":");

        var read = await new JsonLinesMergeJournalStore(path).GetAsync(entry.Id);

        Assert.NotNull(read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Constructor_BlankPath_Throws(string path)
    {
        Assert.ThrowsAny<ArgumentException>(() => new JsonLinesMergeJournalStore(path));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
