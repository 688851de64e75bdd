using CustomerCore.Deduplication;

namespace CustomerCore.Tests.Deduplication;

public sealed class DuplicateIndexTests
{
    private static readonly List<DedupeRecord> s_people = DedupeTestData.People(500, seed: 11);
    private static readonly DuplicateIndex s_index = new DuplicateDetector(new DeduplicationOptions()).CreateIndex(s_people);

    [Fact]
    public void FindDuplicates_TypoCopyOfIndexedRecord_ReturnsThatRecordFirst()
    {
        var probe = DedupeTestData.TypoCopy(s_people[42], "new");

        var found = s_index.FindDuplicates(probe);

        Assert.NotEmpty(found);
        Assert.Equal(s_people[42].Id, found[0].Pair.RightId);
        Assert.Equal("new", found[0].Pair.LeftId);
    }

    [Fact]
    public void FindDuplicates_UnrelatedRecord_ReturnsNothing()
    {
        var probe = new DedupeRecord { Id = "x", GivenName = "qqqq", FamilyName = "zzzz", DateOfBirth = new DateOnly(2020, 1, 1) };

        var found = s_index.FindDuplicates(probe);

        Assert.Empty(found);
    }

    [Fact]
    public void FindDuplicates_DoesNotAddTheProbe()
    {
        var before = s_index.Count;

        s_index.FindDuplicates(s_people[1] with { Id = "probe" });

        Assert.Equal(before, s_index.Count);
    }

    [Fact]
    public void Add_ThenFind_FindsTheAddedRecord()
    {
        var index = new DuplicateDetector(new DeduplicationOptions()).CreateIndex(DedupeTestData.People(300, seed: 12));
        var added = DedupeTestData.People(1, seed: 99)[0] with { Id = "added" };
        index.Add(added);

        var found = index.FindDuplicates(added with { Id = "again" });

        Assert.Contains(found, c => c.Pair.RightId == "added");
    }

    [Fact]
    public void Add_ExistingId_Throws()
    {
        var index = new DuplicateDetector(new DeduplicationOptions()).CreateIndex(DedupeTestData.People(50, seed: 13));

        Assert.Throws<ArgumentException>(() => index.Add(new DedupeRecord { Id = "p0" }));
    }

    [Fact]
    public void FindDuplicates_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => s_index.FindDuplicates(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_index.FindDuplicates(new DedupeRecord { Id = "a" }, 0));
    }
}
