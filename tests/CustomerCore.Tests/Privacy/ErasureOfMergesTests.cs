using System.Security.Cryptography;
using CustomerCore.Customers;
using CustomerCore.Deduplication;
using CustomerCore.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Tests.Privacy;

/// <summary>Erasure reaches merge journals, which hold whole copies of merged customers.</summary>
public sealed class ErasureOfMergesTests
{
    [Fact]
    public async Task EraseAsync_CustomerThatWasMerged_DeletesTheJournalEntriesHoldingIt()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore(o => o.DefaultRegion = "CN").AddInMemoryStorage()
            .AddFieldEncryption(o => o.KeyProvider = new InMemoryKeyProvider("k1", RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32)));
        await using var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<ICustomerService>();
        var a = (await customers.CreateAsync(CallerContext.System, new Customer { Id = CustomerId.New(), DisplayName = "赵敏", Phones = [new PhoneNumber { Raw = "13800138000" }] })).Customer!;
        var b = (await customers.CreateAsync(CallerContext.System, new Customer { Id = CustomerId.New(), DisplayName = "赵敏", Phones = [new PhoneNumber { Raw = "13800138000" }] })).Customer!;
        var merges = provider.GetRequiredService<IMergeService>();
        var merged = await merges.MergeAsync((await merges.PlanAsync([a.Id, b.Id])).Plan!, "admin");
        Assert.True(merged.IsSuccess);

        var result = await provider.GetRequiredService<IDataSubjectService>().EraseAsync(CallerContext.System, a.Id);

        Assert.Equal(ErasureStatus.Erased, result.Status);
        Assert.Equal(1, result.MergeJournalEntries);
        Assert.Empty(await provider.GetRequiredService<IMergeJournalStore>().ListByCustomerAsync(b.Id));
        Assert.False((await merges.UnmergeAsync(merged.Journal.Id)).IsSuccess); // nothing left to restore the erased customer from
    }
}
