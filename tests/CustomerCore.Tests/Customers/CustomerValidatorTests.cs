using CustomerCore.Customers;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Customers;

public sealed class CustomerValidatorTests : IDisposable
{
    private readonly TestServices _services = new();

    private ICustomerValidator Validator => _services.Get<ICustomerValidator>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Validate_RawContactPoints_NormalizesAndKeepsRaw()
    {
        var customer = Some.Customer() with
        {
            DisplayName = "  张 伟 ",
            Phones = [new PhoneNumber { Raw = "138 0013 8000" }, new PhoneNumber { Raw = "+86 138-0013-8000", IsVerified = true }, new PhoneNumber { Raw = "010-65529988", Type = PhoneType.Fax }],
            Emails = [new EmailAddress { Raw = " Zhang@Example.COM " }],
            Tags = [" vip ", "vip", "华东"],
        };

        var result = Validator.Validate(customer);

        Assert.True(result.IsValid);
        Assert.Equal("张伟", result.Customer.DisplayName);
        Assert.Equal(["+8613800138000", "+861065529988"], result.Customer.Phones.Select(p => p.E164));
        Assert.True(result.Customer.Phones[0].IsVerified); // the duplicate's verified flag is kept
        Assert.Equal("138 0013 8000", result.Customer.Phones[0].Raw);
        Assert.Equal(PhoneType.Fax, result.Customer.Phones[1].Type);
        Assert.Equal("zhang@example.com", result.Customer.Emails[0].Normalized);
        Assert.Equal(["vip", "华东"], result.Customer.Tags);
    }

    [Fact]
    public void Validate_SameEmailTwoSpellings_KeepsFirstWithVerifiedFlag()
    {
        var customer = Some.Customer() with
        {
            Emails = [new EmailAddress { Raw = "li@example.com" }, new EmailAddress { Raw = "LI@Example.com", IsVerified = true }],
        };

        var result = Validator.Validate(customer);

        Assert.True(result.IsValid);
        var email = Assert.Single(result.Customer.Emails);
        Assert.Equal("li@example.com", email.Raw);
        Assert.Equal("li@example.com", email.Normalized);
        Assert.True(email.IsVerified);
    }

    [Fact]
    public void Validate_AddressCountryCodes_UpperCasesLowerCaseAndKeepsUnchangedAddress()
    {
        var unchanged = new PostalAddress { Original = "北京市朝阳区建国路1号", CountryCode = "CN" };
        var lower = new PostalAddress { Original = "1 Main St", CountryCode = " us " };
        var customer = Some.Customer() with { Addresses = [unchanged, lower] };

        var result = Validator.Validate(customer);

        Assert.True(result.IsValid);
        Assert.Same(unchanged, result.Customer.Addresses[0]);
        Assert.Equal("US", result.Customer.Addresses[1].CountryCode);
        Assert.Equal("1 Main St", result.Customer.Addresses[1].Original);
    }

    [Fact]
    public void Validate_AttributesOrNone_TrimsNamesAndKeepsEmptyEmpty()
    {
        var none = Some.Customer() with { Attributes = new Dictionary<string, string>() };
        var some = Some.Customer() with { Attributes = new Dictionary<string, string> { [" tier "] = "gold" } };

        var withoutAttributes = Validator.Validate(none);
        var withAttributes = Validator.Validate(some);

        Assert.Empty(withoutAttributes.Customer.Attributes);
        Assert.Equal("gold", Assert.Contains("tier", withAttributes.Customer.Attributes));
        Assert.Single(withAttributes.Customer.Attributes);
    }

