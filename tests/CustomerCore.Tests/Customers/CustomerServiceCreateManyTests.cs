using CustomerCore.Customers;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Customers;

public sealed class CustomerServiceCreateManyTests : IDisposable
{
    private static readonly CallerContext s_rep = new("rep-1", ["sales-rep"]);
    private readonly TestServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task CreateMany_MixedBatch_ReturnsOneResultPerItemInInputOrder()
    {
        var taken = (await _services.Customers.CreateAsync(s_rep, Some.Customer("Taken"))).Customer!;
        var good = Some.Customer("Good") with { Phones = [new PhoneNumber { Raw = "010-65529988" }] };
        var invalid = Some.Customer("Bad phone") with { Phones = [new PhoneNumber { Raw = "123" }] };
        var blank = Some.Customer(" ");
        var again = taken with { DisplayName = "Again" };

        var results = await _services.Customers.CreateManyAsync(s_rep, [good, invalid, again, blank]);

        Assert.Equal([SaveStatus.Created, SaveStatus.Invalid, SaveStatus.AlreadyExists, SaveStatus.Invalid], results.Select(r => r.Status));
        Assert.Equal("+861065529988", results[0].Customer?.Phones[0].E164);
        Assert.Equal(1, results[0].Customer?.Version);
        Assert.Equal(_services.Time.GetUtcNow(), results[0].Customer?.CreatedAt);
        Assert.NotEmpty(results[1].Problems);
        Assert.Equal("Taken", (await _services.Store.GetAsync(taken.Id))?.DisplayName);
        Assert.Equal(2, await _services.Store.CountAsync());
    }

    [Fact]
    public async Task CreateMany_SameIdTwiceInOneCall_CreatesFirstAndFlagsSecond()
    {
        var customer = Some.Customer("Once");

        var results = await _services.Customers.CreateManyAsync(s_rep, [customer, customer with { DisplayName = "Twice" }]);

        Assert.Equal([SaveStatus.Created, SaveStatus.AlreadyExists], results.Select(r => r.Status));
        Assert.Equal("Once", (await _services.Store.GetAsync(customer.Id))?.DisplayName);
    }

    [Fact]
    public async Task CreateMany_Empty_ReturnsEmptyAndStoresNothing()
    {
        var results = await _services.Customers.CreateManyAsync(s_rep, []);

        Assert.Empty(results);
        Assert.Equal(0, await _services.Store.CountAsync());
    }

    [Fact]
    public async Task CreateMany_NullArgumentsOrItem_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _services.Customers.CreateManyAsync(null!, []));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _services.Customers.CreateManyAsync(s_rep, null!));
        await Assert.ThrowsAsync<ArgumentException>(() => _services.Customers.CreateManyAsync(s_rep, [Some.Customer(), null!]));

        Assert.Equal(0, await _services.Store.CountAsync());
    }

    [Theory]
    [InlineData("\u0001\u0002 control")]
    [InlineData("混合 scripts Ελληνικά العربية")]
    public async Task CreateMany_UnusualNames_StoresThemAsGivenOrRejectsWithProblems(string name)
    {
        var results = await _services.Customers.CreateManyAsync(s_rep, [Some.Customer(name)]);

        var result = Assert.Single(results);
        Assert.True(result.Status == SaveStatus.Created ? (await _services.Store.GetAsync(result.Customer!.Id)) is not null : result.Problems.Count > 0);
    }

    [Fact]
    public async Task CreateMany_HugeName_IsInvalidNotThrown()
    {
        var results = await _services.Customers.CreateManyAsync(s_rep, [Some.Customer(new string('x', 10_000))]);

        Assert.Equal(SaveStatus.Invalid, Assert.Single(results).Status);
    }
}

public sealed class CustomerServiceCreateManyEntryCheckTests : IDisposable
{
    private static readonly CallerContext s_rep = new("rep-1", ["sales-rep"]);
    private readonly TestServices _services = new(o => o.EntryDuplicateCheck = EntryDuplicateCheck.RejectExactContactMatch);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task CreateMany_SharedPhoneWithStoredOrEarlierItem_FlagsPossibleDuplicate()
    {
        var stored = (await _services.Customers.CreateAsync(s_rep, Some.Customer("Stored"))).Customer!;
        var sameAsStored = Some.Customer("Copy of stored");
        var first = Some.Customer("First") with { Phones = [new PhoneNumber { Raw = "13900000002" }], Emails = [] };
        var sameAsFirst = Some.Customer("Copy of first") with { Phones = [new PhoneNumber { Raw = "139 0000 0002" }], Emails = [] };

        var results = await _services.Customers.CreateManyAsync(s_rep, [sameAsStored, first, sameAsFirst]);

        Assert.Equal([SaveStatus.PossibleDuplicate, SaveStatus.Created, SaveStatus.PossibleDuplicate], results.Select(r => r.Status));
        Assert.Equal([stored.Id], results[0].DuplicateOf);
        Assert.Equal([first.Id], results[2].DuplicateOf);
    }
}
