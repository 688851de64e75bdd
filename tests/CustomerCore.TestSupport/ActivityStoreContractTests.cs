using CustomerCore.Activities;
using CustomerCore.Customers;

namespace CustomerCore.TestSupport;

/// <summary>The behaviour every complaint and survey store must have; each provider's test project subclasses it once.</summary>
public abstract class ActivityStoreContractTests
{
    private static readonly DateTimeOffset s_t0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Creates an empty store for one test.</summary>
    protected abstract Task<(IComplaintStore Complaints, ISurveyStore Surveys)> CreateStoresAsync();

    [Fact]
    public async Task Complaint_UpsertThenFind_RoundTripsStateAndHistory()
    {
        var (complaints, _) = await CreateStoresAsync();
        var opened = ComplaintWorkflow.Open(CustomerId.New(), "rep-1", "送货延迟 '; DROP TABLE complaints; --", s_t0, TimeSpan.FromDays(3));
        var recorded = ComplaintWorkflow.Apply(opened, ComplaintAction.Record, "rep-1", s_t0.AddHours(1)).Complaint;

        await complaints.UpsertAsync(opened);
        await complaints.UpsertAsync(recorded);
        var found = await complaints.FindAsync(opened.Id);

        Assert.NotNull(found);
        Assert.Equal(ComplaintState.Recorded, found.State);
        Assert.Equal(recorded.Subject, found.Subject);
        Assert.Equal(recorded.History.Count, found.History.Count);
        Assert.Equal(recorded.ResolveBy, found.ResolveBy);
    }

    [Fact]
    public async Task Complaint_FindUnknown_ReturnsNull()
    {
        var (complaints, _) = await CreateStoresAsync();

        Assert.Null(await complaints.FindAsync(ComplaintId.New()));
    }

    [Fact]
    public async Task Complaint_ListByOwner_ReturnsOnlyTheOwnersOldestFirst()
    {
        var (complaints, _) = await CreateStoresAsync();
        var late = ComplaintWorkflow.Open(CustomerId.New(), "rep-1", "late", s_t0.AddDays(2), TimeSpan.FromDays(1));
        var early = ComplaintWorkflow.Open(CustomerId.New(), "rep-1", "early", s_t0, TimeSpan.FromDays(1));
        var other = ComplaintWorkflow.Open(CustomerId.New(), "rep-2", "other", s_t0.AddDays(1), TimeSpan.FromDays(1));
        foreach (var c in new[] { late, other, early })
        {
            await complaints.UpsertAsync(c);
        }

        var list = await complaints.ListByOwnerAsync("rep-1");

        Assert.Equal([early.Id, late.Id], list.Select(c => c.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => complaints.ListByOwnerAsync(" "));
    }

    [Fact]
    public async Task Survey_ListPeriod_IncludesStartExcludesEndOldestFirst()
    {
        var (_, surveys) = await CreateStoresAsync();
        var customer = CustomerId.New();
        var atStart = new SurveyResponse(customer, s_t0, 5, 9, "rep-1", "上海", "A");
        var inside = new SurveyResponse(customer, s_t0.AddHours(5), 3, null);
        var atEnd = new SurveyResponse(customer, s_t0.AddDays(1), 1, 0);
        var before = new SurveyResponse(customer, s_t0.AddTicks(-10), 4, 7);
        foreach (var r in new[] { inside, atEnd, atStart, before })
        {
            await surveys.AddAsync(r);
        }

        var list = await surveys.ListAsync(s_t0, s_t0.AddDays(1));

        Assert.Equal([atStart, inside], list);
    }

    [Fact]
    public async Task Stores_NullArguments_Throw()
    {
        var (complaints, surveys) = await CreateStoresAsync();

        await Assert.ThrowsAsync<ArgumentNullException>(() => complaints.UpsertAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => surveys.AddAsync(null!));
    }
}
