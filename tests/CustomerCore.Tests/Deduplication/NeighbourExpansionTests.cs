using CustomerCore.Deduplication;
using CustomerCore.Deduplication.Internal;

namespace CustomerCore.Tests.Deduplication;

public sealed class NeighbourExpansionTests
{
    // b shares only the phone with a; c shares the names and the date of birth with a; b and c share the given name, the
    // street and the house number, but a damaged family initial and split city/postcode leave them without any blocking key.
    private static List<DedupeRecord> Triangle()
    {
        var records = DedupeTestData.People(400, seed: 11);
        var a = records[0] with { GivenName = "Jonaberto", FamilyName = "Calusonton", Street = "Linden street", HouseNumber = "17" };
        records[0] = a;
        records.Add(a with { Id = "b", FamilyName = "Kalusonton", DateOfBirth = null, Postcode = null });
        records.Add(a with { Id = "c", Phones = [], City = null });
        return records;
    }

    [Fact]
    public void Execute_PairWithoutSharedKey_IsNotABlockingCandidate()
    {
        var options = new DeduplicationOptions();
        var records = Triangle();
        var features = Engine.Prepare(options, records, null);
        int b = records.Count - 2, c = records.Count - 1;

        var (pairs, _) = new Engine(options).Block(features, BlockingRule.Defaults(features), features.Count, features.Count, link: false);

        Assert.True(Array.BinarySearch(pairs, ((long)b << 32) | (uint)c) < 0);
    }

    [Fact]
    public void Deduplicate_PairSharingNoKeyButMatchingACommonNeighbour_IsScoredAndClustered()
    {
        var records = Triangle();

        var result = new DuplicateDetector(new DeduplicationOptions()).Deduplicate(records);

        var cluster = result.Assignments.ToDictionary(x => x.RecordId, x => x.ClusterId);
        Assert.Equal(cluster["p0"], cluster["b"]);
        Assert.Equal(cluster["p0"], cluster["c"]);
        Assert.Contains(result.Pairs, p => (p.LeftId, p.RightId) is ("b", "c") or ("c", "b"));
        var line = Assert.Single(result.Blocking.Keys, k => k.Key == Engine.NeighbourKey);
        Assert.True(line.CandidatePairs >= 1);
    }

    [Fact]
    public void Deduplicate_NoMatches_AddsNoNeighbourLine()
    {
        var records = DedupeTestData.People(200, seed: 12);

        var result = new DuplicateDetector(new DeduplicationOptions()).Deduplicate(records);

        Assert.DoesNotContain(result.Blocking.Keys, k => k.Key == Engine.NeighbourKey);
    }
}
