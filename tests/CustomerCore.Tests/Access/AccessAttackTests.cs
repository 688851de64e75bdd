using System.Text;
using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.Geo;
using CustomerCore.Import;
using CustomerCore.Segmentation;
using CustomerCore.Storage;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Access;

/// <summary>Attacks every access path a sales rep could use to reach another rep's customer; each must yield nothing.</summary>
public sealed class AccessAttackTests : IDisposable
{
    private const string OtherPhone = "139 1234 5678";
    private const string OtherEmail = "Li.Lei@Example.org";
    private readonly AccessKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task GetAsync_OtherRepsCustomerById_ReturnsNullAndAuditsDenied()
    {
        var (_, theirs) = await SeedTwoAsync();

        var got = await _kit.Customers.GetAsync(AccessKit.Rep1, theirs.Id);

        Assert.Null(got);
        var audit = await _kit.AllAuditAsync();
        Assert.Contains(audit, e => e.Action == AuditAction.Denied && e.ActorId == "rep-1" && e.CustomerIds.Contains(theirs.Id));
    }

    [Fact]
    public async Task SearchAsync_OtherRepsPhone_FindsNothing()
    {
        await SeedTwoAsync();

        var page = await _kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery { Phone = "+86 139-1234-5678" });

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task SearchAsync_OtherRepsEmail_FindsNothing()
    {
        await SeedTwoAsync();

        var page = await _kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery { Email = "li.lei@example.org" });

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task SearchAsync_SharedPhoneOwnedByBothReps_ReturnsOnlyOwn()
    {
        var mine = await _kit.SeedAsync("rep-1", "共享一", OtherPhone);
        await _kit.SeedAsync("rep-2", "共享二", OtherPhone);

        var page = await _kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery { Phone = OtherPhone });

