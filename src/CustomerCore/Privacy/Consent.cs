using CustomerCore.Customers;

namespace CustomerCore.Privacy;

/// <summary>Says whether a consent record grants or withdraws consent.</summary>
public enum ConsentStatus
{
    /// <summary>The customer agreed.</summary>
    Granted = 0,

    /// <summary>The customer withdrew (or refused) consent.</summary>
    Withdrawn = 1,
}

/// <summary>Records that a customer granted or withdrew consent to be contacted on a channel for a purpose.</summary>
/// <remarks>Consent is append-only history: a later record for the same channel and purpose supersedes an earlier one,
/// and nothing is overwritten, so the proof of every grant and withdrawal stays. Channel and purpose are lower-case
/// codes such as <c>sms</c>, <c>email</c>, <c>phone</c>, <c>post</c> and <c>marketing</c>, <c>service</c>, <c>surveys</c>.</remarks>
public sealed record ConsentRecord
{
    /// <summary>Gets the id of the record.</summary>
    public Guid Id { get; init; }

    /// <summary>Gets the customer.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary>Gets the contact channel, e.g. <c>sms</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>Gets the purpose, e.g. <c>marketing</c>.</summary>
    public required string Purpose { get; init; }

    /// <summary>Gets whether consent was granted or withdrawn.</summary>
    public ConsentStatus Status { get; init; }

    /// <summary>Gets where the consent came from, e.g. <c>web-form:signup</c> or <c>call:rep-1</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Gets when it was given or withdrawn; the service stamps the current time when not set.</summary>
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>Names why a contact is or is not allowed.</summary>
public enum ConsentDecisionReason
{
    /// <summary>The latest record for the channel and purpose grants consent.</summary>
    Granted = 0,

    /// <summary>The latest record withdraws consent.</summary>
    Withdrawn = 1,

    /// <summary>There is no record for the channel and purpose at that time: no consent (opt-in).</summary>
    NoRecord = 2,
}

/// <summary>Answers whether a customer may be contacted on a channel for a purpose at a time.</summary>
/// <param name="IsAllowed">Whether the contact is allowed.</param>
/// <param name="Reason">Why.</param>
/// <param name="Basis">The record the decision rests on, when there is one.</param>
public sealed record ConsentDecision(bool IsAllowed, ConsentDecisionReason Reason, ConsentRecord? Basis);

/// <summary>Stores consent records: the contract a storage provider implements for consent.</summary>
public interface IConsentStore
{
    /// <summary>Appends a consent record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    Task AddAsync(ConsentRecord record, CancellationToken cancellationToken = default);

    /// <summary>Lists a customer's consent records in the order they were added.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The records.</returns>
    Task<IReadOnlyList<ConsentRecord>> ListByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every consent record of a customer (used by erasure).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default);
}

/// <summary>Keeps consent records in memory, for tests and samples; data is lost when the process ends.</summary>
/// <remarks>Thread-safe through one lock.</remarks>
public sealed class InMemoryConsentStore : IConsentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<CustomerId, List<ConsentRecord>> _records = [];

    /// <inheritdoc/>
    public Task AddAsync(ConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_records.TryGetValue(record.CustomerId, out var list))
            {
                _records[record.CustomerId] = list = [];
            }

            list.Add(record);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ConsentRecord>> ListByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<ConsentRecord> copy = _records.TryGetValue(customerId, out var list) ? [.. list] : [];
            return Task.FromResult(copy);
        }
    }

    /// <inheritdoc/>
    public Task<int> DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_records.Remove(customerId, out var list) ? list.Count : 0);
        }
    }
}

/// <summary>Records consent and answers "may I contact this customer on this channel for this purpose?".</summary>
public interface IConsentService
{
    /// <summary>Validates and appends a consent record.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="record">The record; channel and purpose are trimmed and lower-cased, a missing id or time is filled in.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">Channel or purpose is not 1 to 64 letters, digits, <c>-</c>, <c>_</c> or <c>.</c>; the source is blank, longer than 256 characters or holds control characters; or the status is undefined.</exception>
    Task<ConsentRecord> RecordAsync(CallerContext caller, ConsentRecord record, CancellationToken cancellationToken = default);

