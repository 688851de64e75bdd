using CustomerCore.Customers;
using CustomerCore.Storage;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Customers;

public sealed class CustomerServiceTests : IDisposable
{
    private static readonly CallerContext s_rep = new("rep-1", ["sales-rep"]);
    private readonly TestServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Create_RawPhones_StoresNormalizedWithStampsAndVersion1()
    {
        var input = Some.Customer() with { Phones = [new PhoneNumber { Raw = "010-65529988" }], Emails = [new EmailAddress { Raw = "A@B.COM" }] };

        var result = await _services.Customers.CreateAsync(s_rep, input);

        Assert.Equal(SaveStatus.Created, result.Status);
        Assert.True(result.IsSuccess);
        Assert.Equal(1, result.Customer.Version);
        Assert.Equal(_services.Time.GetUtcNow(), result.Customer.CreatedAt);
        Assert.Equal(_services.Time.GetUtcNow(), result.Customer.UpdatedAt);
        var stored = await _services.Store.GetAsync(input.Id);
        Assert.Equal("+861065529988", stored?.Phones[0].E164);
        Assert.Equal("a@b.com", stored?.Emails[0].Normalized);
    }

    [Fact]
    public async Task Create_Invalid_StoresNothingAndReturnsProblems()
    {
        var input = Some.Customer() with { Phones = [new PhoneNumber { Raw = "123" }] };

        var result = await _services.Customers.CreateAsync(s_rep, input);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Null(result.Customer);
        Assert.Single(result.Problems);
        Assert.Null(await _services.Store.GetAsync(input.Id));
    }

    [Fact]
    public async Task Create_SameIdTwice_ReturnsAlreadyExists()
    {
        var input = Some.Customer();
        await _services.Customers.CreateAsync(s_rep, input);

        var second = await _services.Customers.CreateAsync(s_rep, input);

        Assert.Equal(SaveStatus.AlreadyExists, second.Status);
    }

    [Fact]
    public async Task Update_StaleVersion_ReturnsConflictAndKeepsWinner()
    {
        var created = (await _services.Customers.CreateAsync(s_rep, Some.Customer())).Customer!;
        _services.Time.Advance(TimeSpan.FromMinutes(5));
        var first = await _services.Customers.UpdateAsync(s_rep, created with { DisplayName = "Winner" });

        var second = await _services.Customers.UpdateAsync(s_rep, created with { DisplayName = "Loser" });

        Assert.Equal(SaveStatus.Updated, first.Status);
        Assert.Equal(_services.Time.GetUtcNow(), first.Customer?.UpdatedAt);
        Assert.Equal(created.CreatedAt, first.Customer?.CreatedAt);
        Assert.Equal(SaveStatus.Conflict, second.Status);
        Assert.Equal("Winner", (await _services.Customers.GetAsync(s_rep, created.Id))?.DisplayName);
    }

    [Fact]
    public async Task Update_Unknown_ReturnsNotFound()
    {
        var result = await _services.Customers.UpdateAsync(s_rep, Some.Customer() with { Version = 1 });

        Assert.Equal(SaveStatus.NotFound, result.Status);
    }

