using CustomerCore.Deduplication;
using CustomerCore.Deduplication.Internal;

namespace CustomerCore.Tests.Deduplication;

public sealed class BlockingKeyTests
{
    private static BlockingReport Block(params DedupeRecord[] records)
    {
        var options = new DeduplicationOptions();
        var features = Engine.Prepare(options, records, null);

        return new Engine(options).Block(features, BlockingRule.Defaults(features), features.Count, features.Count, link: false).Report;
    }

    private static BlockingKeyReport Line(BlockingReport report, string key) => Assert.Single(report.Keys, k => k.Key == key);

    [Fact]
    public void Block_GivenNameSoundsAlikeInSameCity_PairsByGivenPhoneticCity()
    {
        var a = new DedupeRecord { Id = "a", GivenName = "Jonaberto", FamilyName = "Calusonton", City = "Berlin" };
        var b = new DedupeRecord { Id = "b", GivenName = "Jonaberta", FamilyName = "Kalusonton", City = "Berlin" };

        var report = Block(a, b);

        Assert.Equal(1, report.CandidatePairs);
        Assert.Equal(1, Line(report, "given_phonetic_city").CandidatePairs);
    }

    [Fact]
    public void Block_SameRareEmailDomain_PairsByEmailDomain()
    {
        var a = new DedupeRecord { Id = "a", GivenName = "Anna", Emails = ["anna@calusonton-family.de"] };
        var b = new DedupeRecord { Id = "b", GivenName = "Paul", Emails = ["p.k@calusonton-family.de"] };

        var report = Block(a, b);

        Assert.Equal(1, Line(report, "email_domain").CandidatePairs);
    }

    [Fact]
    public void Block_CommonEmailDomain_SkipsTheBlock()
    {
        var records = Enumerable.Range(0, 25).Select(i => new DedupeRecord { Id = "r" + i, Emails = [$"user{i}x{i * 7}@example.com"] }).ToArray();

        var report = Block(records);

        var line = Line(report, "email_domain");
        Assert.Equal(0, line.CandidatePairs);
        Assert.Equal(1, line.SkippedBlocks);
    }

    [Theory]
    [InlineData("@")]
    [InlineData("abc@")]
    [InlineData("no-at-sign")]
    [InlineData("  ")]
    [InlineData("a@\u0000\u0007")]
    public void Block_MalformedEmails_AddsNoDomainPairs(string email)
    {
        var a = new DedupeRecord { Id = "a", Emails = [email] };
        var b = new DedupeRecord { Id = "b", Emails = [email + " "] };
        var c = new DedupeRecord { Id = "c", Emails = [new string('x', 10_000) + email] };

        var report = Block(a, b, c);

        Assert.Equal(0, Line(report, "email_domain").CandidatePairs);
    }
}
