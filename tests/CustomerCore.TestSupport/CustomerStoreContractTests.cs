using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.TestSupport;

/// <summary>The behaviour every storage provider must have; each provider's test project subclasses it once.</summary>
/// <remarks>Times are compared as instants to the microsecond (PostgreSQL's precision), given in UTC.
/// Providers that also implement the interaction, reminder and transaction contracts are checked on those too.</remarks>
public abstract partial class CustomerStoreContractTests
{
    private static readonly DateTimeOffset s_t0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Creates an empty store for one test.</summary>
    protected abstract Task<ICustomerStore> CreateStoreAsync();

    [Fact]
    public async Task Add_FullCustomer_RoundTripsEveryField()
    {
        var store = await CreateStoreAsync();
        var customer = Some.FullCustomer();

        await store.AddAsync(customer);
        var loaded = await store.GetAsync(customer.Id);

        Assert.NotNull(loaded);
        CustomerAssert.Equal(customer, loaded);
        Assert.Equal(1, loaded.Version);
    }

    [Fact]
    public async Task Add_UnicodeAndHostileStrings_RoundTripByteForByte()
    {
        var store = await CreateStoreAsync();
        string[] names = ["张伟", "👩‍👩‍👧‍👦 family", "مرحبا بالعالم", "עברית", "'; DROP TABLE customers; --", "O'Brien \"Quoted\" \\ backslash", "e\u0301 combining", "𝄞 surrogate", "tab\tand\nnewline", "nul\0inside"];
        var customers = names.Select(n => Some.Customer(n) with { Notes = n + n }).ToList();

        foreach (var c in customers)
        {
            await store.AddAsync(c);
        }

        foreach (var c in customers)
        {
            var loaded = await store.GetAsync(c.Id);
            Assert.NotNull(loaded);
            Assert.Equal(c.DisplayName, loaded.DisplayName, StringComparer.Ordinal);
            Assert.Equal(c.Notes, loaded.Notes, StringComparer.Ordinal);
        }
    }

    [Fact]
    public async Task Add_OneMegabyteNotes_RoundTrips()
    {
        var store = await CreateStoreAsync();
        var notes = string.Concat(Enumerable.Repeat("客户备注 notes 🚀 ", 1024 * 1024 / 14));
        var customer = Some.Customer() with { Notes = notes };

        await store.AddAsync(customer);
        var loaded = await store.GetAsync(customer.Id);

        Assert.Equal(notes, loaded?.Notes, StringComparer.Ordinal);
    }

    [Fact]
    public async Task Add_SameIdTwice_ThrowsAlreadyExistsAndKeepsFirst()
    {
        var store = await CreateStoreAsync();
        var customer = Some.Customer("First");
        await store.AddAsync(customer);

        await Assert.ThrowsAsync<RecordAlreadyExistsException>(() => store.AddAsync(customer with { DisplayName = "Second" }));

        Assert.Equal("First", (await store.GetAsync(customer.Id))?.DisplayName);
    }

    [Fact]
    public async Task Get_UnknownId_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        var loaded = await store.GetAsync(CustomerId.New());

