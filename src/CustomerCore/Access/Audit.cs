using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.Access;

/// <summary>Names what an audited call did.</summary>
public enum AuditAction
{
    /// <summary>Read customers (one entry per call or per stream batch, with every id returned).</summary>
    Read = 0,

    /// <summary>Created a customer.</summary>
    Create = 1,

    /// <summary>Changed a customer or recorded an activity of it.</summary>
    Update = 2,

    /// <summary>Deleted a customer.</summary>
    Delete = 3,

    /// <summary>Exported all data of a customer (data-subject request).</summary>
    Export = 4,

    /// <summary>Merged duplicates.</summary>
    Merge = 5,

    /// <summary>Erased a customer (data-subject request).</summary>
    Erase = 6,

    /// <summary>Claimed a customer from the pool.</summary>
    Claim = 7,

    /// <summary>Returned a customer to the pool.</summary>
    Release = 8,

    /// <summary>Was denied, or asked for a customer outside the caller's scope.</summary>
    Denied = 9,
}

/// <summary>Records one audited call: who did what to which customers and which fields, never the values; chained by SHA-256.</summary>
/// <param name="Sequence">The position in the log, from 1 without gaps.</param>
/// <param name="Time">When it happened.</param>
/// <param name="ActorId">The caller's user id.</param>
/// <param name="Action">What was done.</param>
/// <param name="Operation">The operation, e.g. <c>customers.search</c>.</param>
/// <param name="CustomerIds">The customers concerned (empty when none was returned).</param>
/// <param name="Fields">The names of the fields read or changed.</param>
/// <param name="PreviousHash">The hash of the entry before (64 zeros for the first).</param>
/// <param name="Hash">The SHA-256 (lower-case hex) over this entry's canonical form and <paramref name="PreviousHash"/>.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string ActorId,
    AuditAction Action,
    string Operation,
    IReadOnlyList<CustomerId> CustomerIds,
    IReadOnlyList<string> Fields,
    string PreviousHash,
    string Hash);

/// <summary>Selects audit entries; every filter set must match.</summary>
public sealed record AuditQuery
{
    /// <summary>Gets the customer the entry must concern.</summary>
    public CustomerId? CustomerId { get; init; }

    /// <summary>Gets the actor the entry must have.</summary>
    public string? ActorId { get; init; }

    /// <summary>Gets the action the entry must have.</summary>
    public AuditAction? Action { get; init; }

    /// <summary>Gets the inclusive lower bound of the time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the exclusive upper bound of the time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Gets the page, in sequence order.</summary>
    public PageRequest Page { get; init; } = new();
}

/// <summary>Reports the result of checking the audit log's hash chain.</summary>
/// <param name="IsIntact">Whether every entry and link checked out.</param>
/// <param name="FirstBrokenSequence">The first sequence that is missing, altered or mislinked; <see langword="null"/> when intact.</param>
/// <param name="EntriesChecked">How many entries were read.</param>
public sealed record AuditVerification(bool IsIntact, long? FirstBrokenSequence, long EntriesChecked);

