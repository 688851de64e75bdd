using System.Text;
using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.Deduplication;

/// <summary>Keeps merge journal entries in an append-only JSON Lines file, so merges can be undone after a restart.</summary>
/// <remarks>Every append and every undo mark adds one line; nothing is rewritten, so a crash loses at most the line being
/// written (an incomplete last line is ignored). Reads fold the whole file (O(file size)); for large journals use a
/// database-backed journal. Thread-safe within one process; do not share one file between processes. The file holds
/// personal data (the merged records): protect it like the customer database.</remarks>
public sealed class JsonLinesMergeJournalStore : IMergeJournalStore
{
    private readonly string _path;
    private readonly Lock _gate = new();

    /// <summary>Creates a journal over a file; the file is created on the first append.</summary>
    /// <param name="path">The file path, for example <c>customers.db.merges.jsonl</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    public JsonLinesMergeJournalStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
    }

    /// <inheritdoc/>
    public Task AppendAsync(MergeJournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (Load().ContainsKey(entry.Id))
            {
                throw new RecordAlreadyExistsException(nameof(MergeJournalEntry), entry.Id.ToString());
            }

            Write(new MergeJournalLine { Entry = entry });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<MergeJournalEntry?> GetAsync(MergeJournalId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(Load().GetValueOrDefault(id));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<MergeJournalEntry>> ListByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<MergeJournalEntry> found;
        lock (_gate)
        {
            found = [.. Load().Values.Where(e => e.SurvivorId == customerId || e.MergedIds.Contains(customerId))];
        }

        found.Sort((x, y) => y.MergedAt != x.MergedAt ? y.MergedAt.CompareTo(x.MergedAt) : y.Id.Value.CompareTo(x.Id.Value));
        return Task.FromResult<IReadOnlyList<MergeJournalEntry>>(found);
    }

    /// <inheritdoc/>
    public Task<bool> MarkUndoneAsync(MergeJournalId id, DateTimeOffset undoneAt, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var entry = Load().GetValueOrDefault(id) ?? throw new RecordNotFoundException(nameof(MergeJournalEntry), id.ToString());
            if (entry.UndoneAt is not null)
            {
                return Task.FromResult(false);
            }

            Write(new MergeJournalLine { UndoneId = id, UndoneAt = undoneAt });
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The file is rewritten without those entries (to a temporary file, then moved over it), so no copy of the
    /// erased customer's data stays in it.</remarks>
    public Task<int> DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var entries = Load();
            var kept = entries.Values.Where(e => e.SurvivorId != customerId && !e.MergedIds.Contains(customerId)).ToList();
            var deleted = entries.Count - kept.Count;
            if (deleted == 0)
            {
                return Task.FromResult(0);
            }

            var temporary = _path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                foreach (var e in kept)
                {
                    stream.Write(MergeJournalJson.WriteLine(new MergeJournalLine { Entry = e with { UndoneAt = null } }));
                    stream.WriteByte((byte)'\n');
                    if (e.UndoneAt is { } undoneAt)
                    {
                        stream.Write(MergeJournalJson.WriteLine(new MergeJournalLine { UndoneId = e.Id, UndoneAt = undoneAt }));
                        stream.WriteByte((byte)'\n');
                    }
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
            return Task.FromResult(deleted);
        }
    }

    private Dictionary<MergeJournalId, MergeJournalEntry> Load()
    {
        var entries = new Dictionary<MergeJournalId, MergeJournalEntry>();
        if (!File.Exists(_path))
        {
            return entries;
        }

        foreach (var line in File.ReadLines(_path, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line) || MergeJournalJson.TryReadLine(line) is not { } parsed)
            {
                continue; // an incomplete last line after a crash
            }

            if (parsed.Entry is { } e)
            {
                entries[e.Id] = e;
            }
            else if (parsed.UndoneId is { } undone && entries.TryGetValue(undone, out var target))
            {
                entries[undone] = target with { UndoneAt = parsed.UndoneAt };
            }
        }

        return entries;
    }

    private void Write(MergeJournalLine line)
    {
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(MergeJournalJson.WriteLine(line));
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
    }
}

/// <summary>One line of a JSON Lines merge journal: an entry, or an undo mark.</summary>
internal sealed record MergeJournalLine
{
    public MergeJournalEntry? Entry { get; init; }

    public MergeJournalId? UndoneId { get; init; }

    public DateTimeOffset? UndoneAt { get; init; }
}
