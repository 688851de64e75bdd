using System.Diagnostics.CodeAnalysis;
using CustomerCore.Customers;

namespace CustomerCore.Deduplication;

/// <summary>Identifies a merge journal entry; new ids are time-ordered (UUID version 7).</summary>
/// <param name="Value">The underlying GUID.</param>
public readonly record struct MergeJournalId(Guid Value)
{
    /// <summary>Creates a new time-ordered id.</summary>
    /// <returns>The new id.</returns>
    public static MergeJournalId New() => new(Guid.CreateVersion7());

    /// <summary>Parses an id from its text form.</summary>
    /// <param name="text">The GUID text.</param>
    /// <param name="id">The parsed id when successful.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a GUID.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out MergeJournalId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new MergeJournalId(guid);
        return ok;
    }

    /// <summary>Returns the lower-case GUID text (format D).</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Value.ToString("D");
}

/// <summary>Names the kind of a record that belongs to a customer and is re-pointed by a merge.</summary>
public enum RelatedRecordKind
{
    /// <summary>An <see cref="Interaction"/>.</summary>
    Interaction = 0,

    /// <summary>A <see cref="Reminder"/>.</summary>
    Reminder = 1,

    /// <summary>A <see cref="CustomerTransaction"/>.</summary>
    Transaction = 2,
}

/// <summary>Records one related record that a merge moved from a merged customer to the survivor.</summary>
/// <param name="Kind">The kind of record.</param>
/// <param name="Id">The record's id (the GUID of its <see cref="InteractionId"/>, <see cref="ReminderId"/> or <see cref="TransactionId"/>).</param>
/// <param name="From">The customer it belonged to before the merge; unmerge moves it back there.</param>
public readonly record struct MovedRecord(RelatedRecordKind Kind, Guid Id, CustomerId From);

/// <summary>Holds everything needed to undo one merge: every original record exactly, the survivor as written and the moved records.</summary>
/// <remarks>The originals are the store's JSON documents (the format providers and backups share), so they restore byte for
/// byte. Entries hold personal data: erasure must delete the entries of an erased customer.</remarks>
public sealed record MergeJournalEntry
{
    /// <summary>Gets the id.</summary>
    public required MergeJournalId Id { get; init; }

    /// <summary>Gets the id of the surviving customer.</summary>
    public required CustomerId SurvivorId { get; init; }

    /// <summary>Gets the ids of the customers merged into the survivor and removed from the store.</summary>
    public required IReadOnlyList<CustomerId> MergedIds { get; init; }

    /// <summary>Gets every customer as it was before the merge, survivor first, as stored JSON documents.</summary>
    public required IReadOnlyList<string> OriginalsJson { get; init; }

    /// <summary>Gets the survivor as the merge wrote it, as a stored JSON document (its version is the one written).</summary>
    public required string SurvivorJson { get; init; }

    /// <summary>Gets the interactions, reminders and transactions the merge moved to the survivor.</summary>
    public IReadOnlyList<MovedRecord> Moved { get; init; } = [];

    /// <summary>Gets the survivorship decision for every field.</summary>
    public IReadOnlyList<MergeDecision> Decisions { get; init; } = [];

    /// <summary>Gets the values that did not survive (they stay in <see cref="OriginalsJson"/>).</summary>
    public IReadOnlyList<DiscardedValue> Discarded { get; init; } = [];

    /// <summary>Gets when the merge ran.</summary>
    public DateTimeOffset MergedAt { get; init; }

    /// <summary>Gets the id of the user who merged, when known.</summary>
    public string? ActorId { get; init; }

    /// <summary>Gets when the merge was undone (or abandoned because a record changed while it ran), or <see langword="null"/> while it is in effect.</summary>
    public DateTimeOffset? UndoneAt { get; init; }

    /// <summary>Gets a value indicating whether the merge is still in effect.</summary>
    public bool IsInEffect => UndoneAt is null;

    /// <summary>Gets the customers as they were before the merge, survivor first.</summary>
    /// <returns>The deserialized originals.</returns>
    /// <exception cref="CustomerCore.Storage.StorageException">A document is not a stored customer.</exception>
    public IReadOnlyList<Customer> GetOriginals() => [.. OriginalsJson.Select(MergeJournalJson.ReadCustomer)];
}

/// <summary>Stores merge journal entries so merges can be listed and undone.</summary>
/// <remarks>Append-only except for <see cref="MarkUndoneAsync"/>. Implementations are thread-safe. The default is in memory;
/// storage providers may register a durable one (serialize entries as JSON documents, index the survivor and merged ids).</remarks>
public interface IMergeJournalStore
{
    /// <summary>Appends an entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    /// <exception cref="CustomerCore.Storage.RecordAlreadyExistsException">An entry with the same id exists.</exception>
    Task AppendAsync(MergeJournalEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Gets an entry by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entry, or <see langword="null"/> when there is none.</returns>
    Task<MergeJournalEntry?> GetAsync(MergeJournalId id, CancellationToken cancellationToken = default);

    /// <summary>Lists the entries that involve a customer as survivor or as a merged record, newest first.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<MergeJournalEntry>> ListByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default);

    /// <summary>Marks an entry undone, unless it already is.</summary>
    /// <param name="id">The id.</param>
    /// <param name="undoneAt">When it was undone.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when marked now; <see langword="false"/> when it was already undone.</returns>
    /// <exception cref="CustomerCore.Storage.RecordNotFoundException">There is no entry with this id.</exception>
    Task<bool> MarkUndoneAsync(MergeJournalId id, DateTimeOffset undoneAt, CancellationToken cancellationToken = default);

    /// <summary>Deletes every entry that involves a customer, as survivor or as a merged record (a data-subject erasure).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of entries deleted; those merges can no longer be undone.</returns>
    Task<int> DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default);
}