/// <summary>Stores audit entries append-only; storage providers implement it (an in-memory one is the default).</summary>
/// <remarks>The log computes sequences and hashes; a store only keeps rows: a table with the columns of
/// <see cref="AuditEntry"/> and a unique key on the sequence is enough. Thread-safe.</remarks>
public interface IAuditStore
{
    /// <summary>Gets the entry with the highest sequence.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The last entry, or <see langword="null"/> when the log is empty.</returns>
    Task<AuditEntry?> GetLastAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends entries with consecutive sequences, the first following the last stored one: all or none.</summary>
    /// <param name="entries">The entries, in sequence order.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="ConcurrencyConflictException">Another writer appended first (the sequence is taken).</exception>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Reads entries from a sequence on, in sequence order.</summary>
    /// <param name="fromSequence">The first sequence wanted.</param>
    /// <param name="maxCount">The most entries to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored entries with a sequence of at least <paramref name="fromSequence"/>, gaps left as they are.</returns>
    Task<IReadOnlyList<AuditEntry>> ReadRangeAsync(long fromSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Finds entries, in sequence order.</summary>
    /// <param name="query">The filters and page; the continuation token is the last sequence returned.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Appends to, queries and verifies the tamper-evident audit log.</summary>
public interface IAuditLog
{
    /// <summary>Appends one entry, e.g. for a merge done by the host; the customer service and the pool append their own.</summary>
    /// <param name="actorId">Who did it.</param>
    /// <param name="action">What was done.</param>
    /// <param name="operation">The operation name (no personal data).</param>
    /// <param name="customerIds">The customers concerned.</param>
    /// <param name="fields">The field names concerned (never values).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored entry.</returns>
    /// <exception cref="ArgumentException">The actor or operation is blank.</exception>
    Task<AuditEntry> AppendAsync(string actorId, AuditAction action, string operation, IReadOnlyList<CustomerId> customerIds, IReadOnlyList<string> fields, CancellationToken cancellationToken = default);

    /// <summary>Finds entries by customer, actor, action and time.</summary>
    /// <param name="caller">Who asks; needs <see cref="AccessRights.ReadAuditLog"/>.</param>
    /// <param name="query">The filters and page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page, in sequence order.</returns>
    /// <exception cref="AccessDeniedException">The caller may not read the audit log.</exception>
    Task<Page<AuditEntry>> QueryAsync(CallerContext caller, AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Recomputes the hash chain from the first entry and reports the first missing, altered or mislinked entry.</summary>
    /// <param name="caller">Who asks; needs <see cref="AccessRights.ReadAuditLog"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The verification.</returns>
    /// <exception cref="AccessDeniedException">The caller may not read the audit log.</exception>
    /// <remarks>Removing entries from the end cannot be seen from the chain alone: keep the last hash elsewhere to detect that.</remarks>
    Task<AuditVerification> VerifyAsync(CallerContext caller, CancellationToken cancellationToken = default);
}

/// <summary>Computes the canonical form and hash of audit entries.</summary>
internal static class AuditHasher
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(AuditEntry e)
    {
        // Length-prefixed parts, so no value can forge a separator.
        var sb = new StringBuilder(256);
        Append(sb, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Append(sb, e.Time.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Append(sb, e.ActorId);
        Append(sb, ((int)e.Action).ToString(CultureInfo.InvariantCulture));
        Append(sb, e.Operation);
        Append(sb, e.CustomerIds.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var id in e.CustomerIds)
        {
            Append(sb, id.Value.ToString("D"));
        }

        Append(sb, e.Fields.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var f in e.Fields)
        {
            Append(sb, f);
        }

        Append(sb, e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));

        static void Append(StringBuilder sb, string value) => sb.Append(value.Length).Append(':').Append(value).Append(';');
    }
}

/// <summary>Keeps audit entries in memory, for tests and samples; they are lost when the process ends.</summary>
internal sealed class InMemoryAuditStore : IAuditStore
{
    private readonly Lock _gate = new();
    private readonly List<AuditEntry> _entries = [];

    public Task<AuditEntry?> GetLastAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.Count == 0 ? null : _entries[^1]);
        }
    }

    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var next = _entries.Count == 0 ? 1 : _entries[^1].Sequence + 1;
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Sequence != next + i)
                {
                    throw new ConcurrencyConflictException("audit:" + entries[i].Sequence.ToString(CultureInfo.InvariantCulture), next + i - 1, next - 1);
                }
            }

            _entries.AddRange(entries);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadRangeAsync(long fromSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_gate)
        {
            var start = FirstIndexAtOrAfter(fromSequence);
            var count = Math.Min(maxCount, _entries.Count - start);
            return Task.FromResult<IReadOnlyList<AuditEntry>>(_entries.GetRange(start, Math.Max(count, 0)));
        }
    }

    public Task<Page<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Page.Validate();
        long after = 0;
        if (query.Page.ContinuationToken is { } token && !long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(query));
        }

        var items = new List<AuditEntry>();
        var more = false;
        lock (_gate)
        {
            for (var i = FirstIndexAtOrAfter(after + 1); i < _entries.Count; i++)
            {
                var e = _entries[i];
                if (!Matches(e, query))
                {
                    continue;
                }

                if (items.Count == query.Page.PageSize)
                {
                    more = true;
                    break;
                }

                items.Add(e);
            }
        }

        return Task.FromResult(new Page<AuditEntry>(items, more ? items[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null));
    }

    /// <summary>Replaces a stored entry as an attacker with database access would (tests only).</summary>
    internal void Tamper(long sequence, Func<AuditEntry, AuditEntry> change)
    {
        lock (_gate)
        {
            var i = _entries.FindIndex(e => e.Sequence == sequence);
            _entries[i] = change(_entries[i]);
        }
    }

    /// <summary>Deletes a stored entry as an attacker with database access would (tests only).</summary>
    internal void Remove(long sequence)
    {
        lock (_gate)
        {
            _entries.RemoveAll(e => e.Sequence == sequence);
        }
    }

    private int FirstIndexAtOrAfter(long sequence)
    {
        int lo = 0, hi = _entries.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_entries[mid].Sequence < sequence)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static bool Matches(AuditEntry e, AuditQuery q) =>
        (q.ActorId is null || string.Equals(e.ActorId, q.ActorId, StringComparison.Ordinal))
        && (q.Action is null || e.Action == q.Action)
        && (q.From is null || e.Time >= q.From)
        && (q.To is null || e.Time < q.To)
        && (q.CustomerId is null || e.CustomerIds.Contains(q.CustomerId.Value));
}

