using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.Deduplication;
using CustomerCore.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Tests.Access;

/// <summary>Merges and undos reach the audit log whoever calls <see cref="IMergeService"/>.</summary>
public sealed class AuditedMergeTests
{
    [Fact]
    public async Task MergeAndUndo_DirectlyThroughTheMergeService_AreAudited()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddInMemoryStorage();
        await using var provider = services.BuildServiceProvider();
        var admin = new CallerContext("admin-1", [AccessRoles.Admin]);
        var customers = provider.GetRequiredService<ICustomerService>();
        var a = (await customers.CreateAsync(admin, Some.Customer("合并甲"))).Customer!;
        var b = (await customers.CreateAsync(admin, Some.Customer("合并乙"))).Customer!;
        var merges = provider.GetRequiredService<IMergeService>();

        var merged = await merges.MergeAsync((await merges.PlanAsync([a.Id, b.Id])).Plan!, "manager-7");
        await merges.UnmergeAsync(merged.Journal!.Id);

        var log = provider.GetRequiredService<IAuditLog>();
        var entries = (await log.QueryAsync(admin, new AuditQuery { Action = AuditAction.Merge, CustomerId = b.Id })).Items;
        Assert.Contains(entries, e => e.ActorId == "manager-7" && e.CustomerIds.Contains(a.Id) && e.Operation == "merge");
        Assert.Contains(entries, e => e.Operation == "merge.undo");
        Assert.True((await log.VerifyAsync(admin)).IsIntact);
    }
}
