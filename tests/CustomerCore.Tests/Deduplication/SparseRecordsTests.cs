using CustomerCore.Customers;
using CustomerCore.Deduplication;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Tests.Deduplication;

/// <summary>CRM records are often only a name and a phone: the same name and mobile number twice must be found, in a tiny
/// store (the first two customers) as in a larger one with no other duplicates to learn from.</summary>
public sealed class SparseRecordsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(120)]
    [InlineData(2_000)]
    public async Task SameNameAndPhone_AmongDistinctCustomers_IsFoundByTheCheckAndTheScan(int others)
    {
        var services = new ServiceCollection();
        services.AddCustomerCore(o => o.DefaultRegion = "CN").AddInMemoryStorage();
        await using var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<ICustomerService>();
        var random = new Random(1);
        string[] family = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"];
        string[] given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"];
        for (var i = 0; i < others; i++)
        {
            var name = family[random.Next(family.Length)] + given[random.Next(given.Length)] + given[random.Next(given.Length)];
            await customers.CreateAsync(CallerContext.System, Person(name, $"139{random.Next(10_000_000, 99_999_999)}"));
        }

        var first = (await customers.CreateAsync(CallerContext.System, Person("欧阳娜娜", "13700001111"))).Customer!;
        var second = (await customers.CreateAsync(CallerContext.System, Person("欧阳娜娜", "137 0000 1111"))).Customer!;
        var finder = provider.GetRequiredService<ICustomerDuplicateFinder>();

        var found = await finder.FindDuplicatesAsync(first);
        var scan = await finder.ScanAsync();

        Assert.Equal(second.Id.ToString(), Assert.Single(found).Pair.RightId);
        var pair = Assert.Single(scan.Pairs);
        Assert.Equal(new[] { first.Id.ToString(), second.Id.ToString() }.Order(StringComparer.Ordinal), new[] { pair.LeftId, pair.RightId }.Order(StringComparer.Ordinal));
    }

    private static Customer Person(string name, string phone) =>
        new() { Id = CustomerId.New(), DisplayName = name, Phones = [new PhoneNumber { Raw = phone }], OwnerId = "rep-1" };
}
