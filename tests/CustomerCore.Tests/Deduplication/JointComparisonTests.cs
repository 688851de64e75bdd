using System.Globalization;
using CustomerCore.Deduplication;
using CustomerCore.Deduplication.Internal;

namespace CustomerCore.Tests.Deduplication;

public sealed class JointComparisonTests
{
    // Record kinds per site i, at rows (5 * i) + kind: a = the site; b = the same site under another name and phone (same
    // street line); d = another branch (a's name and phone, another street); e = a's record with a typo in the name (every
    // second site only, else an unrelated record); c = an unrelated record. Words come from the index, so sites never collide.
    private const int A = 0, B = 1, C = 2, D = 3, E = 4;

    private static List<DedupeRecord> Sites(int count)
    {
        var records = new List<DedupeRecord>(count * 5);
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var street = (100 + i).ToString(CultureInfo.InvariantCulture) + " " + DedupeTestData.WordOf(i) + " avenue";
            var name = DedupeTestData.WordOf(i) + " learning center";
            records.Add(new DedupeRecord { Id = "a" + n, Name = name, Street = street, Phones = [Phone(i, 1)] });
            records.Add(new DedupeRecord { Id = "b" + n, Name = DedupeTestData.WordOf(i + 7919) + " head start", Street = street, Phones = [Phone(i, 2)] });
            records.Add(new DedupeRecord { Id = "c" + n, Name = DedupeTestData.WordOf(i + 104729) + " daycare", Street = (300 + i).ToString(CultureInfo.InvariantCulture) + " " + DedupeTestData.WordOf(i + 15485863) + " road", Phones = [Phone(i, 3)] });
            records.Add(new DedupeRecord { Id = "d" + n, Name = name, Street = (500 + i).ToString(CultureInfo.InvariantCulture) + " " + DedupeTestData.WordOf(i + 3571) + " lane", Phones = [Phone(i, 1)] });
            records.Add(i % 2 == 0
                ? new DedupeRecord { Id = "e" + n, Name = name[..3] + name[4] + name[3] + name[5..], Street = street, Phones = [Phone(i, 1)] }
                : new DedupeRecord { Id = "e" + n, Name = DedupeTestData.WordOf(i + 65537) + " school", Street = (700 + i).ToString(CultureInfo.InvariantCulture) + " " + DedupeTestData.WordOf(i + 257) + " drive", Phones = [Phone(i, 4)] });
        }

