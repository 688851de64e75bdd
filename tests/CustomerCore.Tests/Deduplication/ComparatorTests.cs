using CustomerCore.Deduplication;
using CustomerCore.Deduplication.Internal;

namespace CustomerCore.Tests.Deduplication;

public sealed class ComparatorTests
{
    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.84)]
    [InlineData("dixon", "dicksonx", 0.813)]
    public void JaroWinkler_KnownPairs_MatchPublishedValues(string a, string b, double expected)
    {
        var value = Text.JaroWinkler(a, b);

        Assert.Equal(expected, value, 2);
    }

    [Theory]
    [InlineData("abcd", "abdc", 1)]
    [InlineData("abcd", "abcd", 0)]
    [InlineData("abcd", "xbcy", 2)]
    public void Damerau_TranspositionsAndEdits_CountAsExpected(string a, string b, int expected)
    {
        var distance = Text.Damerau(a, b, 3);

        Assert.Equal(expected, distance);
    }

    [Theory]
    [InlineData("robert", "r163")]
    [InlineData("rupert", "r163")]
    [InlineData("tymczak", "t522")]
    public void Soundex_KnownNames_GivesAmericanSoundex(string name, string expected)
    {
        Assert.Equal(expected, Text.Soundex(name));
    }

    [Theory]
    [InlineData("张伟", "章伟", ComparisonLevel.Close)]
    [InlineData("张伟", "张伟", ComparisonLevel.Exact)]
    [InlineData("张伟", "张三丰", ComparisonLevel.Different)]
    [InlineData("bill", "william", ComparisonLevel.Close)]
    [InlineData("j", "john", ComparisonLevel.Close)]
    [InlineData("jon", "john", ComparisonLevel.Close)]
    [InlineData("anna", "peter", ComparisonLevel.Different)]
    public void GivenName_Variants_CompareAtExpectedLevel(string a, string b, ComparisonLevel expected)
    {
        var level = CompareField("given_name", new DedupeRecord { Id = "1", GivenName = a }, new DedupeRecord { Id = "2", GivenName = b });

        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("Acme GmbH", "ACME", ComparisonLevel.Exact)]
    [InlineData("北京科技有限公司", "北京科技", ComparisonLevel.Exact)]
    [InlineData("Globex Corporation Ltd", "Globex Corporation", ComparisonLevel.Exact)]
    public void Organization_LegalSuffixes_AreIgnored(string a, string b, ComparisonLevel expected)
    {
        var level = CompareField("organization", new DedupeRecord { Id = "1", Organization = a }, new DedupeRecord { Id = "2", Organization = b });

        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData(1980, 3, 7, 1980, 7, 3, ComparisonLevel.Close)]
    [InlineData(1980, 3, 7, 1980, 3, 7, ComparisonLevel.Exact)]
    [InlineData(1980, 3, 7, 1908, 3, 7, ComparisonLevel.Close)]
    [InlineData(1980, 3, 7, 1955, 11, 20, ComparisonLevel.Different)]
    [InlineData(1995, 5, 4, 1995, 5, 19, ComparisonLevel.Close)]
    [InlineData(1926, 11, 30, 1958, 11, 30, ComparisonLevel.Close)]
    [InlineData(1992, 4, 17, 1992, 12, 17, ComparisonLevel.Close)]
    [InlineData(1992, 4, 17, 1993, 12, 17, ComparisonLevel.Different)]
    public void DateOfBirth_SwapsAndTranspositions_AreClose(int y1, int m1, int d1, int y2, int m2, int d2, ComparisonLevel expected)
    {
        var level = CompareField("date_of_birth", new DedupeRecord { Id = "1", DateOfBirth = new DateOnly(y1, m1, d1) }, new DedupeRecord { Id = "2", DateOfBirth = new DateOnly(y2, m2, d2) });

        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("9882 little santa monica blvd", "9777 little santa monica blvd", ComparisonLevel.Similar)]
    [InlineData("3434 peachtree rd", "3434 peachtree rd ne", ComparisonLevel.Close)]
    [InlineData("12 main street", "12 main st", ComparisonLevel.Exact)]
    public void Street_DifferentHouseNumbers_AreAtMostSimilar(string a, string b, ComparisonLevel expected)
    {
        var level = CompareField("street", new DedupeRecord { Id = "1", Street = a }, new DedupeRecord { Id = "2", Street = b });

        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("arts deli", "arts delicatessen", ComparisonLevel.Close)]
    [InlineData("intl trading co", "international trading company", ComparisonLevel.Different)]
    [InlineData("de li", "delicatessen bar", ComparisonLevel.Different)]
    public void Name_AbbreviatedWords_AreClose(string a, string b, ComparisonLevel expected)
    {
        var level = CompareField("name", new DedupeRecord { Id = "1", Name = a }, new DedupeRecord { Id = "2", Name = b });

        Assert.Equal(expected, level);
    }

    [Fact]
    public void Phone_FormattingDifferences_AreExact()
    {
        var level = CompareField("phone", new DedupeRecord { Id = "1", Phones = ["+49 30 1234567"] }, new DedupeRecord { Id = "2", Phones = ["030/123-4567", "+49301234567"] });

        Assert.Equal(ComparisonLevel.Exact, level);
    }

    [Fact]
    public void Email_CaseAndSpaces_AreExact()
    {
        var level = CompareField("email", new DedupeRecord { Id = "1", Emails = [" Anna@Example.ORG "] }, new DedupeRecord { Id = "2", Emails = ["anna@example.org"] });

        Assert.Equal(ComparisonLevel.Exact, level);
    }

    [Fact]
    public void AnyField_OneSideMissing_IsMissing()
    {
        var level = CompareField("given_name", new DedupeRecord { Id = "1", GivenName = "anna", FamilyName = "x" }, new DedupeRecord { Id = "2", FamilyName = "x" });

        Assert.Equal(ComparisonLevel.Missing, level);
    }

    [Fact]
    public void PhoneNormalizerSeam_IsApplied()
    {
        var options = new DeduplicationOptions { PhoneNormalizer = p => p.StartsWith('0') ? "+49" + p[1..] : p };

        var level = CompareField("phone", new DedupeRecord { Id = "1", Phones = ["0301234567"] }, new DedupeRecord { Id = "2", Phones = ["+49301234567"] }, options);

        Assert.Equal(ComparisonLevel.Exact, level);
    }

    private static ComparisonLevel CompareField(string field, DedupeRecord a, DedupeRecord b, DeduplicationOptions? options = null)
    {
        var features = new Features(options ?? new DeduplicationOptions(), []);
        features.Add(a);
        features.Add(b);
        var comparator = Comparator.For(features).Single(c => c.Name == field);
        return Comparator.ToPublic(comparator.Compare(features, 0, 1));
    }
}
