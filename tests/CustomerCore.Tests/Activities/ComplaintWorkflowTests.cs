using CustomerCore.Activities;
using CustomerCore.Customers;

namespace CustomerCore.Tests.Activities;

public sealed class ComplaintWorkflowTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_FullPath_ReachesFeedbackGivenWithHistory()
    {
        var complaint = ComplaintWorkflow.Open(CustomerId.New(), "rep-1", "late delivery", s_t0, TimeSpan.FromDays(3));
        ComplaintAction[] path = [ComplaintAction.Record, ComplaintAction.StartAnalysis, ComplaintAction.Resolve, ComplaintAction.GiveFeedback];

        for (var i = 0; i < path.Length; i++)
        {
            var result = ComplaintWorkflow.Apply(complaint, path[i], "rep-1", s_t0.AddHours(i + 1));
            Assert.True(result.IsSuccess);
            complaint = result.Complaint;
        }

        Assert.Equal(ComplaintState.FeedbackGiven, complaint.State);
        Assert.Equal(4, complaint.History.Count);
        Assert.Equal(s_t0.AddHours(3), complaint.ResolvedAt);
    }

    [Theory]
    [InlineData(ComplaintAction.Resolve)]
    [InlineData(ComplaintAction.GiveFeedback)]
    [InlineData(ComplaintAction.Reopen)]
    [InlineData(ComplaintAction.StartAnalysis)]
    public void Apply_IllegalFromReceived_RefusedWithTypedError(ComplaintAction action)
    {
        var complaint = ComplaintWorkflow.Open(CustomerId.New(), "rep-1", "x", s_t0, TimeSpan.FromDays(1));

        var result = ComplaintWorkflow.Apply(complaint, action, "rep-1", s_t0.AddHours(1));

        Assert.False(result.IsSuccess);
        Assert.Equal(ComplaintError.IllegalTransition, result.Error);
        Assert.Same(complaint, result.Complaint);
    }

    [Fact]
    public void Apply_ReopenAfterFeedback_ReturnsToAnalysing()
    {
        var complaint = ComplaintWorkflow.Open(CustomerId.New(), "rep-1", "x", s_t0, TimeSpan.FromDays(1)) with { State = ComplaintState.FeedbackGiven };

        var result = ComplaintWorkflow.Apply(complaint, ComplaintAction.Reopen, "mgr", s_t0.AddDays(2));

        Assert.Equal(ComplaintState.Analysing, result.Complaint.State);
        Assert.True(result.Complaint.IsOverdue(s_t0.AddDays(2)));
    }

    [Fact]
    public void Apply_TimeBeforeLastChange_Refused()
    {
        var complaint = ComplaintWorkflow.Open(CustomerId.New(), "rep-1", "x", s_t0, TimeSpan.FromDays(1));

        var result = ComplaintWorkflow.Apply(complaint, ComplaintAction.Record, "rep-1", s_t0.AddMinutes(-1));

        Assert.Equal(ComplaintError.TimeBeforeLastChange, result.Error);
    }

    [Fact]
    public void Apply_UndefinedAction_RefusedAsUnknown()
    {
        var complaint = ComplaintWorkflow.Open(CustomerId.New(), "rep-1", "x", s_t0, TimeSpan.FromDays(1));

        var result = ComplaintWorkflow.Apply(complaint, (ComplaintAction)99, "rep-1", s_t0);

        Assert.Equal(ComplaintError.UnknownAction, result.Error);
    }

    [Theory]
    [InlineData("", "subject")]
    [InlineData("   ", "subject")]
    [InlineData("rep-1", "")]
    public void Open_BlankArguments_Throws(string owner, string subject)
    {
        Assert.ThrowsAny<ArgumentException>(() => ComplaintWorkflow.Open(CustomerId.New(), owner, subject, s_t0, TimeSpan.FromDays(1)));
    }

    [Fact]
    public async Task InMemoryComplaintStore_RoundTrip_ListsByOwner()
    {
        var store = new InMemoryComplaintStore();
        var a = ComplaintWorkflow.Open(CustomerId.New(), "rep-1", "a", s_t0, TimeSpan.FromDays(1));
        var b = ComplaintWorkflow.Open(CustomerId.New(), "rep-2", "b", s_t0, TimeSpan.FromDays(1));

        await store.UpsertAsync(a);
        await store.UpsertAsync(b);

        Assert.Equal([a.Id], (await store.ListByOwnerAsync("rep-1")).Select(c => c.Id));
        Assert.Equal(b, await store.FindAsync(b.Id));
    }
}