        return records;
    }

    // Seven-digit numbers spread by a large prime, so two records' numbers are rarely one typo apart.
    private static string Phone(int i, int kind) => "+1312" + (1_000_000 + (((i * 3) + kind) * 1_299_709L % 8_999_999)).ToString(CultureInfo.InvariantCulture);


    private static (Model Model, Features Features) Labelled(List<DedupeRecord> records, IEnumerable<(int I, int J)> matches)
    {
        var options = new DeduplicationOptions();
        var features = Engine.Prepare(options, records, null);
        var model = new Model(Comparator.For(features), useTf: false);
        model.EstimateU(features, 20_000, 42, static (_, _) => true);
        model.EstimateMFromLabels(features, [.. matches]);
        return (model, features);
    }

    [Fact]
    public void EstimateMFromLabels_MatchesShareStreetButNotName_JointRaisesThatCell()
    {
        var records = Sites(300);
        // Half the labelled matches share the street but not the name (a/b), half the name but not the street (a/d): the
        // fields alone predict each mix a quarter of the time, the labels show it half the time.
        var matches = Enumerable.Range(0, 300).Select(i => ((5 * i) + A, (5 * i) + B)).Concat(Enumerable.Range(0, 300).Select(i => ((5 * i) + A, (5 * i) + D)));

        var (model, _) = Labelled(records, matches);

        Assert.Equal("name+street", model.JointName);
        Assert.True(model.Interaction(Comparator.Different, Comparator.Exact) > 0.5, $"interaction {model.Interaction(Comparator.Different, Comparator.Exact)}");
        Assert.True(model.Interaction(Comparator.Exact, Comparator.Exact) < -2, $"interaction {model.Interaction(Comparator.Exact, Comparator.Exact)}");
        Assert.Equal(1.0, Enumerable.Range(0, 16).Sum(c => model.JointM(c / 4, c % 4)), 6);
    }

    [Fact]
    public void EstimateMFromLabels_FewerMatchesThanTheMinimum_LeavesFieldsIndependent()
    {
        var records = Sites(100);
        var matches = Enumerable.Range(0, Model.MinJointMatches - 1).Select(i => ((5 * (i % 100)) + A, (5 * (i % 100)) + (i < 100 ? B : D)));

        var (model, _) = Labelled(records, matches);

        Assert.Null(model.JointName);
        Assert.Equal(0, model.Interaction(Comparator.Different, Comparator.Exact));
    }

    [Fact]
    public void EstimateMFromLabels_NoStreetAnywhere_HasNoJointComparison()
    {
        var records = Sites(300).Select(r => r with { Street = null }).ToList();
        var matches = Enumerable.Range(0, 300).Select(i => ((5 * i) + A, (5 * i) + B));

        var (model, _) = Labelled(records, matches);

        Assert.Equal(-1, model.JointB);
        Assert.Null(model.JointName);
        Assert.Equal(0, model.Interaction(Comparator.Exact, Comparator.Exact));
    }

    [Fact]
    public void Interaction_MissingLevel_IsZero()
    {
        var records = Sites(300);
        var (model, _) = Labelled(records, Enumerable.Range(0, 300).Select(i => ((5 * i) + A, (5 * i) + B)));

        var missingName = model.Interaction(Comparator.Missing, Comparator.Exact);
        var missingStreet = model.Interaction(Comparator.Different, Comparator.Missing);

        Assert.Equal(0, missingName);
        Assert.Equal(0, missingStreet);
    }

    [Fact]
    public void Deduplicate_LabelledSitesUnderTwoNames_ClustersHeldOutSitesAndExplainsTheJoint()
    {
        var records = Sites(600);
        // The first half of the sites is labelled: a/b and a/e pairs are matches, a/d pairs (other branches) are not.
        var labels = Enumerable.Range(0, 300).SelectMany(i => (LabelledPair[])[new("a" + i, "b" + i, true), new("a" + i, "d" + i, false)])
            .Concat(Enumerable.Range(0, 150).Select(i => new LabelledPair("a" + (2 * i), "e" + (2 * i), IsMatch: true))).ToList();
        var detector = new DuplicateDetector(new DeduplicationOptions());

        var unsupervised = detector.Deduplicate(records);
        var result = detector.Deduplicate(records, labels);

        static int HeldOutSites(DeduplicationResult r)
        {
            var clusterOf = r.Assignments.ToDictionary(a => a.RecordId, a => a.ClusterId);
            return Enumerable.Range(300, 300).Count(i => clusterOf["a" + i] == clusterOf["b" + i]);
        }

        var clusterOf = result.Assignments.ToDictionary(a => a.RecordId, a => a.ClusterId);
        Assert.True(HeldOutSites(result) >= 285, $"only {HeldOutSites(result)} of 300 held-out sites clustered");
        Assert.True(HeldOutSites(unsupervised) < 150, $"the unsupervised run already clusters {HeldOutSites(unsupervised)} of 300");
        Assert.Equal(0, Enumerable.Range(0, 600).Count(i => clusterOf["c" + i] != "c" + i));
        var pair = result.Pairs.First(p => p.LeftId.StartsWith('a') && p.RightId.StartsWith('b'));
        var joint = Assert.Single(pair.Contributions, c => c.Field == "name+street");
        Assert.Equal(ComparisonLevel.Different, joint.Level);
    }

    [Fact]
    public void Deduplicate_AllRecordsIdenticalWithLabels_ReturnsEveryRecordInValidClusters()
    {
        var records = Enumerable.Range(0, 300).Select(i => new DedupeRecord { Id = "x" + i, Name = "same site", Street = "1 main street" }).ToList();
        var labels = Enumerable.Range(1, 250).Select(i => new LabelledPair("x0", "x" + i, IsMatch: true)).ToList();
        var detector = new DuplicateDetector(new DeduplicationOptions { MaxClusterSize = 1000, MaxBlockSize = 1000 });

        var result = detector.Deduplicate(records, labels);

        // Identical records carry no evidence either way (u of every level equals m); the run must still finish cleanly.
        Assert.Equal(records.Select(r => r.Id), result.Assignments.Select(a => a.RecordId));
        Assert.All(result.Assignments, a => Assert.StartsWith("x", a.ClusterId, StringComparison.Ordinal));
        Assert.All(result.Pairs, p => Assert.InRange(p.Probability, 0, 1));
    }

    [Fact]
    public void Deduplicate_NoCandidatePairsWithLabels_EverySingleton()
    {
        var records = Enumerable.Range(0, 100).Select(i => new DedupeRecord { Id = "c" + i, Name = DedupeTestData.WordOf(i), Street = (10 + i) + " " + DedupeTestData.WordOf(i + 7919) + " road" }).ToList();
        var labels = new List<LabelledPair> { new("c0", "c1", IsMatch: false) };
        var detector = new DuplicateDetector(new DeduplicationOptions());

        var result = detector.Deduplicate(records, labels);

        Assert.Equal(0, result.Blocking.CandidatePairs);
        Assert.All(result.Assignments, a => Assert.Equal(a.RecordId, a.ClusterId));
    }

    [Fact]
    public void ExcludeLabelled_PairInsideALabelledGroup_IsLeftOutOfTheUSample()
    {
        var allowed = Engine.ExcludeLabelled(static (_, _) => true, 5, [(0, 1), (1, 2)]);

        var transitive = allowed(0, 2);
        var outside = allowed(0, 3);
        var unlabelled = allowed(3, 4);

        Assert.False(transitive);
        Assert.True(outside);
        Assert.True(unlabelled);
    }
}