/// <summary>Chains entries by SHA-256 and serializes appends in this process; retries when another process appended first.</summary>
internal sealed class AuditLog(IAuditStore store, AccessEvaluator access, TimeProvider time) : IAuditLog, IDisposable
{
    private const int VerifyBatch = 1000;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Sequence, string Hash)? _head;

    public void Dispose() => _gate.Dispose();

    public async Task<AuditEntry> AppendAsync(string actorId, AuditAction action, string operation, IReadOnlyList<CustomerId> customerIds, IReadOnlyList<string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentNullException.ThrowIfNull(fields);
        if (!Enum.IsDefined(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown audit action.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                if (_head is null)
                {
                    var last = await store.GetLastAsync(cancellationToken).ConfigureAwait(false);
                    _head = last is null ? (0, AuditHasher.GenesisHash) : (last.Sequence, last.Hash);
                }

                var (sequence, previous) = _head.Value;
                var entry = new AuditEntry(sequence + 1, time.GetUtcNow(), actorId, action, operation, [.. customerIds], [.. fields], previous, string.Empty);
                entry = entry with { Hash = AuditHasher.Compute(entry) };
                try
                {
                    await store.AppendAsync([entry], cancellationToken).ConfigureAwait(false);
                    _head = (entry.Sequence, entry.Hash);
                    return entry;
                }
                catch (ConcurrencyConflictException) when (attempt < 5)
                {
                    _head = null;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<Page<AuditEntry>> QueryAsync(CallerContext caller, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Page.Validate();
        await RequireAuditorAsync(caller, "audit.query", cancellationToken).ConfigureAwait(false);
        return await store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AuditVerification> VerifyAsync(CallerContext caller, CancellationToken cancellationToken = default)
    {
        await RequireAuditorAsync(caller, "audit.verify", cancellationToken).ConfigureAwait(false);
        long expected = 1;
        long checkedCount = 0;
        var previous = AuditHasher.GenesisHash;
        while (true)
        {
            var batch = await store.ReadRangeAsync(expected, VerifyBatch, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return new AuditVerification(true, null, checkedCount);
            }

            foreach (var e in batch)
            {
                checkedCount++;
                if (e.Sequence != expected || !string.Equals(e.PreviousHash, previous, StringComparison.Ordinal)
                    || !string.Equals(AuditHasher.Compute(e), e.Hash, StringComparison.Ordinal))
                {
                    return new AuditVerification(false, expected, checkedCount);
                }

                previous = e.Hash;
                expected++;
            }
        }
    }

    private async Task RequireAuditorAsync(CallerContext caller, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrWhiteSpace(caller.UserId, nameof(caller));
        if (!access.HasPermission(caller, AccessRights.ReadAuditLog))
        {
            await AppendAsync(caller.UserId, AuditAction.Denied, operation, [], [], cancellationToken).ConfigureAwait(false);
            throw new AccessDeniedException(operation, AccessRights.ReadAuditLog);
        }
    }
}
