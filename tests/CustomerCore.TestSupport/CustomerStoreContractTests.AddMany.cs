using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.TestSupport;

/// <summary>The batch-create contract (<see cref="ICustomerStore.AddManyAsync"/>): added in the storage-throughput work.</summary>
public abstract partial class CustomerStoreContractTests
{
    [Fact]
    public async Task AddMany_NewAndTakenIds_AddsNewOnesAndFlagsTakenInInputOrder()
    {
        var store = await CreateStoreAsync();
        var taken = await store.AddAsync(Some.Customer("Old"));
        var first = Some.FullCustomer();
        var second = Some.Customer("New", owner: null);

        var added = await store.AddManyAsync([first, taken with { DisplayName = "Must not replace" }, second]);

        Assert.Equal([true, false, true], added);
        Assert.Equal(3, await store.CountAsync());
        CustomerAssert.Equal(first, (await store.GetAsync(first.Id))!);
        Assert.Equal(1, (await store.GetAsync(second.Id))?.Version);
        Assert.Equal("Old", (await store.GetAsync(taken.Id))?.DisplayName);
        Assert.Equal(1, (await store.GetAsync(taken.Id))?.Version);
    }

    [Fact]
    public async Task AddMany_Added_AreFoundByPhoneEmailAndTag()
    {
        var store = await CreateStoreAsync();
        var customer = Some.Customer("Findable");

        await store.AddManyAsync([customer]);

        Assert.Equal(customer.Id, Assert.Single((await store.QueryAsync(new CustomerQuery { Phone = customer.Phones[0].E164 })).Items).Id);
        Assert.Equal(customer.Id, Assert.Single((await store.QueryAsync(new CustomerQuery { Email = customer.Emails[0].Normalized })).Items).Id);
        Assert.Equal(customer.Id, Assert.Single((await store.QueryAsync(new CustomerQuery { Tag = customer.Tags[0] })).Items).Id);
    }

    [Fact]
    public async Task AddMany_Empty_ReturnsEmpty()
    {
        var store = await CreateStoreAsync();

        var added = await store.AddManyAsync([]);

        Assert.Empty(added);
        Assert.Equal(0, await store.CountAsync());
    }

    [Fact]
    public async Task AddMany_SameIdTwiceOrNull_ThrowsAndStoresNothing()
    {
        var store = await CreateStoreAsync();
        var a = Some.Customer("A");

        await Assert.ThrowsAsync<ArgumentException>(() => store.AddManyAsync([a, Some.Customer("B"), a]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddManyAsync([Some.Customer("C"), null!]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.AddManyAsync(null!));

        Assert.Equal(0, await store.CountAsync());
    }

    [Fact]
    public async Task Delete_AfterUpsertReplacedContacts_LeavesNoStaleLookupKeys()
    {
        var store = await CreateStoreAsync();
        var original = Some.Customer("Keys");
        var stored = await store.AddAsync(original);
        await store.UpsertBatchAsync([stored with { Phones = [new PhoneNumber { Raw = "13900000001", E164 = "+8613900000001" }], Tags = ["other"] }]);

        var byOldPhone = await store.QueryAsync(new CustomerQuery { Phone = original.Phones[0].E164 });
        var byOldTag = await store.QueryAsync(new CustomerQuery { Tag = original.Tags[0] });
        var deleted = await store.DeleteAsync(original.Id, 2);
        var byNewPhone = await store.QueryAsync(new CustomerQuery { Phone = "+8613900000001" });

        Assert.Empty(byOldPhone.Items);
        Assert.Empty(byOldTag.Items);
        Assert.True(deleted);
        Assert.Empty(byNewPhone.Items);
    }
}