    [Fact]
    public void Validate_NamesEqualAfterTrimming_KeepTheFirstPositionAndTheLaterValue()
    {
        var customer = Some.Customer() with
        {
            Attributes = new Dictionary<string, string> { ["tier"] = "silver", ["region"] = "north", [" tier "] = "gold", ["\u0001bad"] = "x" },
        };

        var result = Validator.Validate(customer);

        Assert.Equal([new("tier", "gold"), new KeyValuePair<string, string>("region", "north")], result.Customer.Attributes.ToArray());
        Assert.Equal("gold", result.Customer.Attributes["tier"]);
        Assert.True(result.Customer.Attributes.ContainsKey("region"));
        Assert.False(result.Customer.Attributes.TryGetValue("bad", out _));
        Assert.Throws<KeyNotFoundException>(() => result.Customer.Attributes["missing"]);
        Assert.Throws<ArgumentNullException>(() => result.Customer.Attributes.ContainsKey(null!));
        Assert.Equal(["tier", "region"], result.Customer.Attributes.Keys);
        Assert.Equal(["gold", "north"], result.Customer.Attributes.Values);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("Attributes[2]", problem.Field); // two kept before it
    }

    [Fact]
    public void Validate_MoreAttributesThanTheSmallMapHolds_KeepsEveryOne()
    {
        var many = Enumerable.Range(0, 12).ToDictionary(i => $"k{i}", i => $"v{i}");

        var result = Validator.Validate(Some.Customer() with { Attributes = many });

        Assert.Equal(12, result.Customer.Attributes.Count);
        Assert.All(many, pair => Assert.Equal(pair.Value, result.Customer.Attributes[pair.Key]));
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneWithFieldPaths()
    {
        var customer = Some.Customer() with
        {
            DisplayName = " ",
            Phones = [new PhoneNumber { Raw = "12" }, new PhoneNumber { Raw = "13800138000" }],
            Emails = [new EmailAddress { Raw = "not-an-email" }],
            Tags = ["", new string('x', 101)],
            DateOfBirth = new DateOnly(2030, 1, 1),
            Addresses = [new PostalAddress { CountryCode = "China", Location = new GeoPoint(95, 10) }],
            KeyContacts = [new KeyContact { Name = " ", Phones = [new PhoneNumber { Raw = "abc" }] }],
            Stage = (LifecycleStage)42,
        };

        var result = Validator.Validate(customer);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["DisplayName", "Phones[0]", "Emails[0]", "Addresses[0].Location", "Addresses[0].CountryCode", "Tags[0]", "Tags[1]", "KeyContacts[0].Name", "KeyContacts[0].Phones[0]", "Stage", "DateOfBirth"],
            result.Problems.Select(p => p.Field));
        Assert.Contains(result.Problems, p => p.Code == ValidationCode.InvalidPhone && p.Message.Contains("NotANumber", StringComparison.Ordinal));
        Assert.Equal("12", result.Customer.Phones[0].Raw); // invalid input is kept, never lost
    }

    [Fact]
    public void Validate_ProblemMessages_NeverContainTheValues()
    {
        var customer = Some.Customer() with { Phones = [new PhoneNumber { Raw = "555-SECRET-1" }], Emails = [new EmailAddress { Raw = "secret.person@@x" }] };

        var result = Validator.Validate(customer);

        Assert.All(result.Problems, p =>
        {
            Assert.DoesNotContain("SECRET", p.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secret.person", p.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("伟", "张", "张伟")]
    [InlineData("Wei", "Zhang", "Wei Zhang")]
    [InlineData(null, "Smith", "Smith")]
    public void Validate_NoDisplayName_ComposesItFromNameParts(string? given, string? family, string expected)
    {
        var customer = Some.Customer() with { DisplayName = "", GivenName = given, FamilyName = family };

        var result = Validator.Validate(customer);

        Assert.True(result.IsValid);
        Assert.Equal(expected, result.Customer.DisplayName);
    }

    [Fact]
    public void Validate_TenKilobyteName_IsTooLong()
    {
        var customer = Some.Customer(new string('名', 10_240));

        var result = Validator.Validate(customer);

        Assert.Equal(ValidationCode.TooLong, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Validate_MixedScriptsAndControlCharacters_AreCleanedNotRejected()
    {
        var customer = Some.Customer("Apple\u0000 苹果\u200B Inc\t");

        var result = Validator.Validate(customer);

        Assert.True(result.IsValid);
        Assert.Equal("Apple 苹果 Inc", result.Customer.DisplayName);
    }
}