        Assert.Null(loaded);
    }

    [Fact]
    public async Task Update_CurrentVersion_IncrementsVersionAndStores()
    {
        var store = await CreateStoreAsync();
        var added = await store.AddAsync(Some.Customer());

        var updated = await store.UpdateAsync(added with { DisplayName = "李娜", Tags = ["new"] });
        var loaded = await store.GetAsync(added.Id);

        Assert.Equal(2, updated.Version);
        Assert.Equal(2, loaded?.Version);
        Assert.Equal("李娜", loaded?.DisplayName);
        Assert.Equal(["new"], loaded?.Tags);
    }

    [Fact]
    public async Task Update_StaleVersion_ThrowsConflictAndKeepsNewerData()
    {
        var store = await CreateStoreAsync();
        var added = await store.AddAsync(Some.Customer());
        await store.UpdateAsync(added with { DisplayName = "Winner" });

        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.UpdateAsync(added with { DisplayName = "Loser" }));

        Assert.Equal(1, error.ExpectedVersion);
        Assert.Equal(2, error.ActualVersion);
        Assert.Equal("Winner", (await store.GetAsync(added.Id))?.DisplayName);
    }

    [Fact]
    public async Task Update_UnknownId_ThrowsNotFound()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<RecordNotFoundException>(() => store.UpdateAsync(Some.Customer() with { Version = 1 }));
    }

    [Fact]
    public async Task Update_ConcurrentWritersOnSameVersion_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        var added = await store.AddAsync(Some.Customer());

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.UpdateAsync(added with { DisplayName = $"writer {i}" });
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        })).ToArray();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r));
        var loaded = await store.GetAsync(added.Id);
        Assert.Equal(2, loaded?.Version);
        Assert.Equal($"writer {Array.IndexOf(results, true)}", loaded?.DisplayName);
    }

    [Fact]
    public async Task Delete_CurrentVersion_RemovesCustomer()
    {
        var store = await CreateStoreAsync();
        var added = await store.AddAsync(Some.Customer());

        var deleted = await store.DeleteAsync(added.Id, added.Version);

        Assert.True(deleted);
        Assert.Null(await store.GetAsync(added.Id));
        Assert.False(await store.DeleteAsync(added.Id, added.Version));
    }

    [Fact]
    public async Task Delete_StaleVersion_ThrowsConflictAndKeepsCustomer()
    {
        var store = await CreateStoreAsync();
        var added = await store.AddAsync(Some.Customer());
        await store.UpdateAsync(added);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.DeleteAsync(added.Id, 1));

        Assert.NotNull(await store.GetAsync(added.Id));
    }

    [Fact]
    public async Task UpsertBatch_NewAndExisting_InsertsAndReplacesWithVersions()
    {
        var store = await CreateStoreAsync();
        var existing = await store.AddAsync(Some.Customer("Old"));
        var fresh = Some.Customer("New");
        var progress = new List<int>();

        var written = await store.UpsertBatchAsync([existing with { DisplayName = "Replaced" }, fresh], new SyncProgress(progress));

        Assert.Equal(2, written);
        Assert.Equal(2, (await store.GetAsync(existing.Id))?.Version);
        Assert.Equal("Replaced", (await store.GetAsync(existing.Id))?.DisplayName);
        Assert.Equal(1, (await store.GetAsync(fresh.Id))?.Version);
        Assert.Equal(2, progress.LastOrDefault());
    }

    [Fact]
    public async Task UpsertBatch_DuplicateIdInBatch_ThrowsAndStoresNothing()
    {
        var store = await CreateStoreAsync();
        var a = Some.Customer("A");
        var b = Some.Customer("B");

        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertBatchAsync([a, b, a with { DisplayName = "A2" }]));

        Assert.Equal(0, await store.CountAsync());
    }

    [Fact]
    public async Task UpsertBatch_CancelledBeforeStart_StoresNothing()
    {
        var store = await CreateStoreAsync();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.UpsertBatchAsync([Some.Customer(), Some.Customer()], null, cts.Token));

        Assert.Equal(0, await store.CountAsync());
    }

    [Fact]
    public async Task UpsertBatch_LargeBatch_StoresAllAndStreamsThemInIdOrder()
    {
        var store = await CreateStoreAsync();
        var batch = Enumerable.Range(0, 5_000).Select(i => Some.Customer($"客户 {i}")).ToList();

        await store.UpsertBatchAsync(batch);
        var streamed = new List<CustomerId>();
        await foreach (var c in store.StreamAsync())
        {
            streamed.Add(c.Id);
        }

        Assert.Equal(5_000, await store.CountAsync());
        Assert.Equal(batch.Select(c => c.Id).OrderBy(id => id.Value), streamed);
    }

    [Fact]
    public async Task Stream_Cancelled_StopsWithCancellation()
    {
        var store = await CreateStoreAsync();
        await store.UpsertBatchAsync(Enumerable.Range(0, 50).Select(_ => Some.Customer()).ToList());
        using var cts = new CancellationTokenSource();

        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in store.StreamAsync(cts.Token))
            {
                if (++seen == 10)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.InRange(seen, 10, 11); // the token is checked before each row
    }

    [Fact]
    public async Task Query_ByEachIndexedField_FindsOnlyMatches()
    {
        var store = await CreateStoreAsync();
        var target = Some.Customer("Zhang Wei") with
        {
            Phones = [new PhoneNumber { Raw = "13900001111", E164 = "+8613900001111", Type = PhoneType.Mobile }],
            Emails = [new EmailAddress { Raw = "Target@Example.com", Normalized = "target@example.com" }],
            Tags = ["gold", "east"],
            OwnerId = "rep-9",
            Stage = LifecycleStage.AtRisk,
            UpdatedAt = s_t0.AddDays(10),
            Addresses = [new PostalAddress { Original = "上海", Location = new GeoPoint(31.2304, 121.4737) }],
        };
        var others = Enumerable.Range(0, 20).Select(i => Some.Customer($"Other {i}") with
        {
            Phones = [new PhoneNumber { Raw = $"1380000{i:D4}", E164 = $"+861380000{i:D4}", Type = PhoneType.Mobile }],
            Emails = [new EmailAddress { Raw = $"o{i}@example.com", Normalized = $"o{i}@example.com" }],
            UpdatedAt = s_t0,
        }).ToList();
        await store.UpsertBatchAsync([target, .. others]);

        await AssertOnlyTarget(new CustomerQuery { Phone = "+8613900001111" });
        await AssertOnlyTarget(new CustomerQuery { Email = "target@example.com" });
        await AssertOnlyTarget(new CustomerQuery { NamePrefix = "zhang" });
        await AssertOnlyTarget(new CustomerQuery { NamePrefix = "ZHANG W" });
        await AssertOnlyTarget(new CustomerQuery { Tag = "gold" });
        await AssertOnlyTarget(new CustomerQuery { OwnerId = "rep-9" });
        await AssertOnlyTarget(new CustomerQuery { Stage = LifecycleStage.AtRisk });
        await AssertOnlyTarget(new CustomerQuery { UpdatedSince = s_t0.AddDays(1) });
        await AssertOnlyTarget(new CustomerQuery { Within = new GeoBoundingBox(31, 121, 32, 122) });
        await AssertOnlyTarget(new CustomerQuery { Tag = "east", OwnerId = "rep-9", NamePrefix = "Zh" });
        Assert.Empty((await store.QueryAsync(new CustomerQuery { Tag = "gold", OwnerId = "rep-1" })).Items);
        Assert.Empty((await store.QueryAsync(new CustomerQuery { Phone = "+8613900001112" })).Items);

        async Task AssertOnlyTarget(CustomerQuery query)
        {
            var page = await store.QueryAsync(query);
            Assert.Equal([target.Id], page.Items.Select(c => c.Id));
        }
    }

    [Fact]
    public async Task Query_NamePrefix_MatchesChineseAndIsCaseInsensitive()
    {
        var store = await CreateStoreAsync();
        await store.UpsertBatchAsync([Some.Customer("张伟"), Some.Customer("张三丰"), Some.Customer("章伟"), Some.Customer("Émile Zola"), Some.Customer("émilie")]);

        var zhang = await store.QueryAsync(new CustomerQuery { NamePrefix = "张" });
        var emile = await store.QueryAsync(new CustomerQuery { NamePrefix = "ÉMIL" });

        Assert.Equal(["张三丰", "张伟"], zhang.Items.Select(c => c.DisplayName).Order(StringComparer.Ordinal));
        Assert.Equal(2, emile.Items.Count);
    }

    [Fact]
    public async Task Query_NamePrefixWithLikeWildcards_MatchesLiterally()
    {
        var store = await CreateStoreAsync();
        await store.UpsertBatchAsync([Some.Customer("100% Cotton"), Some.Customer("100 Pipers"), Some.Customer("a_b"), Some.Customer("axb")]);

        var percent = await store.QueryAsync(new CustomerQuery { NamePrefix = "100%" });
        var underscore = await store.QueryAsync(new CustomerQuery { NamePrefix = "a_" });

        Assert.Equal(["100% Cotton"], percent.Items.Select(c => c.DisplayName));
        Assert.Equal(["a_b"], underscore.Items.Select(c => c.DisplayName));
    }

    [Fact]
    public async Task Query_UnownedOnly_ReturnsThePool()
    {
        var store = await CreateStoreAsync();
        var pooled = Some.Customer("Pooled", owner: null);
        await store.UpsertBatchAsync([pooled, Some.Customer("Owned", owner: "rep-1")]);

        var page = await store.QueryAsync(new CustomerQuery { UnownedOnly = true });

        Assert.Equal([pooled.Id], page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Query_Paging_ReturnsEveryMatchOnceInIdOrderEvenWithConcurrentInserts()
    {
        var store = await CreateStoreAsync();
        var batch = Enumerable.Range(0, 250).Select(i => Some.Customer($"C{i}")).ToList();
        await store.UpsertBatchAsync(batch);

        var seen = new List<CustomerId>();
        var query = new CustomerQuery { Page = new PageRequest(100) };
        var pages = 0;
        while (true)
        {
            var page = await store.QueryAsync(query);
            seen.AddRange(page.Items.Select(c => c.Id));
            pages++;
            if (pages == 1)
            {
                // A later time in the id, so it sorts after every existing one: two version-7 ids of the same millisecond
                // compare by their random bits, which made this test fail now and then.
                await store.AddAsync(Some.Customer("Late") with { Id = new CustomerId(Guid.CreateVersion7(DateTimeOffset.UtcNow.AddMinutes(1))) });
            }

            if (page.ContinuationToken is null)
            {
                break;
            }

            query = query with { Page = query.Page with { ContinuationToken = page.ContinuationToken } };
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(251, seen.Count);
        Assert.Equal(seen.OrderBy(id => id.Value), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Query_ForeignContinuationToken_ThrowsArgumentException()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(new CustomerQuery { Page = new PageRequest(10, "not-a-token") }));
    }

    [Fact]
    public async Task Query_PageSizeOutOfRange_ThrowsArgumentOutOfRange()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryAsync(new CustomerQuery { Page = new PageRequest(0) }));
    }

    [Fact]
    public async Task Interactions_AddListMoveDelete_KeepOrderAndOwnership()
    {
        var store = await CreateStoreAsync();
        if (store is not IInteractionStore interactions)
        {
            return; // this provider does not store interactions; nothing to check
        }

        var a = await store.AddAsync(Some.Customer("A"));
        var b = await store.AddAsync(Some.Customer("B"));
        var items = Enumerable.Range(0, 25).Select(i => Some.Interaction(a.Id, s_t0.AddMinutes(i))).ToList();
        foreach (var i in items)
        {
            await interactions.AddAsync(i);
        }

        var listed = new List<Interaction>();
        var page = new PageRequest(10);
        while (true)
        {
            var p = await interactions.ListByCustomerAsync(a.Id, page);
            listed.AddRange(p.Items);
            if (p.ContinuationToken is null)
            {
                break;
            }

            page = page with { ContinuationToken = p.ContinuationToken };
        }

        Assert.Equal(items.Select(i => i.Id).Reverse(), listed.Select(i => i.Id));
        CustomerAssert.SameJson(items[3], await interactions.GetAsync(items[3].Id));
        await Assert.ThrowsAsync<RecordAlreadyExistsException>(() => interactions.AddAsync(items[0]));

        var moved = await interactions.MoveAsync([items[0].Id, items[1].Id], b.Id);
        Assert.Equal(2, moved);
        Assert.Equal(2, (await interactions.ListByCustomerAsync(b.Id, new PageRequest(100))).Items.Count);

        Assert.Equal(23, await interactions.DeleteByCustomerAsync(a.Id));
        Assert.Empty((await interactions.ListByCustomerAsync(a.Id, new PageRequest(100))).Items);
    }

    [Fact]
    public async Task Reminders_ListDue_ReturnsOpenOnesBeforeTimeForAssignee()
    {
        var store = await CreateStoreAsync();
        if (store is not IReminderStore reminders)
        {
            return;
        }

        var c = await store.AddAsync(Some.Customer());
        var overdue = Some.Reminder(c.Id, s_t0.AddDays(-1));
        var dueSoon = Some.Reminder(c.Id, s_t0.AddHours(1));
        var later = Some.Reminder(c.Id, s_t0.AddDays(5));
        var done = Some.Reminder(c.Id, s_t0.AddDays(-2)) with { CompletedAt = s_t0.AddDays(-2) };
        var otherRep = Some.Reminder(c.Id, s_t0.AddDays(-1), assignee: "rep-2");
        foreach (var r in new[] { later, overdue, done, dueSoon, otherRep })
        {
            await reminders.UpsertAsync(r);
        }

        var due = await reminders.ListDueAsync("rep-1", s_t0.AddDays(1), new PageRequest(50));
        var all = await reminders.ListDueAsync(null, s_t0.AddDays(1), new PageRequest(50));

        Assert.Equal([overdue.Id, dueSoon.Id], due.Items.Select(r => r.Id));
        Assert.Equal(3, all.Items.Count);
        CustomerAssert.SameJson(done, await reminders.GetAsync(done.Id));
        Assert.Equal(5, (await reminders.ListByCustomerAsync(c.Id, new PageRequest(50))).Items.Count);
    }

    [Fact]
    public async Task Transactions_UpsertListStreamMove_RoundTripAmountsExactly()
    {
        var store = await CreateStoreAsync();
        if (store is not ITransactionStore transactions)
        {
            return;
        }

        var a = await store.AddAsync(Some.Customer("A"));
        var b = await store.AddAsync(Some.Customer("B"));
        var list = new List<CustomerTransaction>
        {
            Some.Transaction(a.Id, s_t0.AddDays(2), 19.99m),
            Some.Transaction(a.Id, s_t0, 1234567.89m),
            Some.Transaction(a.Id, s_t0.AddDays(1), -5.5m),
        };

        await transactions.UpsertBatchAsync(list);
        var listed = await transactions.ListByCustomerAsync(a.Id, new PageRequest(10));
        var streamed = new List<CustomerTransaction>();
        await foreach (var t in transactions.StreamAsync())
        {
            streamed.Add(t);
        }

        Assert.Equal([list[1].Id, list[2].Id, list[0].Id], listed.Items.Select(t => t.Id));
        CustomerAssert.SameJson(list[1], listed.Items[0]);
        Assert.Equal(3, streamed.Count);
        Assert.Equal(1, await transactions.MoveAsync([list[0].Id], b.Id));
        Assert.Single((await transactions.ListByCustomerAsync(b.Id, new PageRequest(10))).Items);
    }

    private sealed class SyncProgress(List<int> sink) : IProgress<int>
    {
        public void Report(int value) => sink.Add(value);
    }
}
