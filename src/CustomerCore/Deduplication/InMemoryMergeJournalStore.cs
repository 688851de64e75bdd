using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.Deduplication;

/// <summary>Keeps merge journal entries in memory: the default until a storage provider registers a durable journal.</summary>
/// <remarks>Thread-safe through one lock; entries are lost when the process ends. Listing scans all entries (O(n)).</remarks>
public sealed class InMemoryMergeJournalStore : IMergeJournalStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<MergeJournalId, MergeJournalEntry> _entries = [];

    /// <inheritdoc/>
    public Task AppendAsync(MergeJournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();

        // Snapshot the lists so a caller that mutates what it passed cannot change the journal.
        var stored = entry with
        {
            MergedIds = [.. entry.MergedIds],
            OriginalsJson = [.. entry.OriginalsJson],
            Moved = [.. entry.Moved],
            Decisions = [.. entry.Decisions],
            Discarded = [.. entry.Discarded],
        };
        lock (_gate)
        {
            if (!_entries.TryAdd(entry.Id, stored))
            {
                throw new RecordAlreadyExistsException(nameof(MergeJournalEntry), entry.Id.ToString());
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<MergeJournalEntry?> GetAsync(MergeJournalId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_entries.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<MergeJournalEntry>> ListByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<MergeJournalEntry> found;
        lock (_gate)
        {
            found = [.. _entries.Values.Where(e => e.SurvivorId == customerId || e.MergedIds.Contains(customerId))];
        }

        // Newest first; ids are time-ordered, so the id breaks ties between merges in the same tick.
        found.Sort((x, y) => y.MergedAt != x.MergedAt ? y.MergedAt.CompareTo(x.MergedAt) : y.Id.Value.CompareTo(x.Id.Value));
        return Task.FromResult<IReadOnlyList<MergeJournalEntry>>(found);
    }

    /// <inheritdoc/>
    public Task<bool> MarkUndoneAsync(MergeJournalId id, DateTimeOffset undoneAt, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_entries.TryGetValue(id, out var entry))
            {
                throw new RecordNotFoundException(nameof(MergeJournalEntry), id.ToString());
            }

            if (entry.UndoneAt is not null)
            {
                return Task.FromResult(false);
            }

            _entries[id] = entry with { UndoneAt = undoneAt };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<int> DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var doomed = _entries.Values.Where(e => e.SurvivorId == customerId || e.MergedIds.Contains(customerId)).Select(e => e.Id).ToList();
            foreach (var id in doomed)
            {
                _entries.Remove(id);
            }

            return Task.FromResult(doomed.Count);
        }
    }
}
