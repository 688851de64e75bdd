using System.Security.Cryptography;
using CustomerCore.Customers;
using CustomerCore.Deduplication;
using CustomerCore.Privacy;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Tests.Privacy;

/// <summary>Merges on an encrypted store: survivorship sees plaintext, the journal keeps only ciphertext, undo restores.</summary>
public sealed class EncryptedMergeTests : IDisposable
{
    private readonly ServiceProvider _provider;

    public EncryptedMergeTests()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore(o => o.DefaultRegion = "CN").AddInMemoryStorage()
            .AddFieldEncryption(o => o.KeyProvider = new InMemoryKeyProvider("k1", RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32)));
        _provider = services.BuildServiceProvider();
    }

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task MergeAndUndo_EncryptedStore_SameValuesMergeOnceAndTheJournalHoldsNoPlaintext()
    {
        var customers = _provider.GetRequiredService<ICustomerService>();
        var a = (await customers.CreateAsync(CallerContext.System, new Customer { Id = CustomerId.New(), DisplayName = "张伟", Phones = [new PhoneNumber { Raw = "13800138000" }], OwnerId = "rep-1" })).Customer!;
        var b = (await customers.CreateAsync(CallerContext.System, new Customer { Id = CustomerId.New(), DisplayName = "张伟", Phones = [new PhoneNumber { Raw = "138 0013 8000" }], Emails = [new EmailAddress { Raw = "zw@example.cn" }], OwnerId = "rep-1" })).Customer!;
        var merges = _provider.GetRequiredService<IMergeService>();

        var plan = await merges.PlanAsync([a.Id, b.Id]);
        var merged = await merges.MergeAsync(plan.Plan!, "admin");

        Assert.True(merged.IsSuccess, merged.Error?.ToString());
        Assert.Single(merged.Survivor.Phones); // the same number twice (two ciphertexts at rest) is one phone after decryption
        Assert.Single(merged.Survivor.Emails);
        var raw = await _provider.GetRequiredService<IMergeJournalStore>().GetAsync(merged.Journal.Id);
        Assert.NotNull(raw);
        Assert.All(raw.OriginalsJson, json => Assert.StartsWith("enc:v1:", json, StringComparison.Ordinal));
        Assert.DoesNotContain("13800138000", raw.SurvivorJson, StringComparison.Ordinal);

        var undone = await merges.UnmergeAsync(merged.Journal.Id);

        Assert.True(undone.IsSuccess, undone.Error?.ToString());
        Assert.Equal("zw@example.cn", (await customers.GetAsync(CallerContext.System, b.Id))!.Emails[0].Normalized);
        Assert.Empty((await customers.GetAsync(CallerContext.System, a.Id))!.Emails);
    }
}
