using CustomerCore.Deduplication;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Tests.Deduplication;

public sealed class DuplicateDetectorTests
{
    private static readonly DuplicateDetector s_detector = new(new DeduplicationOptions());

    [Fact]
    public void Deduplicate_PlantedTypoDuplicates_ClustersEachWithItsOriginal()
    {
        var records = DedupeTestData.People(400, seed: 1);
        var originals = records.Take(20).ToList();
        records.AddRange(originals.Select((r, i) => DedupeTestData.TypoCopy(r, "dup" + i)));

        var result = s_detector.Deduplicate(records);

        var cluster = result.Assignments.ToDictionary(a => a.RecordId, a => a.ClusterId);
        for (var i = 0; i < originals.Count; i++)
        {
            Assert.Equal(cluster[originals[i].Id], cluster["dup" + i]);
        }

        Assert.Equal(380, result.Assignments.Count(a => a.RecordId.StartsWith('p') && result.Assignments.Count(b => b.ClusterId == a.ClusterId) == 1));
    }

    [Fact]
    public void Deduplicate_AnyInput_AssignsEveryRecordInInputOrder()
    {
        var records = DedupeTestData.People(150, seed: 2);

        var result = s_detector.Deduplicate(records);

        Assert.Equal(records.Select(r => r.Id), result.Assignments.Select(a => a.RecordId));
    }

    [Fact]
    public void Deduplicate_MatchedPair_ExplainsEveryComparedField()
    {
        var records = DedupeTestData.People(300, seed: 3);
        records.Add(DedupeTestData.TypoCopy(records[0], "dup"));

        var result = s_detector.Deduplicate(records);

        var pair = Assert.Single(result.Pairs, p => p.RightId == "dup" || p.LeftId == "dup");
        var family = Assert.Single(pair.Contributions, c => c.Field == "family_name");
        Assert.Equal(ComparisonLevel.Close, family.Level);
        var postcode = Assert.Single(pair.Contributions, c => c.Field == "postcode");
        Assert.Equal(ComparisonLevel.Missing, postcode.Level);
        Assert.Equal(0, postcode.Weight);
        Assert.True(pair.Contributions.First(c => c.Field == "date_of_birth").Weight > 0);
        Assert.InRange(pair.Probability, 0.9, 1.0);
    }

    [Fact]
    public void Deduplicate_MaxClusterSizeTwo_NeverBuildsLargerClusters()
    {
        var records = DedupeTestData.People(300, seed: 4);
        for (var k = 0; k < 4; k++)
        {
            records.Add(records[0] with { Id = "copy" + k });
        }

        var detector = new DuplicateDetector(new DeduplicationOptions { MaxClusterSize = 2 });

        var result = detector.Deduplicate(records);

        Assert.All(result.Assignments.GroupBy(a => a.ClusterId), g => Assert.True(g.Count() <= 2));
        var copyCluster = result.Assignments.Single(a => a.RecordId == "copy0").ClusterId;
        Assert.Equal(2, result.Assignments.Count(a => a.ClusterId == copyCluster));
    }

    [Fact]
    public void Deduplicate_ChainWithDisagreeingEnds_DoesNotMergeTheEnds()
    {
        // a~b share phone and name; b~c share date of birth and address; a and c disagree on everything else.
        var records = DedupeTestData.People(400, seed: 5);
        var a = records[0];
        var b = a with { Id = "b", DateOfBirth = records[1].DateOfBirth, Street = records[1].Street, HouseNumber = records[1].HouseNumber, City = records[1].City, Postcode = records[1].Postcode };
        var c = records[1] with { Id = "c", GivenName = "zzqx", FamilyName = "qqzx", Phones = [] };
        records.Add(b);
        records.Add(c);

        var result = s_detector.Deduplicate(records);

        var cluster = result.Assignments.ToDictionary(x => x.RecordId, x => x.ClusterId);
        Assert.NotEqual(cluster[a.Id], cluster["c"]);
    }

    [Fact]
    public void Link_TwoSets_LinksOnlyAcrossSidesAndAtMostOnePerSide()
    {
        var left = DedupeTestData.People(200, seed: 6);
        var right = left.Take(30).Select((r, i) => DedupeTestData.TypoCopy(r, "r" + i)).ToList();
        right.Add(left[0] with { Id = "r-extra" });

        var result = s_detector.Link(left, right);

        var rightIds = right.Select(r => r.Id).ToHashSet();
        foreach (var group in result.Assignments.GroupBy(a => a.ClusterId))
        {
            Assert.True(group.Count(a => rightIds.Contains(a.RecordId)) <= 1);
            Assert.True(group.Count(a => !rightIds.Contains(a.RecordId)) <= 1);
        }

        var cluster = result.Assignments.ToDictionary(a => a.RecordId, a => a.ClusterId);
        Assert.True(Enumerable.Range(0, 30).Count(i => cluster["r" + i] == cluster[left[i].Id]) >= 29);
    }

    [Fact]
    public void Deduplicate_NullRecords_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => s_detector.Deduplicate(null!));
    }

    [Fact]
    public void Deduplicate_RepeatedId_ThrowsWithoutPersonalData()
    {
        var records = new[] { new DedupeRecord { Id = "1", FamilyName = "Secretname" }, new DedupeRecord { Id = "1" } };

        var ex = Assert.Throws<ArgumentException>(() => s_detector.Deduplicate(records));

        Assert.DoesNotContain("Secretname", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Deduplicate_EmptyId_Throws(string id)
    {
        var records = new[] { new DedupeRecord { Id = id } };

        Assert.Throws<ArgumentException>(() => s_detector.Deduplicate(records));
    }

    [Fact]
    public void Deduplicate_NullRecordInList_Throws()
    {
        var records = new DedupeRecord[] { new() { Id = "1" }, null! };

        Assert.Throws<ArgumentException>(() => s_detector.Deduplicate(records));
    }

    [Fact]
    public void Deduplicate_HostileValues_KeepsThemAsSingletons()
    {
        var records = DedupeTestData.People(100, seed: 7);
        records.Add(new DedupeRecord { Id = "empty", GivenName = "", FamilyName = " ", Phones = [""], Emails = ["   "] });
        records.Add(new DedupeRecord { Id = "long", GivenName = new string('x', 10_000), Name = new string('y', 10_000), Street = new string('z', 10_000) });
        records.Add(new DedupeRecord { Id = "control", GivenName = "a\u0000b\u0007", FamilyName = "\t\r\n", City = "\u001b[31m" });
        records.Add(new DedupeRecord { Id = "mixed", GivenName = "Иван张", FamilyName = "Müller王", City = "東京 Tokyo" });
        records.Add(new DedupeRecord { Id = "nothing" });

        var result = s_detector.Deduplicate(records);

        foreach (var id in (string[])["empty", "long", "control", "mixed", "nothing"])
        {
            Assert.Equal(id, result.Assignments.Single(a => a.RecordId == id).ClusterId);
        }
    }

    [Fact]
    public void Constructor_ThresholdOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DuplicateDetector(new DeduplicationOptions { MatchThreshold = 1.5 }));
    }

    [Fact]
    public void AddCustomerCore_Resolves_DuplicateDetector()
    {
        using var provider = new ServiceCollection().AddCustomerCore().Services.BuildServiceProvider();

        var detector = provider.GetRequiredService<IDuplicateDetector>();

        Assert.IsType<DuplicateDetector>(detector);
    }
}
