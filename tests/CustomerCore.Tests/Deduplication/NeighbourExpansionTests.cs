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

    private static (Engine Engine, Features Features, Model Model) Star(int records)
    {
        var options = new DeduplicationOptions();
        var features = Engine.Prepare(options, DedupeTestData.People(records, seed: 13), null);
        var model = new Model(Comparator.For(features), useTf: false);
        return (new Engine(options), features, model);
    }

    private static float WeightOf(double probability) => (float)Math.Log2(probability / (1 - probability));

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    [Theory]
    [InlineData(0.2, true)]
    [InlineData(0.5, true)]
    [InlineData(0.05, false)]
    public void ExpandNeighbours_NeighbourBelowMatchThreshold_CountsFromExpandProbability(double probability, bool expected)
    {
        var (engine, features, model) = Star(3);
        long[] candidates = [Key(0, 1), Key(0, 2)];
        float[] weights = [WeightOf(0.99), WeightOf(probability)];

        var (pairs, _, added) = engine.ExpandNeighbours(features, model, candidates, weights, features.Count, link: false);

        Assert.Equal(expected, Array.BinarySearch(pairs, Key(1, 2)) >= 0);
        Assert.Equal(expected ? 1 : 0, added);
    }

    [Fact]
    public void ExpandNeighbours_RecordWithManyNeighbours_PairsOnlyTheBestOnes()
    {
        var (engine, features, model) = Star(21);
        var candidates = new long[20];
        var weights = new float[20];
        for (var k = 0; k < 20; k++)
        {
            candidates[k] = Key(0, k + 1);
            weights[k] = WeightOf(0.99) - k;
        }

        var (pairs, newWeights, added) = engine.ExpandNeighbours(features, model, candidates, weights, features.Count, link: false);

        var best = Engine.MaxExpandedNeighbours;
        Assert.Equal(best * (best - 1) / 2, added);
        Assert.Equal(pairs.Length, newWeights.Length);
        Assert.True(Array.BinarySearch(pairs, Key(1, best)) >= 0);
        Assert.True(Array.BinarySearch(pairs, Key(1, best + 1)) < 0);
    }

    [Fact]
    public void ExpandNeighbours_NoCandidates_ReturnsInputUnchanged()
    {
        var (engine, features, model) = Star(3);

        var (pairs, weights, added) = engine.ExpandNeighbours(features, model, [], [], features.Count, link: false);

        Assert.Empty(pairs);
        Assert.Empty(weights);
        Assert.Equal(0, added);
    }
}
