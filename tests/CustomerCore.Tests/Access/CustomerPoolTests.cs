using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.Storage;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Access;

public sealed class CustomerPoolTests : IDisposable
{
    private readonly AccessKit _kit = new(p =>
    {
        p.DailyClaimCap = 2;
        p.StaleAfterDays = 30;
    });

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task ClaimAsync_UnownedCustomer_MakesCallerOwnerWithFullFields()
    {
        var pooled = await _kit.SeedAsync(null, "公海一");

        var result = await _kit.Pool.ClaimAsync(AccessKit.Rep1, pooled.Id);

        Assert.Equal(ClaimStatus.Claimed, result.Status);
        Assert.Equal("rep-1", result.Customer!.OwnerId);
        Assert.Equal("+8613800138000", result.Customer.Phones[0].E164);
        var seen = await _kit.Customers.GetAsync(AccessKit.Rep1, pooled.Id);
        Assert.Equal("secret note", seen!.Notes);
        Assert.Contains(await _kit.AllAuditAsync(), e => e.Action == AuditAction.Claim && e.ActorId == "rep-1" && e.CustomerIds.Contains(pooled.Id));
    }

    [Fact]
    public async Task ClaimAsync_OwnedOrMissingCustomer_ChangesNothing()
    {
        var owned = await _kit.SeedAsync("rep-2", "有主");

        var taken = await _kit.Pool.ClaimAsync(AccessKit.Rep1, owned.Id);
        var missing = await _kit.Pool.ClaimAsync(AccessKit.Rep1, CustomerId.New());

        Assert.Equal(ClaimStatus.AlreadyOwned, taken.Status);
        Assert.Null(taken.Customer);
        Assert.Equal(ClaimStatus.NotFound, missing.Status);
        Assert.Equal("rep-2", (await _kit.Customers.GetAsync(CallerContext.System, owned.Id))!.OwnerId);
    }