        Assert.Equal([mine.Id], page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task SearchAsync_QueryNamesOtherOwner_ReturnsEmpty()
    {
        await SeedTwoAsync();

        var page = await _kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery { OwnerId = "rep-2" });

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task SearchAsync_OwnerSetIncludingOthers_IsNarrowedToOwn()
    {
        var (mine, _) = await SeedTwoAsync();

        var page = await _kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery { OwnerIds = ["rep-1", "rep-2", "rep-3"] });

        Assert.Equal([mine.Id], page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task SearchAsync_NamePrefixAndBoundingBox_ReturnOnlyOwn()
    {
        var (mine, _) = await SeedTwoAsync();

        var byName = await _kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery { NamePrefix = "客户" });
        var byBox = await _kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery { Within = GeoBoundingBox.Around(new GeoPoint(39.9087, 116.4605), 5_000) });

        Assert.Equal([mine.Id], byName.Items.Select(c => c.Id));
        Assert.Equal([mine.Id], byBox.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task SearchAsync_SmallPagesOverManyForeignCustomers_NeverYieldForeignOnes()
    {
        var mine = await _kit.SeedAsync("rep-1", "客户甲");
        for (var i = 0; i < 12; i++)
        {
            await _kit.SeedAsync("rep-2", "客户乙" + i, OtherPhone);
        }

        var seen = new List<CustomerId>();
        var query = new CustomerQuery { Page = new PageRequest(2) };
        do
        {
            var page = await _kit.Customers.SearchAsync(AccessKit.Rep1, query);
            seen.AddRange(page.Items.Select(c => c.Id));
            query = query with { Page = query.Page with { ContinuationToken = page.ContinuationToken } };
        }
        while (query.Page.ContinuationToken is not null);

        Assert.Equal([mine.Id], seen);
    }

    [Fact]
    public async Task StreamAsync_Rep_YieldsOnlyOwnCustomers()
    {
        var (mine, _) = await SeedTwoAsync();
        await _kit.SeedAsync(null, "公海客户");

        var ids = new List<CustomerId>();
        await foreach (var c in _kit.Customers.StreamAsync(AccessKit.Rep1))
        {
            ids.Add(c.Id);
        }

        Assert.Equal([mine.Id], ids);
    }

    [Fact]
    public async Task GetTimelineAsync_OtherRepsCustomer_ReturnsEmpty()
    {
        var (_, theirs) = await SeedTwoAsync();
        await _kit.Customers.RecordInteractionAsync(CallerContext.System, Some.Interaction(theirs.Id, _kit.Time.GetUtcNow()));

        var page = await _kit.Customers.GetTimelineAsync(AccessKit.Rep1, theirs.Id, new PageRequest());

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task RecordInteractionAsync_OnOtherRepsCustomer_ThrowsNotFoundAndStoresNothing()
    {
        var (_, theirs) = await SeedTwoAsync();

        await Assert.ThrowsAsync<RecordNotFoundException>(() => _kit.Customers.RecordInteractionAsync(AccessKit.Rep1, Some.Interaction(theirs.Id, _kit.Time.GetUtcNow())));

        var timeline = await _kit.Customers.GetTimelineAsync(CallerContext.System, theirs.Id, new PageRequest());
        Assert.Empty(timeline.Items);
    }

    [Fact]
    public async Task ScheduleReminderAsync_OnOtherRepsCustomer_ThrowsNotFound()
    {
        var (_, theirs) = await SeedTwoAsync();

        var act = () => _kit.Customers.ScheduleReminderAsync(AccessKit.Rep1, Some.Reminder(theirs.Id, _kit.Time.GetUtcNow().AddDays(1)));

        await Assert.ThrowsAsync<RecordNotFoundException>(act);
    }

    [Fact]
    public async Task GetDueRemindersAsync_OtherRepsReminders_AreFilteredOut()
    {
        var (mine, theirs) = await SeedTwoAsync();
        var due = _kit.Time.GetUtcNow().AddHours(1);
        await _kit.Customers.ScheduleReminderAsync(CallerContext.System, Some.Reminder(mine.Id, due, "rep-1"));
        await _kit.Customers.ScheduleReminderAsync(CallerContext.System, Some.Reminder(theirs.Id, due, "rep-2"));
        await _kit.Customers.ScheduleReminderAsync(CallerContext.System, Some.Reminder(theirs.Id, due, "rep-1"));

        var all = await _kit.Customers.GetDueRemindersAsync(AccessKit.Rep1, null, due.AddDays(1), new PageRequest());
        var theirsAsked = await _kit.Customers.GetDueRemindersAsync(AccessKit.Rep1, "rep-2", due.AddDays(1), new PageRequest());

        Assert.All(all.Items, r => Assert.Equal(mine.Id, r.CustomerId));
        Assert.Single(all.Items);
        Assert.Empty(theirsAsked.Items);
    }

    [Fact]
    public async Task CompleteReminderAsync_OtherRepsReminder_ThrowsNotFoundAndLeavesItOpen()
    {
        var (_, theirs) = await SeedTwoAsync();
        var reminder = await _kit.Customers.ScheduleReminderAsync(CallerContext.System, Some.Reminder(theirs.Id, _kit.Time.GetUtcNow(), "rep-2"));

        await Assert.ThrowsAsync<RecordNotFoundException>(() => _kit.Customers.CompleteReminderAsync(AccessKit.Rep1, reminder.Id));

        var open = await _kit.Customers.GetDueRemindersAsync(CallerContext.System, "rep-2", _kit.Time.GetUtcNow().AddDays(1), new PageRequest());
        Assert.False(Assert.Single(open.Items).IsDone);
    }

    [Fact]
    public async Task RecordTransactionsAsync_ForOtherRepsCustomer_ThrowsNotFoundAndStoresNone()
    {
        var (mine, theirs) = await SeedTwoAsync();
        var now = _kit.Time.GetUtcNow();

        var act = () => _kit.Customers.RecordTransactionsAsync(AccessKit.Rep1, [Some.Transaction(mine.Id, now, 10m), Some.Transaction(theirs.Id, now, 99m)]);

        await Assert.ThrowsAsync<RecordNotFoundException>(act);
        var stored = await _kit.Get<ITransactionStore>().ListByCustomerAsync(mine.Id, new PageRequest());
        Assert.Empty(stored.Items);
    }

    [Fact]
    public async Task UpdateAsync_OtherRepsCustomer_ReturnsNotFoundAndChangesNothing()
    {
        var (_, theirs) = await SeedTwoAsync();

        var result = await _kit.Customers.UpdateAsync(AccessKit.Rep1, theirs with { OwnerId = "rep-1", DisplayName = "stolen" });

        Assert.Equal(SaveStatus.NotFound, result.Status);
        var stored = await _kit.Customers.GetAsync(CallerContext.System, theirs.Id);
        Assert.Equal("rep-2", stored!.OwnerId);
        Assert.Equal(theirs.DisplayName, stored.DisplayName);
    }

    [Fact]
    public async Task UpdateAsync_RepHandsOwnCustomerToOtherRep_ThrowsAccessDenied()
    {
        var (mine, _) = await SeedTwoAsync();

        var act = () => _kit.Customers.UpdateAsync(AccessKit.Rep1, mine with { OwnerId = "rep-3" });

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(act);
        Assert.Equal(AccessRights.Update, ex.Permission);
    }

    [Fact]
    public async Task DeleteAsync_OtherRepsOrOtherTeamsCustomer_ReturnsFalseAndDeletesNothing()
    {
        var (_, theirs) = await SeedTwoAsync();
        var south = await _kit.SeedAsync("rep-3", "南方客户");

        var repDeleted = await _kit.Customers.DeleteAsync(AccessKit.Rep1, theirs.Id, theirs.Version);
        var managerDeleted = await _kit.Customers.DeleteAsync(AccessKit.Manager, south.Id, south.Version);

        Assert.False(repDeleted);
        Assert.False(managerDeleted);
        Assert.NotNull(await _kit.Customers.GetAsync(CallerContext.System, theirs.Id));
        Assert.NotNull(await _kit.Customers.GetAsync(CallerContext.System, south.Id));
    }

    [Fact]
    public async Task CreateAsync_RepCreatesForOtherRep_ThrowsAccessDeniedAndStoresNothing()
    {
        var customer = Some.Customer("代建客户", "rep-2");

        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Customers.CreateAsync(AccessKit.Rep1, customer));

        Assert.Null(await _kit.Customers.GetAsync(CallerContext.System, customer.Id));
    }

    [Fact]
    public async Task CreateAsync_DuplicateOfOtherRepsCustomer_DoesNotRevealItsId()
    {
        using var kit = new AccessKit(core: o => o.EntryDuplicateCheck = EntryDuplicateCheck.RejectExactContactMatch);
        await kit.SeedAsync("rep-2", "李雷", OtherPhone, OtherEmail);

        var result = await kit.Customers.CreateAsync(AccessKit.Rep1, Some.Customer("李雷", "rep-1") with { Phones = [new PhoneNumber { Raw = OtherPhone }], Emails = [] });

        Assert.Equal(SaveStatus.PossibleDuplicate, result.Status);
        Assert.Empty(result.DuplicateOf);
    }

    [Fact]
    public async Task ExportAsync_Rep_WritesOnlyOwnCustomers()
    {
        await SeedTwoAsync();
        using var output = new MemoryStream();

        var count = await _kit.Get<ICustomerExporter>().ExportAsync(AccessKit.Rep1, output, ImportFormat.Csv);

        var csv = Encoding.UTF8.GetString(output.ToArray());
        Assert.Equal(1, count);
        Assert.Contains("客户甲", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("客户乙", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("li.lei", csv, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ExportAsync_Marketing_WritesNoPhoneEmailOrStreet()
    {
        await SeedTwoAsync();
        using var output = new MemoryStream();

        var count = await _kit.Get<ICustomerExporter>().ExportAsync(AccessKit.Marketing, output, ImportFormat.JsonLines);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Equal(2, count);
        Assert.DoesNotContain("00138000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("zhang.wei", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("建国路", text, StringComparison.Ordinal);
        Assert.Contains("138****8000", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SegmentReport_Rep_CoversOnlyOwnCustomers()
    {
        var (mine, theirs) = await SeedTwoAsync();
        var at = _kit.Time.GetUtcNow().AddDays(-3);
        await _kit.Customers.RecordTransactionsAsync(CallerContext.System, [Some.Transaction(mine.Id, at, 100m), Some.Transaction(theirs.Id, at, 5000m), Some.Transaction(theirs.Id, at.AddDays(1), 7000m)]);
        var source = _kit.Get<ICustomerReportSource>();

        var rfm = await RfmAnalyzer.AnalyzeAsync(source.StreamTransactionsAsync(AccessKit.Rep1), DateOnly.FromDateTime(_kit.Time.GetUtcNow().UtcDateTime));
        var all = await RfmAnalyzer.AnalyzeAsync(source.StreamTransactionsAsync(AccessKit.Admin), DateOnly.FromDateTime(_kit.Time.GetUtcNow().UtcDateTime));

        Assert.Equal([mine.Id.ToString()], rfm.Customers.Select(c => c.CustomerId));
        Assert.Equal(100m, rfm.Customers[0].Monetary);
        Assert.Equal(2, all.Customers.Count);
    }

    [Fact]
    public async Task SegmentReport_Auditor_ThrowsAccessDenied()
    {
        await SeedTwoAsync();
        var source = _kit.Get<ICustomerReportSource>();

        var act = async () =>
        {
            await foreach (var _ in source.StreamTransactionsAsync(AccessKit.Auditor))
            {
            }
        };

        await Assert.ThrowsAsync<AccessDeniedException>(act);
    }

    [Fact]
    public async Task MapNearby_Rep_ReturnsOnlyOwnCustomers()
    {
        var (mine, _) = await SeedTwoAsync();
        var map = _kit.Get<ICustomerMap>();

        var near = await map.NearbyAsync(AccessKit.Rep1, new GeoPoint(39.9087, 116.4605), 2_000);

        Assert.Equal([mine.Id], near.Select(n => n.Customer.Id));
    }

    [Fact]
    public async Task MapTerritory_Rep_ReturnsOnlyOwnCustomers()
    {
        var (mine, _) = await SeedTwoAsync();
        var map = _kit.Get<ICustomerMap>();
        var square = new Territory("cbd", [new GeoPoint(39.90, 116.45), new GeoPoint(39.90, 116.47), new GeoPoint(39.92, 116.47), new GeoPoint(39.92, 116.45)]);

        var inside = await map.WithinTerritoryAsync(AccessKit.Rep1, square);

        Assert.Equal([mine.Id], inside.Select(c => c.Id));
    }

    [Fact]
    public async Task Manager_SeesTeamAndSubTeamButNotOtherTeam()
    {
        var (mine, theirs) = await SeedTwoAsync();
        var subTeam = await _kit.SeedAsync("rep-5", "东北客户");
        var south = await _kit.SeedAsync("rep-3", "南方客户");

        var page = await _kit.Customers.SearchAsync(AccessKit.Manager, new CustomerQuery());
        var southById = await _kit.Customers.GetAsync(AccessKit.Manager, south.Id);

        Assert.Equal(new[] { mine.Id.Value, theirs.Id.Value, subTeam.Id.Value }.Order(), page.Items.Select(c => c.Id.Value).Order());
        Assert.Null(southById);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("update")]
    [InlineData("delete")]
    [InlineData("interaction")]
    [InlineData("reminder")]
    [InlineData("transactions")]
    public async Task Marketing_AnyWrite_ThrowsAccessDenied(string write)
    {
        var (mine, _) = await SeedTwoAsync();
        var s = _kit.Customers;
        var now = _kit.Time.GetUtcNow();
        var m = AccessKit.Marketing;

        Func<Task> act = write switch
        {
            "create" => () => s.CreateAsync(m, Some.Customer("新客户", null)),
            "update" => () => s.UpdateAsync(m, mine with { DisplayName = "改名" }),
            "delete" => () => s.DeleteAsync(m, mine.Id, mine.Version),
            "interaction" => () => s.RecordInteractionAsync(m, Some.Interaction(mine.Id, now)),
            "reminder" => () => s.ScheduleReminderAsync(m, Some.Reminder(mine.Id, now)),
            _ => () => s.RecordTransactionsAsync(m, [Some.Transaction(mine.Id, now, 1m)]),
        };

        await Assert.ThrowsAsync<AccessDeniedException>(act);
        Assert.Equal(mine.DisplayName, (await s.GetAsync(CallerContext.System, mine.Id))!.DisplayName);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("search")]
    [InlineData("stream")]
    [InlineData("timeline")]
    [InlineData("reminders")]
    public async Task Auditor_ReadingCustomers_ThrowsAccessDenied(string read)
    {
        var (mine, _) = await SeedTwoAsync();
        var s = _kit.Customers;
        var a = AccessKit.Auditor;

        Func<Task> act = read switch
        {
            "get" => () => s.GetAsync(a, mine.Id),
            "search" => () => s.SearchAsync(a, new CustomerQuery()),
            "stream" => async () =>
            {
                await foreach (var _ in s.StreamAsync(a))
                {
                }
            },
            "timeline" => () => s.GetTimelineAsync(a, mine.Id, new PageRequest()),
            _ => () => s.GetDueRemindersAsync(a, null, _kit.Time.GetUtcNow(), new PageRequest()),
        };

        await Assert.ThrowsAsync<AccessDeniedException>(act);
    }

    [Theory]
    [InlineData("intern")]
    [InlineData("ADMIN ")]
    [InlineData("")]
    public async Task UnknownRole_Read_ThrowsAccessDenied(string role)
    {
        var (mine, _) = await SeedTwoAsync();
        var caller = new CallerContext("someone", role.Length == 0 ? [] : [role]);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Customers.GetAsync(caller, mine.Id));
    }

    [Fact]
    public async Task AccessDeniedException_Message_ContainsNoUserOrCustomerData()
    {
        var (mine, _) = await SeedTwoAsync();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Customers.UpdateAsync(AccessKit.Marketing, mine with { DisplayName = "x" }));

        Assert.DoesNotContain("mkt-1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(mine.Id.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(mine.DisplayName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoolCustomer_RepWithoutClaim_SeesItMaskedAndCannotWriteIt()
    {
        await SeedTwoAsync();
        var pooled = await _kit.SeedAsync(null, "公海客户");

        var seen = await _kit.Customers.GetAsync(AccessKit.Rep1, pooled.Id);
        var update = await _kit.Customers.UpdateAsync(AccessKit.Rep1, pooled with { DisplayName = "抢先改" });
        var timeline = await _kit.Customers.GetTimelineAsync(AccessKit.Rep1, pooled.Id, new PageRequest());

        Assert.NotNull(seen);
        Assert.Equal("138****8000", Assert.Single(seen.Phones).Raw);
        Assert.Null(seen.Phones[0].E164);
        Assert.Equal(SaveStatus.NotFound, update.Status);
        Assert.Empty(timeline.Items);
    }

    [Fact]
    public async Task WithFieldEncryption_RepPhoneSearch_FindsOwnButNotOthers()
    {
        using var kit = new AccessKit(more: b => b.AddFieldEncryption(o => o.KeyProvider = Privacy.PrivacyKit.Keys()));
        var mine = await kit.SeedAsync("rep-1", "客户甲");
        await kit.SeedAsync("rep-2", "客户乙", OtherPhone, OtherEmail);

        var own = await kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery { Phone = "13800138000" });
        var others = await kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery { Phone = OtherPhone });
        var raw = await kit.Get<ICustomerStore>().GetAsync(mine.Id);

        Assert.Equal([mine.Id], own.Items.Select(c => c.Id));
        Assert.Equal("+8613800138000", own.Items[0].Phones[0].E164);
        Assert.Empty(others.Items);
        Assert.DoesNotContain("13800138000", raw!.Phones[0].Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataSubjectExport_OtherRepsCustomerOrMaskedRole_WritesNothing()
    {
        var (mine, theirs) = await SeedTwoAsync();
        var subjects = _kit.Get<CustomerCore.Privacy.IDataSubjectService>();
        using var foreign = new MemoryStream();
        using var masked = new MemoryStream();
        using var own = new MemoryStream();

        var foreignOk = await subjects.ExportAsync(AccessKit.Rep1, theirs.Id, foreign);
        var maskedOk = await subjects.ExportAsync(AccessKit.Marketing, mine.Id, masked);
        var ownOk = await subjects.ExportAsync(AccessKit.Rep1, mine.Id, own);

        Assert.False(foreignOk);
        Assert.Equal(0, foreign.Length);
        Assert.False(maskedOk);
        Assert.Equal(0, masked.Length);
        Assert.True(ownOk);
        Assert.True(own.Length > 0);
    }

    [Fact]
    public async Task DataSubjectErase_OtherRepOtherTeamOrMarketing_DeletesNothing()
    {
        var (_, theirs) = await SeedTwoAsync();
        var south = await _kit.SeedAsync("rep-3", "南方客户");
        var subjects = _kit.Get<CustomerCore.Privacy.IDataSubjectService>();

        var byRep = await subjects.EraseAsync(AccessKit.Rep1, theirs.Id);
        var byMarketing = () => subjects.EraseAsync(AccessKit.Marketing, theirs.Id);
        var byManager = await subjects.EraseAsync(AccessKit.Manager, south.Id);
        var unknownByManager = await subjects.EraseAsync(AccessKit.Manager, CustomerId.New());

        Assert.Equal(CustomerCore.Privacy.ErasureStatus.NotFound, byRep.Status);
        await Assert.ThrowsAsync<AccessDeniedException>(byMarketing);
        Assert.Equal(CustomerCore.Privacy.ErasureStatus.NotFound, byManager.Status);
        Assert.Equal(CustomerCore.Privacy.ErasureStatus.NotFound, unknownByManager.Status);
        Assert.NotNull(await _kit.Customers.GetAsync(CallerContext.System, south.Id));
        Assert.NotNull(await _kit.Customers.GetAsync(CallerContext.System, theirs.Id));
    }

    private async Task<(Customer Mine, Customer Theirs)> SeedTwoAsync()
    {
        var mine = await _kit.SeedAsync("rep-1", "客户甲");
        var theirs = await _kit.SeedAsync("rep-2", "客户乙", OtherPhone, OtherEmail);
        return (mine, theirs);
    }
}
