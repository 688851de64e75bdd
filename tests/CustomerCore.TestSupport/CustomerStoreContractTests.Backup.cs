using CustomerCore.Customers;
using CustomerCore.Storage;
using CustomerCore.Storage.Backup;

namespace CustomerCore.TestSupport;

public abstract partial class CustomerStoreContractTests
{
    [Fact]
    public async Task Backup_ExportThenImportIntoInMemory_RoundTripsEveryRecordAndField()
    {
        var store = await CreateStoreAsync();
        var full = Some.FullCustomer();
        await store.AddAsync(full);
        await store.AddAsync(Some.Customer("nul\0 and 😊"));
        if (store is IInteractionStore interactions)
        {
            await interactions.AddAsync(Some.Interaction(full.Id, s_t0));
        }

        if (store is ITransactionStore transactions)
        {
            await transactions.UpsertBatchAsync([Some.Transaction(full.Id, s_t0, 12.30m)]);
        }

        var source = new JsonLinesBackup(store, store as IInteractionStore, store as IReminderStore, store as ITransactionStore);
        var target = new InMemoryCustomerStore();
        using var buffer = new MemoryStream();

        var written = await source.ExportAsync(buffer);
        buffer.Position = 0;
        var read = await new JsonLinesBackup(target, target, target, target).ImportAsync(buffer);

        Assert.Equal(written, read);
        Assert.Equal(2, written.Customers);
        CustomerAssert.Equal(full, (await target.GetAsync(full.Id))!);
        var again = new MemoryStream();
        await new JsonLinesBackup(target, target, target, target).ExportAsync(again);
        Assert.Equal(buffer.ToArray().Length, again.ToArray().Length);
    }
}
