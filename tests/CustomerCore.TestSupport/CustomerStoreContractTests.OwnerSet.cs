using CustomerCore.Storage;

namespace CustomerCore.TestSupport;

/// <summary>The owner-set filter access control pushes down (<see cref="CustomerQuery.OwnerIds"/>).</summary>
public abstract partial class CustomerStoreContractTests
{
    [Fact]
    public async Task Query_OwnerSet_ReturnsOnlyThoseOwnersAndAnEmptySetNothing()
    {
        var store = await CreateStoreAsync();
        foreach (var owner in (string?[])["rep-a", "rep-b", "rep-c", null])
        {
            await store.AddAsync(Some.Customer("Owned by " + (owner ?? "nobody"), owner: owner));
        }

        var team = await store.QueryAsync(new CustomerQuery { OwnerIds = ["rep-a", "rep-b"] });
        var none = await store.QueryAsync(new CustomerQuery { OwnerIds = [] });

        Assert.Equal(["rep-a", "rep-b"], team.Items.Select(c => c.OwnerId).Order(StringComparer.Ordinal));
        Assert.Empty(none.Items);
    }
}
