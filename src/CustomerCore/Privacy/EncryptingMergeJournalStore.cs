using CustomerCore.Customers;
using CustomerCore.Deduplication;

namespace CustomerCore.Privacy;

/// <summary>Encrypts the customer documents a merge journal keeps (the originals and the survivor as written), so undo
/// data is no weaker than the store itself; ids, decisions' field names and times stay readable for listing.</summary>
/// <remarks>Each document is bound to its journal entry and position (the cipher's associated data), so documents cannot be
/// swapped between entries. Decisions and discarded values carry values too: they are encrypted the same way.</remarks>
internal sealed class EncryptingMergeJournalStore(IMergeJournalStore inner, FieldCipher cipher) : IMergeJournalStore
{
    public Task AppendAsync(MergeJournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var id = entry.Id.ToString();
        return inner.AppendAsync(entry with
        {
            OriginalsJson = [.. entry.OriginalsJson.Select((json, i) => cipher.Encrypt(json, id, $"journal.originals[{i}]"))],
            SurvivorJson = cipher.Encrypt(entry.SurvivorJson, id, "journal.survivor"),
            Decisions = [.. entry.Decisions.Select((d, i) => d with { Value = cipher.EncryptOrNull(d.Value, id, $"journal.decisions[{i}]") })],
            Discarded = [.. entry.Discarded.Select((d, i) => d with { Value = cipher.Encrypt(d.Value, id, $"journal.discarded[{i}]") })],
        }, cancellationToken);
    }

    public async Task<MergeJournalEntry?> GetAsync(MergeJournalId id, CancellationToken cancellationToken = default)
    {
        var stored = await inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Decrypt(stored);
    }

    public async Task<IReadOnlyList<MergeJournalEntry>> ListByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        var stored = await inner.ListByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
        return [.. stored.Select(Decrypt)];
    }

    public Task<bool> MarkUndoneAsync(MergeJournalId id, DateTimeOffset undoneAt, CancellationToken cancellationToken = default) =>
        inner.MarkUndoneAsync(id, undoneAt, cancellationToken);

    public Task<int> DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default) =>
        inner.DeleteByCustomerAsync(customerId, cancellationToken);

    private MergeJournalEntry Decrypt(MergeJournalEntry e)
    {
        var id = e.Id.ToString();
        return e with
        {
            OriginalsJson = [.. e.OriginalsJson.Select((json, i) => cipher.Decrypt(json, id, $"journal.originals[{i}]"))],
            SurvivorJson = cipher.Decrypt(e.SurvivorJson, id, "journal.survivor"),
            Decisions = [.. e.Decisions.Select((d, i) => d with { Value = cipher.DecryptOrNull(d.Value, id, $"journal.decisions[{i}]") })],
            Discarded = [.. e.Discarded.Select((d, i) => d with { Value = cipher.Decrypt(d.Value, id, $"journal.discarded[{i}]") })],
        };
    }
}