    [Fact]
    public async Task ClaimAsync_BeyondDailyCap_RefusesUntilNextUtcDay()
    {
        var ids = new List<CustomerId>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await _kit.SeedAsync(null, "公海" + i)).Id);
        }

        var first = await _kit.Pool.ClaimAsync(AccessKit.Rep1, ids[0]);
        var second = await _kit.Pool.ClaimAsync(AccessKit.Rep1, ids[1]);
        var third = await _kit.Pool.ClaimAsync(AccessKit.Rep1, ids[2]);
        var left = await _kit.Pool.ClaimsLeftTodayAsync(AccessKit.Rep1);
        var otherRep = await _kit.Pool.ClaimAsync(AccessKit.Rep2, ids[2]);
        _kit.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await _kit.Pool.ClaimAsync(AccessKit.Rep1, ids[3]);

        Assert.Equal([ClaimStatus.Claimed, ClaimStatus.Claimed, ClaimStatus.DailyCapReached], new[] { first.Status, second.Status, third.Status });
        Assert.Equal(0, left);
        Assert.Equal(ClaimStatus.Claimed, otherRep.Status);
        Assert.Equal(ClaimStatus.Claimed, nextDay.Status);
    }

    [Fact]
    public async Task ClaimAsync_TwoRepsRaceForOneCustomer_ExactlyOneWins()
    {
        using var kit = new AccessKit(p => p.DailyClaimCap = 1000);
        for (var round = 0; round < 20; round++)
        {
            var pooled = await kit.SeedAsync(null, "抢" + round);

            var results = await Task.WhenAll(
                Task.Run(() => kit.Pool.ClaimAsync(AccessKit.Rep1, pooled.Id)),
                Task.Run(() => kit.Pool.ClaimAsync(AccessKit.Rep2, pooled.Id)),
                Task.Run(() => kit.Pool.ClaimAsync(AccessKit.Rep3, pooled.Id)));

            var winners = results.Where(r => r.Status == ClaimStatus.Claimed).ToList();
            Assert.Single(winners);
            Assert.All(results.Where(r => r.Status != ClaimStatus.Claimed), r => Assert.Contains(r.Status, new[] { ClaimStatus.AlreadyOwned, ClaimStatus.LostRace }));
            var stored = await kit.Customers.GetAsync(CallerContext.System, pooled.Id);
            Assert.Equal(winners[0].Customer!.OwnerId, stored!.OwnerId);
        }
    }

    [Fact]
    public async Task ClaimAsync_MarketingOrAuditor_ThrowsAccessDenied()
    {
        var pooled = await _kit.SeedAsync(null, "公海");

        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Pool.ClaimAsync(AccessKit.Marketing, pooled.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Pool.ClaimAsync(AccessKit.Auditor, pooled.Id));

        Assert.Null((await _kit.Customers.GetAsync(CallerContext.System, pooled.Id))!.OwnerId);
    }

    [Fact]
    public async Task SearchAsync_UnownedOnly_RepSeesPoolMaskedAndAuditorIsDenied()
    {
        await _kit.SeedAsync("rep-2", "有主");
        var pooled = await _kit.SeedAsync(null, "公海");

        var repView = await _kit.Customers.SearchAsync(AccessKit.Rep1, new CustomerQuery { UnownedOnly = true });
        var auditorView = () => _kit.Customers.SearchAsync(AccessKit.Auditor, new CustomerQuery { UnownedOnly = true });

        var only = Assert.Single(repView.Items);
        Assert.Equal(pooled.Id, only.Id);
        Assert.Equal("z***@example.com", only.Emails[0].Raw);
        Assert.Null(only.Notes);
        await Assert.ThrowsAsync<AccessDeniedException>(auditorView);
    }

    [Fact]
    public async Task ReleaseAsync_OwnerReleasesOwn_OtherRepCannot_ManagerCanForTeam()
    {
        var a = await _kit.SeedAsync("rep-1", "甲");
        var b = await _kit.SeedAsync("rep-2", "乙");

        var own = await _kit.Pool.ReleaseAsync(AccessKit.Rep1, a.Id);
        var foreign = await _kit.Pool.ReleaseAsync(AccessKit.Rep1, b.Id);
        var byManager = await _kit.Pool.ReleaseAsync(AccessKit.Manager, b.Id);

        Assert.True(own);
        Assert.False(foreign);
        Assert.True(byManager);
        Assert.Null((await _kit.Customers.GetAsync(CallerContext.System, a.Id))!.OwnerId);
        Assert.Null((await _kit.Customers.GetAsync(CallerContext.System, b.Id))!.OwnerId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Pool.ReleaseAsync(AccessKit.Auditor, a.Id));
    }

    [Fact]
    public async Task ReturnStaleToPoolAsync_NoFollowUpForNDays_ReturnsOnlyStaleOnes()
    {
        var stale = await _kit.SeedAsync("rep-1", "久未跟进");
        var followed = await _kit.SeedAsync("rep-2", "有跟进");
        var south = await _kit.SeedAsync("rep-3", "南方久未跟进");
        _kit.Time.Advance(TimeSpan.FromDays(40));
        await _kit.Customers.RecordInteractionAsync(CallerContext.System, Some.Interaction(followed.Id, _kit.Time.GetUtcNow().AddDays(-5)));
        var asOf = _kit.Time.GetUtcNow();

        var byManager = await _kit.Pool.ReturnStaleToPoolAsync(AccessKit.Manager, asOf);
        var bySystem = await _kit.Pool.ReturnStaleToPoolAsync(CallerContext.System, asOf);

        Assert.Equal(1, byManager);
        Assert.Equal(1, bySystem);
        Assert.Null((await _kit.Customers.GetAsync(CallerContext.System, stale.Id))!.OwnerId);
        Assert.Equal("rep-2", (await _kit.Customers.GetAsync(CallerContext.System, followed.Id))!.OwnerId);
        Assert.Null((await _kit.Customers.GetAsync(CallerContext.System, south.Id))!.OwnerId);
        Assert.Contains(await _kit.AllAuditAsync(), e => e.Action == AuditAction.Release && e.CustomerIds.Contains(stale.Id));
    }

    [Fact]
    public async Task ReturnStaleToPoolAsync_RecentlyClaimed_IsNotReturned()
    {
        var pooled = await _kit.SeedAsync(null, "新领");
        _kit.Time.Advance(TimeSpan.FromDays(100));
        await _kit.Pool.ClaimAsync(AccessKit.Rep1, pooled.Id);

        var returned = await _kit.Pool.ReturnStaleToPoolAsync(CallerContext.System, _kit.Time.GetUtcNow().AddDays(10));

        Assert.Equal(0, returned);
        Assert.Equal("rep-1", (await _kit.Customers.GetAsync(CallerContext.System, pooled.Id))!.OwnerId);
    }

    [Fact]
    public async Task ReturnStaleToPoolAsync_Rep_ThrowsAccessDenied()
    {
        await _kit.SeedAsync("rep-1", "甲");

        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Pool.ReturnStaleToPoolAsync(AccessKit.Rep1, _kit.Time.GetUtcNow()));
    }
}
