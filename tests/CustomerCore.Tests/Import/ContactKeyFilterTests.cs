using CustomerCore.Import;

namespace CustomerCore.Tests.Import;

public sealed class ContactKeyFilterTests
{
    [Fact]
    public void Contains_AfterAddAcrossStages_NeverForgetsAndRarelyClaimsAbsentKeys()
    {
        var random = new Random(5);
        var added = new ulong[200_000]; // spans four growth stages
        for (var i = 0; i < added.Length; i++)
        {
            added[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
        }

        var filter = new ContactKeyFilter();
        foreach (var hash in added)
        {
            filter.Add(hash);
        }

        var addedSet = added.ToHashSet();
        var falsePositives = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var absent = (ulong)random.NextInt64();
            if (!addedSet.Contains(absent) && filter.Contains(absent))
            {
                falsePositives++;
            }
        }

        Assert.All(added, h => Assert.True(filter.Contains(h)));
        Assert.True(falsePositives < 1_000, $"false positives: {falsePositives} of 200,000");
    }

    [Fact]
    public void Contains_EmptyFilter_ReturnsFalse()
    {
        var filter = new ContactKeyFilter();

        var found = filter.Contains(0x1234_5678_9ABC_DEF0UL);

        Assert.False(found);
    }
}
