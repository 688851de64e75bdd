using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.Storage;
using CustomerCore.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerCore.Tests.Access;

public sealed class AccessPolicyTests : IDisposable
{
    private readonly AccessKit _kit = new(p => p.Roles["analyst"] = new RolePolicy
    {
        Permissions = AccessRights.Read | AccessRights.Update,
        Scope = AccessScope.All,
        VisibleFields = CustomerField.Names,
    });

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Marketing_Get_MasksContactDataAndRemovesNotesAndBirthDate()
    {
        var c = await _kit.SeedAsync("rep-1");

        var seen = await _kit.Customers.GetAsync(AccessKit.Marketing, c.Id);

        Assert.NotNull(seen);
        Assert.Equal("138****8000", seen.Phones[0].Raw);
        Assert.Equal("z***@example.com", seen.Emails[0].Raw);
        Assert.Equal(FieldMasker.MaskedStreet, seen.Addresses[0].Street);
        Assert.Null(seen.Addresses[0].HouseNumber);
        Assert.Null(seen.Notes);
        Assert.Null(seen.DateOfBirth);
        Assert.Equal(c.Tags, seen.Tags);
    }

    [Fact]
    public async Task Service_SeesContactDataButNoNotesInCustomerOrTimeline()
    {
        var c = await _kit.SeedAsync("rep-1");
        await _kit.Customers.RecordInteractionAsync(CallerContext.System, Some.Interaction(c.Id, _kit.Time.GetUtcNow()));

        var seen = await _kit.Customers.GetAsync(AccessKit.Service, c.Id);
        var timeline = await _kit.Customers.GetTimelineAsync(AccessKit.Service, c.Id, new PageRequest());
        var update = () => _kit.Customers.UpdateAsync(AccessKit.Service, c with { DisplayName = "x" });

        Assert.Equal("+8613800138000", seen!.Phones[0].E164);
        Assert.Null(seen.Notes);
        Assert.Null(Assert.Single(timeline.Items).Notes);
        await Assert.ThrowsAsync<AccessDeniedException>(update);
    }

    [Fact]
    public async Task CustomRole_WritesBackMaskedRead_KeepsHiddenValues()
    {
        var c = await _kit.SeedAsync("rep-2");
        var analyst = new CallerContext("ana-1", ["Analyst"]);
        var masked = await _kit.Customers.GetAsync(analyst, c.Id);

        var result = await _kit.Customers.UpdateAsync(analyst, masked! with { Tags = ["analysed"] });

        Assert.True(result.IsSuccess);
        Assert.Equal("138****8000", result.Customer.Phones[0].Raw);
        var stored = await _kit.Customers.GetAsync(CallerContext.System, c.Id);
        Assert.Equal("+8613800138000", stored!.Phones[0].E164);
        Assert.Equal("secret note", stored.Notes);
        Assert.Equal(["analysed"], stored.Tags);
        var update = (await _kit.AllAuditAsync()).Last(e => e.Action == AuditAction.Update);
        Assert.Equal(["Tags"], update.Fields);
    }

    [Fact]
    public async Task TwoRoles_RepAndMarketing_FullFieldsOnOwnAndMaskedOnOthersAndNoForeignWrites()
    {
        var mine = await _kit.SeedAsync("rep-1", "甲");
        var theirs = await _kit.SeedAsync("rep-2", "乙");
        var both = new CallerContext("rep-1", [AccessRoles.SalesRep, AccessRoles.Marketing]);

        var own = await _kit.Customers.GetAsync(both, mine.Id);
        var other = await _kit.Customers.GetAsync(both, theirs.Id);
        var write = await _kit.Customers.UpdateAsync(both, theirs with { DisplayName = "改" });

        Assert.Equal("secret note", own!.Notes);
        Assert.Null(other!.Notes);
        Assert.Equal("138****8000", other.Phones[0].Raw);
        Assert.Equal(SaveStatus.NotFound, write.Status);
    }

    [Fact]
    public async Task Rep_OwnCustomer_CanUpdateAndDeleteWithAudit()
    {
        var mine = await _kit.SeedAsync("rep-1", "自己的");

        var updated = await _kit.Customers.UpdateAsync(AccessKit.Rep1, mine with { Stage = LifecycleStage.Active });
        var deleted = await _kit.Customers.DeleteAsync(AccessKit.Rep1, mine.Id, updated.Customer!.Version);

        Assert.True(updated.IsSuccess);
        Assert.True(deleted);
        Assert.Null(await _kit.Customers.GetAsync(CallerContext.System, mine.Id));
        Assert.Contains(await _kit.AllAuditAsync(), e => e.Action == AuditAction.Delete && e.ActorId == "rep-1" && e.CustomerIds.Contains(mine.Id));
    }