    [Theory]
    [InlineData("138 0013 8000")]
    [InlineData("+86 13800138000")]
    [InlineData("８６１３８００１３８０００")]
    public async Task Search_PhoneAsTyped_IsNormalizedBeforeLookup(string typed)
    {
        var created = (await _services.Customers.CreateAsync(s_rep, Some.Customer() with { Phones = [new PhoneNumber { Raw = "13800138000" }] })).Customer!;

        var page = await _services.Customers.SearchAsync(s_rep, new CustomerQuery { Phone = typed });

        Assert.Equal([created.Id], page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Search_UnparseablePhoneOrEmail_MatchesNothing()
    {
        await _services.Customers.CreateAsync(s_rep, Some.Customer());

        var byPhone = await _services.Customers.SearchAsync(s_rep, new CustomerQuery { Phone = "garbage" });
        var byEmail = await _services.Customers.SearchAsync(s_rep, new CustomerQuery { Email = "garbage" });

        Assert.Empty(byPhone.Items);
        Assert.Empty(byEmail.Items);
    }

    [Fact]
    public async Task RecordInteraction_UnknownCustomer_ThrowsNotFound()
    {
        var interaction = Some.Interaction(CustomerId.New(), default);

        await Assert.ThrowsAsync<RecordNotFoundException>(() => _services.Customers.RecordInteractionAsync(s_rep, interaction));
    }

    [Fact]
    public async Task RecordInteraction_NoTime_IsStampedNowAndListedNewestFirst()
    {
        var customer = (await _services.Customers.CreateAsync(s_rep, Some.Customer())).Customer!;
        var older = await _services.Customers.RecordInteractionAsync(s_rep, Some.Interaction(customer.Id, _services.Time.GetUtcNow().AddDays(-1)));

        var now = await _services.Customers.RecordInteractionAsync(s_rep, Some.Interaction(customer.Id, default));
        var timeline = await _services.Customers.GetTimelineAsync(s_rep, customer.Id, new PageRequest(10));

        Assert.Equal(_services.Time.GetUtcNow(), now.OccurredAt);
        Assert.Equal([now.Id, older.Id], timeline.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task RecordInteraction_BlankAuthor_ThrowsArgumentException()
    {
        var customer = (await _services.Customers.CreateAsync(s_rep, Some.Customer())).Customer!;

        await Assert.ThrowsAsync<ArgumentException>(() => _services.Customers.RecordInteractionAsync(s_rep, Some.Interaction(customer.Id, default) with { AuthorId = " " }));
    }

    [Fact]
    public async Task Reminders_CompleteAndDue_FollowTheClock()
    {
        var customer = (await _services.Customers.CreateAsync(s_rep, Some.Customer())).Customer!;
        var due = await _services.Customers.ScheduleReminderAsync(s_rep, Some.Reminder(customer.Id, _services.Time.GetUtcNow().AddHours(2)));
        var later = await _services.Customers.ScheduleReminderAsync(s_rep, Some.Reminder(customer.Id, _services.Time.GetUtcNow().AddDays(3)));

        var dueToday = await _services.Customers.GetDueRemindersAsync(s_rep, "rep-1", _services.Time.GetUtcNow().AddDays(1), new PageRequest(10));
        _services.Time.Advance(TimeSpan.FromHours(1));
        var completed = await _services.Customers.CompleteReminderAsync(s_rep, due.Id);
        var afterCompletion = await _services.Customers.GetDueRemindersAsync(s_rep, "rep-1", _services.Time.GetUtcNow().AddDays(10), new PageRequest(10));

        Assert.Equal([due.Id], dueToday.Items.Select(r => r.Id));
        Assert.Equal(_services.Time.GetUtcNow(), completed.CompletedAt);
        Assert.Equal([later.Id], afterCompletion.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task RecordTransactions_BadCurrency_ThrowsAndStoresNothing()
    {
        var customer = (await _services.Customers.CreateAsync(s_rep, Some.Customer())).Customer!;
        var good = Some.Transaction(customer.Id, _services.Time.GetUtcNow(), 10m);
        var bad = good with { Id = TransactionId.New(), Currency = "rmb" };

        await Assert.ThrowsAsync<ArgumentException>(() => _services.Customers.RecordTransactionsAsync(s_rep, [good, bad]));

        var listed = await _services.Get<ITransactionStore>().ListByCustomerAsync(customer.Id, new PageRequest(10));
        Assert.Empty(listed.Items);
    }

    [Fact]
    public async Task Delete_StaleVersion_ThrowsConflict()
    {
        var created = (await _services.Customers.CreateAsync(s_rep, Some.Customer())).Customer!;
        await _services.Customers.UpdateAsync(s_rep, created);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _services.Customers.DeleteAsync(s_rep, created.Id, created.Version));
    }
}

public sealed class CustomerServiceEntryCheckTests : IDisposable
{
    private readonly TestServices _services = new(o => o.EntryDuplicateCheck = EntryDuplicateCheck.RejectExactContactMatch);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Create_SamePhoneTypedDifferently_IsRefusedWithTheExistingId()
    {
        var first = await _services.Customers.CreateAsync(CallerContext.System, Some.Customer("张伟") with { Phones = [new PhoneNumber { Raw = "13800138000" }], Emails = [] });

        var second = await _services.Customers.CreateAsync(CallerContext.System, Some.Customer("章伟") with { Phones = [new PhoneNumber { Raw = "+86 138 0013 8000" }], Emails = [] });

        Assert.Equal(SaveStatus.PossibleDuplicate, second.Status);
        Assert.Equal([first.Customer!.Id], second.DuplicateOf);
        Assert.Equal(1, await _services.Store.CountAsync());
    }

    [Fact]
    public async Task Create_SameEmailDifferentCase_IsRefused()
    {
        await _services.Customers.CreateAsync(CallerContext.System, Some.Customer() with { Phones = [], Emails = [new EmailAddress { Raw = "Li.Na@Example.com" }] });

        var second = await _services.Customers.CreateAsync(CallerContext.System, Some.Customer() with { Phones = [], Emails = [new EmailAddress { Raw = "li.na@example.COM" }] });

        Assert.Equal(SaveStatus.PossibleDuplicate, second.Status);
    }

    [Fact]
    public async Task Create_NoSharedContactPoint_IsStored()
    {
        await _services.Customers.CreateAsync(CallerContext.System, Some.Customer() with { Phones = [new PhoneNumber { Raw = "13800138000" }], Emails = [] });

        var other = await _services.Customers.CreateAsync(CallerContext.System, Some.Customer() with { Phones = [new PhoneNumber { Raw = "13900139000" }], Emails = [] });

        Assert.Equal(SaveStatus.Created, other.Status);
    }
}
