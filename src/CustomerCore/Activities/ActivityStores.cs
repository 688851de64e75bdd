using System.Collections.Concurrent;
using CustomerCore.Customers;

namespace CustomerCore.Activities;

/// <summary>Stores complaints; SQL providers implement it, the in-memory default serves tests and samples.</summary>
public interface IComplaintStore
{
    /// <summary>Inserts or replaces a complaint.</summary>
    /// <param name="complaint">The complaint.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    Task UpsertAsync(Complaint complaint, CancellationToken cancellationToken = default);

    /// <summary>Gets a complaint by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The complaint, or <see langword="null"/>.</returns>
    Task<Complaint?> FindAsync(ComplaintId id, CancellationToken cancellationToken = default);

    /// <summary>Lists the complaints an owner handles, oldest first.</summary>
    /// <param name="ownerId">The owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The complaints.</returns>
    Task<IReadOnlyList<Complaint>> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken = default);
}

/// <summary>Stores survey responses; SQL providers implement it, the in-memory default serves tests and samples.</summary>
public interface ISurveyStore
{
    /// <summary>Adds a response.</summary>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    Task AddAsync(SurveyResponse response, CancellationToken cancellationToken = default);

    /// <summary>Lists the responses given in a period, oldest first.</summary>
    /// <param name="since">The inclusive start.</param>
    /// <param name="until">The exclusive end.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The responses.</returns>
    Task<IReadOnlyList<SurveyResponse>> ListAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}

internal sealed class InMemoryComplaintStore : IComplaintStore
{
    private readonly ConcurrentDictionary<ComplaintId, Complaint> _complaints = new();

    public Task UpsertAsync(Complaint complaint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        _complaints[complaint.Id] = complaint;
        return Task.CompletedTask;
    }

    public Task<Complaint?> FindAsync(ComplaintId id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_complaints.TryGetValue(id, out var c) ? c : null);

    public Task<IReadOnlyList<Complaint>> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        IReadOnlyList<Complaint> list = [.. _complaints.Values.Where(c => c.OwnerId == ownerId).OrderBy(c => c.ReceivedAt)];
        return Task.FromResult(list);
    }
}

internal sealed class InMemorySurveyStore : ISurveyStore
{
    private readonly ConcurrentQueue<SurveyResponse> _responses = new();

    public Task AddAsync(SurveyResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        _responses.Enqueue(response);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SurveyResponse>> ListAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<SurveyResponse> list = [.. _responses.Where(r => r.RespondedAt >= since && r.RespondedAt < until).OrderBy(r => r.RespondedAt)];
        return Task.FromResult(list);
    }
}