    [Fact]
    public async Task Calls_NullOrBlankCaller_ThrowArgumentExceptions()
    {
        var c = await _kit.SeedAsync("rep-1");

        await Assert.ThrowsAsync<ArgumentNullException>(() => _kit.Customers.GetAsync(null!, c.Id));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _kit.Customers.GetAsync(new CallerContext(" ", [AccessRoles.Admin]), c.Id));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _kit.Customers.SearchAsync(AccessKit.Rep1, null!));
    }

    [Fact]
    public async Task CreateAsync_TenKilobyteNameByRep_ReturnsInvalidAndAuditsNoValue()
    {
        var huge = new string('名', 10_240);

        var result = await _kit.Customers.CreateAsync(AccessKit.Rep1, Some.Customer(huge, "rep-1"));

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.DoesNotContain(await _kit.AllAuditAsync(), e => e.Fields.Any(f => f.Contains('名', StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Caller_TenKilobyteRoleOrControlCharacters_IsDenied()
    {
        var c = await _kit.SeedAsync("rep-1");

        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Customers.GetAsync(new CallerContext("x", [new string('a', 10_240)]), c.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Customers.GetAsync(new CallerContext("x", ["admin\u0000"]), c.Id));
    }

    [Fact]
    public async Task TeamDirectory_SubTeamsCyclesAndUnknownTeams_AreHandled()
    {
        using var kit = new AccessKit(p =>
        {
            p.Teams["loop-a"] = new TeamDefinition { ParentTeamId = "loop-b" };
            p.Teams["loop-a"].Members.Add("a1");
            p.Teams["loop-b"] = new TeamDefinition { ParentTeamId = "loop-a" };
            p.Teams["loop-b"].Members.Add("b1");
        });
        var directory = kit.Get<ITeamDirectory>();

        var north = await directory.GetMembersAsync("team-north");
        var loop = await directory.GetMembersAsync("loop-a");
        var unknown = await directory.GetMembersAsync("nope");

        Assert.Equal(["manager-north", "rep-1", "rep-2", "rep-5"], north.Order(StringComparer.Ordinal));
        Assert.Equal(["a1", "b1"], loop.Order(StringComparer.Ordinal));
        Assert.Empty(unknown);
    }

    [Fact]
    public void Options_InvalidValues_ReportEveryProblem()
    {
        using var kit = new AccessKit(p =>
        {
            p.DailyClaimCap = -1;
            p.StaleAfterDays = 0;
            p.AuditBatchSize = 0;
            p.Roles["broken"] = new RolePolicy { Scope = (AccessScope)42 };
        });

        var ex = Assert.Throws<OptionsValidationException>(() => kit.Get<IOptions<AccessPolicy>>().Value);

        Assert.Equal(4, ex.Failures.Count());
    }

    [Fact]
    public void Registration_CalledTwiceAndHostService_DecoratesExactlyOnce()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddInMemoryStorage();
        services.AddCustomerCore();
        using var provider = services.BuildServiceProvider();

        var service = provider.GetRequiredService<ICustomerService>();

        var guarded = Assert.IsType<AccessControlledCustomerService>(service);
        Assert.IsType<CustomerService>(guarded.Inner);
        Assert.Single(services, d => d.ServiceType == typeof(ICustomerService));
    }

    [Fact]
    public async Task Registration_FieldEncryptionBeforeStorage_StillEnforcesAccessOverEncryptedStore()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddFieldEncryption(o => o.KeyProvider = Privacy.PrivacyKit.Keys()).AddInMemoryStorage();
        await using var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<ICustomerService>();
        var created = await customers.CreateAsync(CallerContext.System, Some.Customer("加密", "rep-2"));

        var seen = await customers.GetAsync(AccessKit.Rep1, created.Customer!.Id);
        var raw = await provider.GetRequiredService<ICustomerStore>().GetAsync(created.Customer.Id);

        Assert.Null(seen);
        Assert.IsType<AccessControlledCustomerService>(customers);
        Assert.NotEqual("138 0013 8000", raw!.Phones[0].Raw);
    }
}
