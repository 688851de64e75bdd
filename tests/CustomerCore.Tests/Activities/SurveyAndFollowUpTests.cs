using CustomerCore.Activities;
using CustomerCore.Customers;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Activities;

public sealed class SurveyAndFollowUpTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Aggregate_ByOwner_ComputesCsatAndNps()
    {
        var c = CustomerId.New();
        SurveyResponse[] responses =
        [
            new(c, s_t0, 5, 10, "rep-1"),
            new(c, s_t0, 4, 9, "rep-1"),
            new(c, s_t0, 2, 3, "rep-1"),
            new(c, s_t0, 1, 8, "rep-1"),
            new(c, s_t0, 5, 0, "rep-2"),
        ];

        var scores = SurveyAggregator.Aggregate(responses, SurveyGrouping.Owner);

        var rep1 = scores.Single(s => s.Key == "rep-1");
        var satisfied = responses.Count(r => r.OwnerId == "rep-1" && r.Csat >= 4);
        Assert.Equal(100.0 * satisfied / 4, rep1.Csat);
        Assert.Equal(100.0 * (2 - 1) / 4, rep1.Nps);
        Assert.Equal(-100.0, scores.Single(s => s.Key == "rep-2").Nps);
    }

    [Fact]
    public void Aggregate_OutOfRangeScoresAndPeriod_AreIgnored()
    {
        var c = CustomerId.New();
        SurveyResponse[] responses =
        [
            new(c, s_t0, 7, 11, Region: "北京"),
            new(c, s_t0.AddDays(-1), 5, 10, Region: "北京"),
            new(c, s_t0, 5, null, Region: "北京"),
        ];

        var score = Assert.Single(SurveyAggregator.Aggregate(responses, SurveyGrouping.Region, from: s_t0));

        Assert.Equal(2, score.Responses);
        Assert.Equal(1, score.CsatResponses);
        Assert.Null(score.Nps);
    }

    [Fact]
    public void Aggregate_Empty_ReturnsNoGroups()
    {
        Assert.Empty(SurveyAggregator.Aggregate([], SurveyGrouping.Segment));
    }

    [Fact]
    public void FindStale_NotVerifiedOrContacted_ReturnsOnlyStale()
    {
        var fresh = Some.Customer() with { VerifiedAt = s_t0.AddDays(-10) };
        var contacted = Some.Customer() with { VerifiedAt = s_t0.AddDays(-400) };
        var stale = Some.Customer() with { VerifiedAt = s_t0.AddDays(-200), CreatedAt = s_t0.AddDays(-500) };
        var contacts = new Dictionary<CustomerId, DateTimeOffset> { [contacted.Id] = s_t0.AddDays(-5) };

        var result = FollowUps.FindStale([fresh, contacted, stale], contacts, s_t0, days: 180);

        Assert.Equal([stale.Id], result);
    }

    [Fact]
    public void SplitReminders_MixedDueTimes_SplitsAndSorts()
    {
        var c = CustomerId.New();
        var late2 = Some.Reminder(c, s_t0.AddDays(-1));
        var late1 = Some.Reminder(c, s_t0.AddDays(-3));
        var soon = Some.Reminder(c, s_t0.AddHours(5));
        var far = Some.Reminder(c, s_t0.AddDays(30));
        var done = Some.Reminder(c, s_t0.AddDays(-9)) with { CompletedAt = s_t0 };

        var (overdue, due) = FollowUps.SplitReminders([late2, soon, far, done, late1], s_t0, TimeSpan.FromDays(1));

        Assert.Equal([late1, late2], overdue);
        Assert.Equal([soon], due);
    }
}
