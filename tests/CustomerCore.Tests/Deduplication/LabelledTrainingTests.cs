using CustomerCore.Deduplication;

namespace CustomerCore.Tests.Deduplication;

public sealed class LabelledTrainingTests
{
    [Fact]
    public void Deduplicate_NoLabelledMatches_EqualsUnsupervisedResult()
    {
        var records = DedupeTestData.People(300, seed: 11);
        records.AddRange(records.Take(30).Select((r, i) => DedupeTestData.TypoCopy(r, "dup" + i)));
        var detector = new DuplicateDetector(new DeduplicationOptions());

        var plain = detector.Deduplicate(records);
        var labelled = detector.Deduplicate(records, [new LabelledPair("p1", "p2", IsMatch: false)]);

        Assert.Equal(plain.Assignments, labelled.Assignments);
    }

    [Fact]
    public void Deduplicate_LabelledMatches_StillClustersPlantedDuplicatesWithTheirOriginals()
    {
        var records = DedupeTestData.People(300, seed: 12);
        var copies = records.Take(40).Select((r, i) => DedupeTestData.TypoCopy(r, "dup" + i)).ToList();
        records.AddRange(copies);
        var labels = Enumerable.Range(0, 20).Select(i => new LabelledPair("p" + i, "dup" + i, IsMatch: true)).ToList();
        var detector = new DuplicateDetector(new DeduplicationOptions());

        var result = detector.Deduplicate(records, labels);

        var clusterOf = result.Assignments.ToDictionary(a => a.RecordId, a => a.ClusterId);
        var held = Enumerable.Range(20, 20).Count(i => clusterOf["p" + i] == clusterOf["dup" + i]);
        Assert.True(held >= 18, $"only {held} of 20 held-out duplicates clustered");
    }

    [Fact]
    public void Deduplicate_LabelWithUnknownIdOrNullLabels_Throws()
    {
        var records = DedupeTestData.People(10, seed: 13);
        var detector = new DuplicateDetector(new DeduplicationOptions());

        Assert.Throws<ArgumentException>(() => detector.Deduplicate(records, [new LabelledPair("p1", "nobody", IsMatch: true)]));
        Assert.Throws<ArgumentException>(() => detector.Deduplicate(records, [new LabelledPair(null!, "p1", IsMatch: true)]));
        Assert.Throws<ArgumentNullException>(() => detector.Deduplicate(records, (IReadOnlyList<LabelledPair>)null!));
    }
}