    /// <summary>Decides whether a customer may be contacted on a channel for a purpose, from the latest record at or before a time.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="channel">The channel, e.g. <c>sms</c>.</param>
    /// <param name="purpose">The purpose, e.g. <c>marketing</c>.</param>
    /// <param name="asOf">The time of the contact; records after it are ignored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The decision; no record means no consent.</returns>
    /// <exception cref="ArgumentException">Channel or purpose is invalid.</exception>
    Task<ConsentDecision> MayContactAsync(CustomerId customerId, string channel, string purpose, DateTimeOffset asOf, CancellationToken cancellationToken = default);

    /// <summary>Lists a customer's consent history in the order it was recorded.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The records.</returns>
    Task<IReadOnlyList<ConsentRecord>> GetHistoryAsync(CustomerId customerId, CancellationToken cancellationToken = default);
}

/// <summary>Implements consent over the registered consent store.</summary>
internal sealed class ConsentService : IConsentService
{
    private const int MaxCodeLength = 64;
    private const int MaxSourceLength = 256;
    private readonly IConsentStore? _store;
    private readonly TimeProvider _time;

    public ConsentService(IConsentStore? store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public async Task<ConsentRecord> RecordAsync(CallerContext caller, ConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(record);
        var channel = Code(record.Channel, "Channel", nameof(record));
        var purpose = Code(record.Purpose, "Purpose", nameof(record));
        if (string.IsNullOrWhiteSpace(record.Source) || record.Source.Length > MaxSourceLength || record.Source.Any(char.IsControl))
        {
            throw new ArgumentException($"Source must be 1 to {MaxSourceLength} characters without control characters.", nameof(record));
        }

        if (!Enum.IsDefined(record.Status))
        {
            throw new ArgumentException("Status must be Granted or Withdrawn.", nameof(record));
        }

        var stored = record with
        {
            Id = record.Id == Guid.Empty ? Guid.CreateVersion7() : record.Id,
            Channel = channel,
            Purpose = purpose,
            Source = record.Source.Trim(),
            RecordedAt = record.RecordedAt == default ? _time.GetUtcNow() : record.RecordedAt,
        };
        await Store().AddAsync(stored, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<ConsentDecision> MayContactAsync(CustomerId customerId, string channel, string purpose, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var c = Code(channel, "Channel", nameof(channel));
        var p = Code(purpose, "Purpose", nameof(purpose));
        var records = await Store().ListByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
        ConsentRecord? latest = null;
        foreach (var r in records)
        {
            // Ties in time go to the record added later.
            if (r.Channel == c && r.Purpose == p && r.RecordedAt <= asOf && (latest is null || r.RecordedAt >= latest.RecordedAt))
            {
                latest = r;
            }
        }

        return latest switch
        {
            null => new ConsentDecision(false, ConsentDecisionReason.NoRecord, null),
            { Status: ConsentStatus.Granted } => new ConsentDecision(true, ConsentDecisionReason.Granted, latest),
            _ => new ConsentDecision(false, ConsentDecisionReason.Withdrawn, latest),
        };
    }

    public Task<IReadOnlyList<ConsentRecord>> GetHistoryAsync(CustomerId customerId, CancellationToken cancellationToken = default) =>
        Store().ListByCustomerAsync(customerId, cancellationToken);

    internal static string Code(string? value, string field, string paramName)
    {
        var trimmed = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxCodeLength || !trimmed.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
        {
            throw new ArgumentException($"{field} must be 1 to {MaxCodeLength} ASCII letters, digits, '-', '_' or '.'.", paramName);
        }

        return trimmed;
    }

    private IConsentStore Store() => _store ?? throw new InvalidOperationException(
        "No IConsentStore is registered: chain AddInMemoryConsentStore() (tests, samples) or register a durable IConsentStore.");
}
