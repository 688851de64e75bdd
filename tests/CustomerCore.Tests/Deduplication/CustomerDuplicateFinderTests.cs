using CustomerCore.Customers;
using CustomerCore.Deduplication;
using CustomerCore.Storage;
using CustomerCore.TestSupport;
using Microsoft.Extensions.Options;

namespace CustomerCore.Tests.Deduplication;

public sealed class CustomerDuplicateFinderTests
{
    [Fact]
    public async Task ScanAsync_StoreWithPlantedDuplicates_ClustersThemAndReportsProgress()
    {
        var (store, people, copies) = await StoreWithDuplicatesAsync(400, 40);
        var finder = Create(store);
        var reports = new List<double>();

        var result = await finder.ScanAsync(new SyncProgress(reports.Add));

        Assert.Equal(440, result.Assignments.Count);
        var clusterOf = result.Assignments.ToDictionary(a => a.RecordId, a => a.ClusterId);
        var found = copies.Count(pair => clusterOf[pair.Original.Id.ToString()] == clusterOf[pair.Copy.Id.ToString()]);
        Assert.True(found >= 36, $"only {found} of 40 planted duplicates were clustered");
        Assert.True(result.Assignments.GroupBy(a => a.ClusterId).Count() >= 400);
        Assert.All(result.Pairs, p => Assert.NotEmpty(p.Contributions));
        Assert.Equal(1.0, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public async Task FindDuplicatesAsync_NewCustomerWithStoredPhone_ReturnsThatCustomerWithExplanation()
    {
        var (store, people, _) = await StoreWithDuplicatesAsync(300, 0);
        var finder = Create(store);
        var existing = people[17];
        var probe = existing with { Id = CustomerId.New(), Emails = [], DisplayName = existing.GivenName + " " + existing.FamilyName + "x" };

        var found = await finder.FindDuplicatesAsync(probe);

        var best = Assert.Single(found, c => c.Pair.RightId == existing.Id.ToString());
        Assert.Equal(probe.Id.ToString(), best.Pair.LeftId);
        Assert.Equal(found[0], best);
        Assert.Contains(best.Pair.Contributions, c => c.Field == "phone" && c.Level == ComparisonLevel.Exact);
    }

    [Fact]
    public async Task FindDuplicatesAsync_TypoInNameWithoutContacts_FindsItThroughTheNamePrefix()
    {
        var (store, people, _) = await StoreWithDuplicatesAsync(300, 0);
        var finder = Create(store);
        var existing = people[5];
        var family = existing.FamilyName!;
        var typo = family[..^1] + (family[^1] == 'a' ? 'e' : 'a');
        var probe = existing with { Id = CustomerId.New(), Phones = [], Emails = [], FamilyName = typo, DisplayName = existing.GivenName + " " + typo };

        var found = await finder.FindDuplicatesAsync(probe);

        Assert.Contains(found, c => c.Pair.RightId == existing.Id.ToString());
    }

    [Fact]
    public async Task FindDuplicatesAsync_StoredCustomerItself_IsNotItsOwnDuplicate()
    {
        var (store, people, _) = await StoreWithDuplicatesAsync(100, 0);
        var finder = Create(store);

        var found = await finder.FindDuplicatesAsync(people[3]);

        Assert.DoesNotContain(found, c => c.Pair.RightId == people[3].Id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0000\u0007")]
    [InlineData("Zz")]
    public async Task FindDuplicatesAsync_UnrelatedOrBlankCustomer_ReturnsNothing(string name)
    {
        var (store, _, _) = await StoreWithDuplicatesAsync(100, 0);
        var finder = Create(store);

        var found = await finder.FindDuplicatesAsync(new Customer { Id = CustomerId.New(), DisplayName = name });

        Assert.Empty(found);
    }

    [Fact]
    public async Task FindDuplicatesAsync_EmptyStore_ReturnsNothing()
    {
        var finder = Create(new InMemoryCustomerStore());

        var found = await finder.FindDuplicatesAsync(Some.Customer());

        Assert.Empty(found);
    }

    [Fact]
    public async Task FindDuplicatesAsync_InvalidArguments_Throw()
    {
        var finder = Create(new InMemoryCustomerStore());

        await Assert.ThrowsAsync<ArgumentNullException>(() => finder.FindDuplicatesAsync(null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => finder.FindDuplicatesAsync(Some.Customer(), 0));
        Assert.Throws<ArgumentNullException>(() => new CustomerDuplicateFinder(null!, Options.Create(new DeduplicationOptions())));
    }

    [Theory]
    [InlineData("Robert Smith", "Robert S")]
    [InlineData("  Robert   Smith ", "Robert S")]
    [InlineData("Madonna", "Madonna")]
    [InlineData("Al", null)]
    [InlineData("J Smith", null)]
    [InlineData("张伟", "张伟")]
    [InlineData("北京示例科技有限公司", "北京")]
    [InlineData("张", null)]
    [InlineData("", null)]
    [InlineData(" \t ", null)]
    [InlineData(null, null)]
    public void NamePrefix_Names_AreSelectivePrefixes(string? name, string? expected)
    {
        var prefix = CustomerDuplicateFinder.NamePrefix(name);

        Assert.Equal(expected, prefix);
    }

    [Fact]
    public void NamePrefix_TenKilobyteName_ReturnsBoundedPrefixOfIt()
    {
        var name = new string('x', 10_000) + " y";

        var prefix = CustomerDuplicateFinder.NamePrefix(name);

        Assert.Equal(new string('x', 10_000) + " y", prefix);
    }

    [Fact]
    public void Queries_CustomerWithContacts_UsesNormalizedPhonesEmailsAndNameOnce()
    {
        var customer = Some.Customer("Zhang Wei") with
        {
            Phones = [new PhoneNumber { Raw = "138 0013 8000", E164 = "+8613800138000" }, new PhoneNumber { Raw = "+86 138 0013 8000", E164 = "+8613800138000" }, new PhoneNumber { Raw = "n/a" }],
            Emails = [new EmailAddress { Raw = "bad" }, new EmailAddress { Raw = "Z@X.org", Normalized = "z@x.org" }],
        };

        var queries = CustomerDuplicateFinder.Queries(customer).ToList();

        Assert.Equal(3, queries.Count);
        Assert.Equal("+8613800138000", queries[0].Phone);
        Assert.Equal("z@x.org", queries[1].Email);
        Assert.Equal("Zhang W", queries[2].NamePrefix);
    }

    [Fact]
    public void FromCustomer_Organization_MapsDisplayNameToOrganizationAndFirstAddress()
    {
        var customer = Some.FullCustomer();

        var record = DedupeRecord.FromCustomer(customer);

        Assert.Equal(customer.Id.ToString(), record.Id);
        Assert.Equal(customer.DisplayName, record.Organization);
        Assert.Null(record.Name);
        Assert.Equal(["+861065529988", "+14155552671"], record.Phones);
        Assert.Equal("建国路", record.Street);
        Assert.Equal("100022", record.Postcode);
        Assert.Null(record.Address);
        Assert.Equal(customer.DateOfBirth, record.DateOfBirth);
    }

    [Theory]
    [InlineData("张伟", null, null, "张伟")]
    [InlineData("Robert Smith", "Robert", "Smith", null)]
    [InlineData("Robert Smith", null, "Smith", null)]
    public void FromCustomer_Person_UsesTheFullNameOnlyWithoutNameParts(string display, string? given, string? family, string? expectedName)
    {
        var customer = Some.Customer(display) with { GivenName = given, FamilyName = family };

        var record = DedupeRecord.FromCustomer(customer);

        Assert.Equal(expectedName, record.Name);
        Assert.Equal(given, record.GivenName);
        Assert.Null(record.Organization);
    }

    private static CustomerDuplicateFinder Create(ICustomerStore store) => new(store, Options.Create(new DeduplicationOptions()));

    internal static async Task<(InMemoryCustomerStore Store, List<Customer> People, List<(Customer Original, Customer Copy)> Copies)> StoreWithDuplicatesAsync(int count, int duplicates)
    {
        var people = DedupeTestData.People(count, seed: 7).ConvertAll(ToCustomer);
        var copies = new List<(Customer, Customer)>();
        for (var i = 0; i < duplicates; i++)
        {
            var original = people[i * 7 % count];
            var family = original.FamilyName!;
            var typo = family[..2] + family[3] + family[2] + family[4..];
            copies.Add((original, original with { Id = CustomerId.New(), FamilyName = typo, DisplayName = original.GivenName + " " + typo, Phones = [] }));
        }

        var store = new InMemoryCustomerStore();
        await store.UpsertBatchAsync([.. people, .. copies.Select(c => c.Item2)]);
        return (store, people, copies);
    }

    private static Customer ToCustomer(DedupeRecord r) => new()
    {
        Id = CustomerId.New(),
        DisplayName = r.GivenName + " " + r.FamilyName,
        GivenName = r.GivenName,
        FamilyName = r.FamilyName,
        DateOfBirth = r.DateOfBirth,
        Phones = [.. r.Phones.Select(p => new PhoneNumber { Raw = p, E164 = p })],
        Addresses = [new PostalAddress { Street = r.Street, HouseNumber = r.HouseNumber, City = r.City, Postcode = r.Postcode }],
    };

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
