using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.Privacy;
using CustomerCore.Storage;
using CustomerCore.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Tests.Access;

public sealed class AuditLogTests : IDisposable
{
    private readonly AccessKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Calls_AreAuditedWithActionsIdsAndFieldNamesOnly()
    {
        var c = await _kit.SeedAsync("rep-1", "审计客户");

        await _kit.Customers.GetAsync(AccessKit.Rep1, c.Id);
        var updated = await _kit.Customers.UpdateAsync(AccessKit.Rep1, c with { Notes = "new secret", Tags = ["x"] });
        await _kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery { Phone = "13800138000" });

        var entries = await _kit.AllAuditAsync();
        Assert.True(updated.IsSuccess);
        Assert.Equal([AuditAction.Create, AuditAction.Read, AuditAction.Update, AuditAction.Read], entries.Select(e => e.Action));
        var update = entries[2];
        Assert.Equal("rep-1", update.ActorId);
        Assert.Equal(["Tags", "Notes"], update.Fields);
        Assert.Equal([c.Id], entries[3].CustomerIds);
        var everything = string.Join("|", entries.SelectMany(e => e.Fields.Append(e.Operation).Append(e.ActorId)));
        Assert.DoesNotContain("secret", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("审计客户", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("138", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateManyAsync_AuditsTheUnionOfPresentFieldsInOrdinalOrder()
    {
        var phoneOnly = Some.Customer("甲客户") with { Emails = [], Addresses = [] };
        var withNotes = Some.Customer("乙客户") with { Phones = [], Notes = "secret note" };

        var results = await _kit.Customers.CreateManyAsync(AccessKit.Rep1, [phoneOnly, withNotes]);

        Assert.All(results, r => Assert.True(r.IsSuccess));
        var create = Assert.Single(await _kit.AllAuditAsync(), e => e.Operation == "customers.create-many");
        Assert.Equal([phoneOnly.Id, withNotes.Id], create.CustomerIds);
        Assert.Equal(["Addresses", "DisplayName", "Emails", "Notes", "OwnerId", "Phones"], create.Fields);
    }

    [Fact]
    public async Task StreamAsync_AuditsOneEntryPerBatchWithEveryId()
    {
        using var kit = new AccessKit(p => p.AuditBatchSize = 2);
        var ids = new List<CustomerId>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await kit.SeedAsync("rep-1", "批量" + i)).Id);
        }

        await foreach (var _ in kit.Customers.StreamAsync(AccessKit.Rep1))
        {
        }

        var reads = (await kit.AllAuditAsync()).Where(e => e.Action == AuditAction.Read).ToList();
        Assert.Equal([2, 2, 1], reads.Select(r => r.CustomerIds.Count));
        Assert.Equal(ids.Select(i => i.Value).Order(), reads.SelectMany(r => r.CustomerIds).Select(i => i.Value).Order());
    }

    [Fact]
    public async Task VerifyAsync_UntouchedLog_IsIntact()
    {
        await SeedActivityAsync();

        var result = await _kit.Audit.VerifyAsync(AccessKit.Auditor);

        Assert.True(result.IsIntact);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Equal((await _kit.AllAuditAsync()).Count, result.EntriesChecked);
    }

