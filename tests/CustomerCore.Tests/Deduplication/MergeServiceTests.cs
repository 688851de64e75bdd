using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CsCheck;
using CustomerCore.Customers;
using CustomerCore.Deduplication;
using CustomerCore.Storage;
using CustomerCore.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerCore.Tests.Deduplication;

public sealed class MergeServiceTests
{
    private static readonly DateTimeOffset s_now = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MergeAsync_ThreeCustomers_UpdatesSurvivorRemovesOthersAndMovesRelatedRecords()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.Customer("张伟") with { GivenName = "伟" });
        var b = await store.AddAsync(Some.Customer("章伟") with { Tags = ["华东"], DateOfBirth = new DateOnly(1980, 2, 29) });
        var c = await store.AddAsync(Some.FullCustomer());
        var call = new Interaction { Id = InteractionId.New(), CustomerId = b.Id, AuthorId = "rep-1" };
        await store.AddAsync(call);
        var reminder = new Reminder { Id = ReminderId.New(), CustomerId = c.Id, AssigneeId = "rep-1", Title = "call back" };
        await store.UpsertAsync(reminder);
        var order = new CustomerTransaction { Id = TransactionId.New(), CustomerId = c.Id, Currency = "CNY", Amount = 12.5m };
        await store.UpsertBatchAsync([order]);

        var plan = (await service.PlanAsync([a.Id, b.Id, c.Id])).Plan!;
        var result = await service.MergeAsync(plan, "rep-9");

        Assert.True(result.IsSuccess);
        Assert.Equal(a.Id, result.Survivor.Id);
        Assert.Equal(2, result.Survivor.Version);
        Assert.Equal(s_now, result.Survivor.UpdatedAt);
        Assert.Null(await store.GetAsync(b.Id));
        Assert.Null(await store.GetAsync(c.Id));
        Assert.Equal(1, await store.CountAsync());
        Assert.Equal(a.Id, (await store.GetAsync(call.Id))!.CustomerId);
        Assert.Equal(a.Id, (await store.GetAsync(reminder.Id))!.CustomerId);
        Assert.Equal(a.Id, (await ((ITransactionStore)store).ListByCustomerAsync(a.Id, new PageRequest())).Items.Single().CustomerId);
        Assert.Contains("华东", result.Survivor.Tags);
        Assert.Equal(new DateOnly(1980, 2, 29), result.Survivor.DateOfBirth);
        Assert.Equal(3, result.Survivor.Phones.Count);
        Assert.Equal("rep-9", result.Journal.ActorId);
        Assert.Equal([b.Id, c.Id], result.Journal.MergedIds);
        Assert.Equal(3, result.Journal.Moved.Count);
    }

    [Fact]
    public async Task UnmergeAsync_AfterMerge_RestoresEveryRecordAndRelatedRecord()
    {
        var (store, service, time) = Create();
        var a = await store.AddAsync(Some.FullCustomer());
        var b = await store.AddAsync(Some.Customer("北京示例科技"));
        var call = new Interaction { Id = InteractionId.New(), CustomerId = b.Id, AuthorId = "rep-1", Notes = "e\u0301 𝄞" };
        await store.AddAsync(call);
        var merged = await service.MergeAsync((await service.PlanAsync([a.Id, b.Id])).Plan!);
        time.Advance(TimeSpan.FromDays(1));

        var result = await service.UnmergeAsync(merged.Journal!.Id);

        Assert.True(result.IsSuccess);
        CustomerAssert.Equal(a, (await store.GetAsync(a.Id))!);
        CustomerAssert.Equal(b, (await store.GetAsync(b.Id))!);
        Assert.Equal(3, (await store.GetAsync(a.Id))!.Version);
        Assert.Equal(1, (await store.GetAsync(b.Id))!.Version);
        CustomerAssert.SameJson(call, await store.GetAsync(call.Id));
        Assert.Equal(1, result.MovedBack);
        var journal = (await service.ListMergesAsync(b.Id)).Single();
        Assert.False(journal.IsInEffect);
        Assert.Equal(s_now.AddDays(1), journal.UndoneAt);
    }

    [Fact]
    public async Task MergeThenUnmerge_RandomGroups_IsTheIdentity()
    {
        await Gen.Int.Select(MergeScenario.Build).SampleAsync(
            async scenario =>
            {
                var store = await scenario.StoreAsync();
                var service = new MergeService(store, new InMemoryMergeJournalStore(), store, store, store, new FakeTimeProvider(s_now));
                var before = await SnapshotAsync(store, scenario);

                var plan = (await service.PlanAsync([.. scenario.Customers.Select(c => c.Id)], scenario.Options)).Plan!;
                var merged = await service.MergeAsync(plan);
                var unmerged = await service.UnmergeAsync(merged.Journal!.Id);

                Assert.True(merged.IsSuccess);
                Assert.True(unmerged.IsSuccess);
                Assert.Equal(before, await SnapshotAsync(store, scenario));
            },
            iter: 150);
    }

    [Fact]
    public async Task MergeAsync_RandomGroups_NeverDropsAValue()
    {
        await Gen.Int.Select(MergeScenario.Build).SampleAsync(
            async scenario =>
            {
                var store = await scenario.StoreAsync();
                var service = new MergeService(store, new InMemoryMergeJournalStore(), store, store, store, new FakeTimeProvider(s_now));
                var originals = new List<Customer>();
                foreach (var c in scenario.Customers)
                {
                    originals.Add((await store.GetAsync(c.Id))!);
                }

                var plan = (await service.PlanAsync([.. originals.Select(c => c.Id)], scenario.Options)).Plan!;
                var result = await service.MergeAsync(plan);

                var journal = result.Journal!;
                var journaled = journal.GetOriginals();
                Assert.Equal(originals.Count, journaled.Count);
                for (var i = 0; i < originals.Count; i++)
                {
                    CustomerAssert.Equal(originals[i], journaled[i], ignoreVersion: false);
                }

                foreach (var original in originals)
                {
                    foreach (var (field, value) in Values(original))
                    {
                        var kept = Values(result.Survivor!).Contains((field, value));
                        var listed = journal.Discarded.Any(d => d.RecordId == original.Id.ToString() && d.Field == field && d.Value == Display(field, value));
                        Assert.True(kept || listed, $"{field} of {original.Id} is neither in the survivor nor in the journal ({scenario}).");
                    }
                }
            },
            iter: 150);
    }

    [Fact]
    public async Task MergeAsync_CustomerChangedSincePlan_ReturnsCustomerChangedAndChangesNothing()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.Customer());
        var b = await store.AddAsync(Some.Customer("章伟"));
        var plan = (await service.PlanAsync([a.Id, b.Id])).Plan!;
        var changed = await store.UpdateAsync(b with { Notes = "changed" });

        var result = await service.MergeAsync(plan);

        Assert.False(result.IsSuccess);
        Assert.Equal(MergeError.CustomerChanged, result.Error);
        Assert.Equal(b.Id, result.CustomerId);
        CustomerAssert.Equal(a, (await store.GetAsync(a.Id))!, ignoreVersion: false);
        CustomerAssert.Equal(changed, (await store.GetAsync(b.Id))!, ignoreVersion: false);
        Assert.Empty(await service.ListMergesAsync(a.Id));
    }

    [Fact]
    public async Task MergeAsync_CustomerDeletedSincePlan_ReturnsCustomerNotFound()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.Customer());
        var b = await store.AddAsync(Some.Customer("章伟"));
        var plan = (await service.PlanAsync([a.Id, b.Id])).Plan!;
        await store.DeleteAsync(b.Id, b.Version);

        var result = await service.MergeAsync(plan);

        Assert.Equal(MergeError.CustomerNotFound, result.Error);
        Assert.Equal(b.Id, result.CustomerId);
    }

    [Fact]
    public async Task UnmergeAsync_SurvivorChangedSinceMerge_RefusesAndChangesNothing()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.Customer());
        var b = await store.AddAsync(Some.Customer("章伟"));
        var merged = await service.MergeAsync((await service.PlanAsync([a.Id, b.Id])).Plan!);
        var edited = await store.UpdateAsync(merged.Survivor! with { DisplayName = "张伟 (edited)" });

        var result = await service.UnmergeAsync(merged.Journal!.Id);

        Assert.Equal(UnmergeError.SurvivorChanged, result.Error);
        CustomerAssert.Equal(edited, (await store.GetAsync(a.Id))!, ignoreVersion: false);
        Assert.Null(await store.GetAsync(b.Id));
        Assert.True((await service.ListMergesAsync(a.Id)).Single().IsInEffect);
    }

    [Fact]
    public async Task UnmergeAsync_SurvivorSavedWithoutChange_Succeeds()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.Customer());
        var b = await store.AddAsync(Some.Customer("章伟"));
        var merged = await service.MergeAsync((await service.PlanAsync([a.Id, b.Id])).Plan!);
        await store.UpdateAsync(merged.Survivor!);

        var result = await service.UnmergeAsync(merged.Journal!.Id);

        Assert.True(result.IsSuccess);
        CustomerAssert.Equal(a, (await store.GetAsync(a.Id))!);
    }

    [Fact]
    public async Task UnmergeAsync_Twice_ReturnsAlreadyUndone()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.Customer());
        var b = await store.AddAsync(Some.Customer("章伟"));
        var merged = await service.MergeAsync((await service.PlanAsync([a.Id, b.Id])).Plan!);
        await service.UnmergeAsync(merged.Journal!.Id);

        var second = await service.UnmergeAsync(merged.Journal.Id);

        Assert.Equal(UnmergeError.AlreadyUndone, second.Error);
        Assert.Equal(2, await store.CountAsync());
    }

    [Fact]
    public async Task UnmergeAsync_UnknownJournalOrMissingSurvivorOrTakenId_ReturnsTypedErrors()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.Customer());
        var b = await store.AddAsync(Some.Customer("章伟"));
        var merged = await service.MergeAsync((await service.PlanAsync([a.Id, b.Id])).Plan!);
        await store.AddAsync(b);
        var taken = await service.UnmergeAsync(merged.Journal!.Id);
        await store.DeleteAsync(b.Id, 1);
        await store.DeleteAsync(a.Id, merged.Survivor!.Version);

        var unknown = await service.UnmergeAsync(MergeJournalId.New());
        var missing = await service.UnmergeAsync(merged.Journal.Id);

        Assert.Equal(UnmergeError.MergedIdTaken, taken.Error);
        Assert.Equal(b.Id, taken.CustomerId);
        Assert.Equal(UnmergeError.JournalNotFound, unknown.Error);
        Assert.Equal(UnmergeError.SurvivorMissing, missing.Error);
    }

    [Fact]
    public async Task PlanAsync_ManualChoice_TakesThatCustomersValue()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.Customer("Robert Smith"));
        var b = await store.AddAsync(Some.Customer("Bob Smith"));
        var options = new MergeOptions();
        options.ManualChoices["display_name"] = b.Id.ToString();

        var plan = (await service.PlanAsync([a.Id, b.Id], options)).Plan!;

        Assert.Equal("Bob Smith", plan.Survivor.DisplayName);
        Assert.Equal("Manual", plan.Decisions.Single(d => d.Field == "display_name").Rule);
        Assert.Contains(plan.Discarded, d => d.Field == "display_name" && d.Value == "Robert Smith" && d.RecordId == a.Id.ToString());
    }

    [Fact]
    public async Task PlanAsync_PersonAndOrganization_KindFollowsTheSurvivingDisplayName()
    {
        var (store, service, _) = Create();
        var person = await store.AddAsync(Some.Customer("张伟"));
        var company = await store.AddAsync(Some.Customer("东方科技有限公司") with { Kind = CustomerKind.Organization });

        var plan = (await service.PlanAsync([person.Id, company.Id])).Plan!;

        Assert.Equal("东方科技有限公司", plan.Survivor.DisplayName);
        Assert.Equal(CustomerKind.Organization, plan.Survivor.Kind);
        Assert.Contains(plan.Discarded, d => d.Field == "kind" && d.Value == "Person" && d.RecordId == person.Id.ToString());
    }

    [Fact]
    public async Task PlanAsync_MissingCustomer_ReturnsCustomerNotFound()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.Customer());
        var ghost = CustomerId.New();

        var result = await service.PlanAsync([a.Id, ghost]);

        Assert.False(result.IsSuccess);
        Assert.Equal(MergeError.CustomerNotFound, result.Error);
        Assert.Equal(ghost, result.CustomerId);
    }

    [Fact]
    public async Task PlanAndMerge_Misuse_Throws()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.Customer());
        var b = await store.AddAsync(Some.Customer("章伟"));
        var options = new MergeOptions();
        options.ManualChoices["notes"] = CustomerId.New().ToString();
        var plan = (await service.PlanAsync([a.Id, b.Id])).Plan!;

        await Assert.ThrowsAsync<ArgumentNullException>(() => service.PlanAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => service.PlanAsync([a.Id]));
        await Assert.ThrowsAsync<ArgumentException>(() => service.PlanAsync([a.Id, a.Id]));
        await Assert.ThrowsAsync<ArgumentException>(() => service.PlanAsync([a.Id, b.Id], options));
        await Assert.ThrowsAsync<ArgumentNullException>(() => service.MergeAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => service.MergeAsync(plan with { Survivor = plan.Survivor with { Id = b.Id } }));
        await Assert.ThrowsAsync<ArgumentException>(() => service.MergeAsync(plan with { Originals = [a] }));
        await Assert.ThrowsAsync<ArgumentException>(() => service.MergeAsync(plan with { Originals = [a, a] }));
    }

    [Fact]
    public async Task MergeAsync_EditedSurvivor_IsWrittenAndUndone()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.Customer());
        var b = await store.AddAsync(Some.Customer("章伟"));
        var plan = (await service.PlanAsync([a.Id, b.Id])).Plan!;

        var merged = await service.MergeAsync(plan with { Survivor = plan.Survivor with { DisplayName = "张伟 / 章伟", Notes = new string('n', 10_000) } });
        var undone = await service.UnmergeAsync(merged.Journal!.Id);

        Assert.Equal("张伟 / 章伟", merged.Survivor!.DisplayName);
        Assert.True(undone.IsSuccess);
        CustomerAssert.Equal(a, (await store.GetAsync(a.Id))!);
    }

    [Fact]
    public async Task AddCustomerCore_WithInMemoryStorage_ResolvesMergeServiceAndJournal()
    {
        using var services = new TestServices();
        var store = services.Store;
        var a = await store.AddAsync(Some.Customer());
        var b = await store.AddAsync(Some.Customer("章伟"));
        var service = services.Get<IMergeService>();

        var merged = await service.MergeAsync((await service.PlanAsync([a.Id, b.Id])).Plan!);

        Assert.True(merged.IsSuccess);
        Assert.NotNull(await services.Get<IMergeJournalStore>().GetAsync(merged.Journal.Id));
        Assert.IsType<InMemoryMergeJournalStore>(services.Get<IMergeJournalStore>());
    }

    [Fact]
    public async Task JournalJson_Entry_RoundTripsExactly()
    {
        var (store, service, _) = Create();
        var a = await store.AddAsync(Some.FullCustomer());
        var b = await store.AddAsync(Some.Customer());
        await store.AddAsync(new Interaction { Id = InteractionId.New(), CustomerId = b.Id, AuthorId = "rep-1" });
        var entry = (await service.MergeAsync((await service.PlanAsync([a.Id, b.Id])).Plan!)).Journal!;

        var copy = MergeJournalJson.Deserialize(MergeJournalJson.Serialize(entry));

        CustomerAssert.SameJson(entry, copy);
        CustomerAssert.Equal(a, copy.GetOriginals()[0], ignoreVersion: false);
    }

    [Fact]
    public async Task InMemoryMergeJournalStore_AppendTwiceOrMarkUnknown_Throws()
    {
        var journal = new InMemoryMergeJournalStore();
        var entry = new MergeJournalEntry { Id = MergeJournalId.New(), SurvivorId = CustomerId.New(), MergedIds = [CustomerId.New()], OriginalsJson = [], SurvivorJson = "{}" };
        await journal.AppendAsync(entry);

        await Assert.ThrowsAsync<RecordAlreadyExistsException>(() => journal.AppendAsync(entry));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => journal.MarkUndoneAsync(MergeJournalId.New(), s_now));
        await Assert.ThrowsAsync<ArgumentNullException>(() => journal.AppendAsync(null!));
        Assert.True(await journal.MarkUndoneAsync(entry.Id, s_now));
        Assert.False(await journal.MarkUndoneAsync(entry.Id, s_now));
    }

    private static (InMemoryCustomerStore Store, MergeService Service, FakeTimeProvider Time) Create()
    {
        var store = new InMemoryCustomerStore();
        var time = new FakeTimeProvider(s_now);
        return (store, new MergeService(store, new InMemoryMergeJournalStore(), store, store, store, time), time);
    }

    // Every customer and related record as JSON, version aside: what "identity" means for merge then unmerge.
    private static async Task<string> SnapshotAsync(InMemoryCustomerStore store, MergeScenario scenario)
    {
        var b = new StringBuilder();
        await foreach (var c in store.StreamAsync())
        {
            b.AppendLine(JsonSerializer.Serialize(c with { Version = 0 }));
        }

        foreach (var i in scenario.Interactions)
        {
            b.AppendLine(JsonSerializer.Serialize(await store.GetAsync(i.Id)));
        }

        foreach (var r in scenario.Reminders)
        {
            b.AppendLine(JsonSerializer.Serialize(await store.GetAsync(r.Id)));
        }

        await foreach (var t in ((ITransactionStore)store).StreamAsync())
        {
            b.AppendLine(JsonSerializer.Serialize(t));
        }

        return b.ToString();
    }

    // Every value of a customer as (field, JSON), found by reflection so a new Customer property is covered automatically.
    private static HashSet<(string Field, string Value)> Values(Customer c)
    {
        var values = new HashSet<(string, string)>();
        foreach (var p in typeof(Customer).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.Name is nameof(Customer.Id) or nameof(Customer.Version) or nameof(Customer.UpdatedAt))
            {
                continue;
            }

            var value = p.GetValue(c);
            var field = Snake(p.Name);
            switch (value)
            {
                case null:
                    break;
                case IReadOnlyDictionary<string, string> attributes:
                    foreach (var (k, v) in attributes)
                    {
                        values.Add(("attr:" + k, JsonSerializer.Serialize(v)));
                    }

                    break;
                case IEnumerable items and not string:
                    foreach (var item in items)
                    {
                        values.Add((field, JsonSerializer.Serialize(item)));
                    }

                    break;
                default:
                    values.Add((field, JsonSerializer.Serialize(value)));
                    break;
            }
        }

        return values;
    }

    private static string? Display(string field, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var e = doc.RootElement;
        return field switch
        {
            "phones" or "emails" => e.GetProperty("Raw").GetString(),
            "addresses" => e.GetProperty("Original").GetString(),
            "key_contacts" => e.GetProperty("Name").GetString(),
            _ when e.ValueKind == JsonValueKind.String => e.GetString() is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var t) && s.Contains('T', StringComparison.Ordinal) ? t.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : e.GetString(),
            _ when e.ValueKind == JsonValueKind.Number => Enum(field, e.GetInt32()),
            _ => e.GetRawText(),
        };
    }

    private static string Enum(string field, int value) => field switch
    {
        "kind" => ((CustomerKind)value).ToString(),
        "stage" => ((LifecycleStage)value).ToString(),
        "credit_rating" => ((CreditRating)value).ToString(),
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Snake(string name)
    {
        var b = new StringBuilder();
        foreach (var ch in name)
        {
            if (char.IsUpper(ch) && b.Length > 0)
            {
                b.Append('_');
            }

            b.Append(char.ToLowerInvariant(ch));
        }

        return b.ToString();
    }
}
