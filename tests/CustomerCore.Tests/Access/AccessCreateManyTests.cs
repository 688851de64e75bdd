using CustomerCore.Access;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Access;

/// <summary>The batch create path (imports) under access rules: the same rights as one-by-one creation.</summary>
public sealed class AccessCreateManyTests : IDisposable
{
    private readonly AccessKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task CreateManyAsync_RepSlipsInACustomerForAnotherRep_DeniesTheBatchAndStoresNothing()
    {
        var before = await _kit.AllAuditAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Customers.CreateManyAsync(AccessKit.Rep1, [Some.Customer("自己的", "rep-1"), Some.Customer("别人的", "rep-2")]));

        Assert.Empty((await _kit.Customers.SearchAsync(AccessKit.Admin, new())).Items);
        Assert.Contains(await _kit.AllAuditAsync(), e => e.Action == AuditAction.Denied && !before.Contains(e));
    }

    [Fact]
    public async Task CreateManyAsync_MarketingRole_IsDenied()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _kit.Customers.CreateManyAsync(AccessKit.Marketing, [Some.Customer("市场部", null)]));
    }

    [Fact]
    public async Task CreateManyAsync_OwnCustomers_AreCreatedAndAuditedInOneEntry()
    {
        var results = await _kit.Customers.CreateManyAsync(AccessKit.Rep1, [Some.Customer("甲", "rep-1"), Some.Customer("乙", "rep-1")]);

        Assert.All(results, r => Assert.True(r.IsSuccess));
        var created = Assert.Single(await _kit.AllAuditAsync(), e => e.Action == AuditAction.Create);
        Assert.Equal(2, created.CustomerIds.Count);
    }
}