    [Theory]
    [InlineData("actor")]
    [InlineData("action")]
    [InlineData("fields")]
    [InlineData("ids")]
    [InlineData("time")]
    [InlineData("hash")]
    public async Task VerifyAsync_StoredEntryChanged_ReportsItsSequence(string field)
    {
        await SeedActivityAsync();

        _kit.AuditStore.Tamper(3, e => field switch
        {
            "actor" => e with { ActorId = "someone-else" },
            "action" => e with { Action = AuditAction.Read },
            "fields" => e with { Fields = [] },
            "ids" => e with { CustomerIds = [CustomerId.New()] },
            "time" => e with { Time = e.Time.AddSeconds(1) },
            _ => e with { Hash = new string('a', 64) },
        });
        var result = await _kit.Audit.VerifyAsync(AccessKit.Auditor);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_EntryRehashedAfterChange_BreaksTheNextLink()
    {
        await SeedActivityAsync();

        _kit.AuditStore.Tamper(2, e =>
        {
            var forged = e with { ActorId = "forger" };
            return forged with { Hash = AuditHasher.Compute(forged) };
        });
        var result = await _kit.Audit.VerifyAsync(AccessKit.Auditor);

        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_EntryDeleted_ReportsTheMissingSequence()
    {
        await SeedActivityAsync();

        _kit.AuditStore.Remove(2);
        var result = await _kit.Audit.VerifyAsync(AccessKit.Auditor);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task QueryAsync_ByCustomerActorActionAndTime_PagesInSequenceOrder()
    {
        var c = await _kit.SeedAsync("rep-1", "查询客户");
        for (var i = 0; i < 5; i++)
        {
            _kit.Time.Advance(TimeSpan.FromMinutes(1));
            await _kit.Customers.GetAsync(AccessKit.Rep1, c.Id);
        }

        var from = _kit.Time.GetUtcNow().AddMinutes(-3);
        var first = await _kit.Audit.QueryAsync(AccessKit.Auditor, new AuditQuery { CustomerId = c.Id, ActorId = "rep-1", Action = AuditAction.Read, From = from, Page = new PageRequest(2) });
        var second = await _kit.Audit.QueryAsync(AccessKit.Auditor, new AuditQuery { CustomerId = c.Id, ActorId = "rep-1", Action = AuditAction.Read, From = from, Page = new PageRequest(2, first.ContinuationToken) });

        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(2, second.Items.Count);
        Assert.Null(second.ContinuationToken);
        var seqs = first.Items.Concat(second.Items).Select(e => e.Sequence).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.All(first.Items.Concat(second.Items), e => Assert.True(e.Time >= from));
    }

    [Fact]
    public async Task QueryAndVerify_RepOrMarketing_ThrowAccessDeniedAndAreAudited()
    {
        await SeedActivityAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Audit.QueryAsync(AccessKit.Rep1, new AuditQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Audit.VerifyAsync(AccessKit.Marketing));

        var denied = await _kit.Audit.QueryAsync(AccessKit.Auditor, new AuditQuery { Action = AuditAction.Denied });
        Assert.Equal(["rep-1:audit.query", "mkt-1:audit.verify"], denied.Items.Where(e => e.Operation.StartsWith("audit.", StringComparison.Ordinal)).Select(e => e.ActorId + ":" + e.Operation));
    }

    [Fact]
    public async Task AppendAsync_ConcurrentWriters_KeepAnUnbrokenChain()
    {
        var tasks = Enumerable.Range(0, 40).Select(i => Task.Run(() => _kit.Audit.AppendAsync("job-" + (i % 4), AuditAction.Merge, "dedupe.merge", [CustomerId.New(), CustomerId.New()], ["Phones"])));

        var entries = await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), entries.Select(e => e.Sequence).Order());
        Assert.True((await _kit.Audit.VerifyAsync(AccessKit.Admin)).IsIntact);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AppendAsync_BlankActorOrOperation_ThrowsArgumentException(string blank)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _kit.Audit.AppendAsync(blank, AuditAction.Read, "op", [], []));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _kit.Audit.AppendAsync("actor", AuditAction.Read, blank, [], []));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _kit.Audit.AppendAsync("actor", (AuditAction)99, "op", [], []));
    }

    [Fact]
    public async Task Hash_ActorWithSeparatorCharacters_CannotCollideWithShiftedFields()
    {
        var a = await _kit.Audit.AppendAsync("a;1:b", AuditAction.Read, "op", [], []);
        var b = await _kit.Audit.AppendAsync("a", AuditAction.Read, "1:b;op", [], []);

        Assert.NotEqual(AuditHasher.Compute(a with { Sequence = 1, PreviousHash = AuditHasher.GenesisHash }), AuditHasher.Compute(b with { Sequence = 1, PreviousHash = AuditHasher.GenesisHash }));
        Assert.Equal(64, a.Hash.Length);
    }

    [Fact]
    public async Task Erasure_ThroughDataSubjectService_IsAuditedAsErase()
    {
        var c = await _kit.SeedAsync("rep-1", "被遗忘");

        await _kit.Get<IDataSubjectService>().EraseAsync(CallerContext.System, c.Id);

        var erase = await _kit.Audit.QueryAsync(AccessKit.Auditor, new AuditQuery { Action = AuditAction.Erase });
        Assert.Equal([c.Id], Assert.Single(erase.Items).CustomerIds);
    }

    [Fact]
    public void Registration_HostAuditStore_Wins()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddInMemoryStorage().AddAuditStore<CountingAuditStore>();
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IAuditStore>();

        Assert.IsType<CountingAuditStore>(store);
    }

    private async Task SeedActivityAsync()
    {
        var c = await _kit.SeedAsync("rep-1", "链客户");
        await _kit.Customers.GetAsync(AccessKit.Rep1, c.Id);
        await _kit.Customers.UpdateAsync(AccessKit.Rep1, c with { Tags = ["t"] });
        await _kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery());
        await _kit.Customers.GetAsync(AccessKit.Rep2, c.Id);
    }

    private sealed class CountingAuditStore : IAuditStore
    {
        private readonly InMemoryAuditStore _inner = new();

        public Task<AuditEntry?> GetLastAsync(CancellationToken cancellationToken = default) => _inner.GetLastAsync(cancellationToken);

        public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default) => _inner.AppendAsync(entries, cancellationToken);

        public Task<IReadOnlyList<AuditEntry>> ReadRangeAsync(long fromSequence, int maxCount, CancellationToken cancellationToken = default) => _inner.ReadRangeAsync(fromSequence, maxCount, cancellationToken);

        public Task<Page<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => _inner.QueryAsync(query, cancellationToken);
    }
}
