using System.Diagnostics.CodeAnalysis;
using CustomerCore.Customers;

namespace CustomerCore.Deduplication;

/// <summary>Describes a dry-run merge of stored customers: the survivor to write, the originals as read, and every decision.</summary>
/// <param name="Survivor">The merged customer to write; it keeps the id of the first original. Callers may edit it (manual choices) before merging.</param>
/// <param name="Originals">The customers as read, survivor first; their versions guard the merge against concurrent changes.</param>
/// <param name="Decisions">The survivorship decision for every field that any customer has.</param>
/// <param name="Discarded">The values that are not in the planned survivor; the merge journal keeps them.</param>
public sealed record CustomerMergePlan(Customer Survivor, IReadOnlyList<Customer> Originals, IReadOnlyList<MergeDecision> Decisions, IReadOnlyList<DiscardedValue> Discarded);

/// <summary>Names why a merge was not planned or not executed.</summary>
public enum MergeError
{
    /// <summary>A customer of the merge does not exist (any more).</summary>
    CustomerNotFound = 1,

    /// <summary>A customer changed since the plan was made; plan again.</summary>
    CustomerChanged = 2,
}

/// <summary>Holds a merge plan, or why none could be made.</summary>
public sealed record CustomerMergePlanResult
{
    /// <summary>Gets the plan when successful.</summary>
    public CustomerMergePlan? Plan { get; init; }

    /// <summary>Gets the reason when not successful.</summary>
    public MergeError? Error { get; init; }

    /// <summary>Gets the customer the error is about, when there is one.</summary>
    public CustomerId? CustomerId { get; init; }

    /// <summary>Gets a value indicating whether a plan was made.</summary>
    [MemberNotNullWhen(true, nameof(Plan))]
    public bool IsSuccess => Plan is not null;
}

/// <summary>Holds the outcome of executing a merge plan.</summary>
public sealed record MergeResult
{
    /// <summary>Gets the journal entry written when successful; its id undoes the merge.</summary>
    public MergeJournalEntry? Journal { get; init; }

    /// <summary>Gets the survivor as stored when successful.</summary>
    public Customer? Survivor { get; init; }

    /// <summary>Gets the reason when not successful; then nothing was changed.</summary>
    public MergeError? Error { get; init; }

    /// <summary>Gets the customer the error is about, when there is one.</summary>
    public CustomerId? CustomerId { get; init; }

    /// <summary>Gets a value indicating whether the merge was executed.</summary>
    [MemberNotNullWhen(true, nameof(Journal), nameof(Survivor))]
    public bool IsSuccess => Journal is not null && Survivor is not null;
}

/// <summary>Names why an unmerge was refused.</summary>
public enum UnmergeError
{
    /// <summary>There is no journal entry with this id.</summary>
    JournalNotFound = 1,

    /// <summary>The merge was already undone.</summary>
    AlreadyUndone = 2,

    /// <summary>The survivor no longer exists.</summary>
    SurvivorMissing = 3,

    /// <summary>The survivor was changed since the merge; restoring it would lose that change.</summary>
    SurvivorChanged = 4,

    /// <summary>A customer with the id of a merged record exists again.</summary>
    MergedIdTaken = 5,
}

/// <summary>Holds the outcome of undoing a merge.</summary>
public sealed record UnmergeResult
{
    /// <summary>Gets the restored customers, survivor first, as stored, when successful.</summary>
    public IReadOnlyList<Customer> Restored { get; init; } = [];

    /// <summary>Gets how many related records were moved back to their original customers.</summary>
    public int MovedBack { get; init; }

    /// <summary>Gets the reason when refused; then nothing was changed.</summary>
    public UnmergeError? Error { get; init; }

    /// <summary>Gets the customer the error is about, when there is one.</summary>
    public CustomerId? CustomerId { get; init; }

    /// <summary>Gets a value indicating whether the merge was undone.</summary>
    public bool IsSuccess => Error is null;
}

/// <summary>Merges stored customers with survivorship rules, keeps a journal of every merge, and undoes merges exactly.</summary>
public interface IMergeService
{
    /// <summary>Plans the merge of stored customers into the first one without changing anything (a dry run).</summary>
    /// <param name="customerIds">The customers, survivor first; two or more distinct ids (N-way merges have no cap).</param>
    /// <param name="options">The survivorship rules and manual choices (field name to the id text of the customer whose value wins), or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The plan, or <see cref="MergeError.CustomerNotFound"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerIds"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two ids, a repeated id, or a manual choice names a customer that is not merged.</exception>
    Task<CustomerMergePlanResult> PlanAsync(IReadOnlyList<CustomerId> customerIds, MergeOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Executes a merge plan: writes the journal, updates the survivor, re-points related records and removes the merged customers.</summary>
    /// <param name="plan">The plan from <see cref="PlanAsync"/>, possibly with an edited survivor.</param>
    /// <param name="actorId">The id of the user who merges, kept in the journal, or null.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The journal entry and the stored survivor, or <see cref="MergeError.CustomerChanged"/> / <see cref="MergeError.CustomerNotFound"/> when a customer changed since planning (then nothing changed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">The plan has fewer than two originals, repeated ids, or a survivor whose id is not the first original's.</exception>
    Task<MergeResult> MergeAsync(CustomerMergePlan plan, string? actorId = null, CancellationToken cancellationToken = default);

    /// <summary>Undoes a merge: restores every original customer exactly and moves related records back.</summary>
    /// <param name="journalId">The journal entry of the merge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The restored customers, or why the unmerge was refused (then nothing changed).</returns>
    /// <remarks>Every field is restored as it was, times included; only <see cref="Customer.Version"/> differs, because stores own
    /// versions (the survivor gets its current version plus one, restored customers version 1). Related records added to the
    /// survivor after the merge stay with it; moved records deleted since are skipped.</remarks>
    Task<UnmergeResult> UnmergeAsync(MergeJournalId journalId, CancellationToken cancellationToken = default);

    /// <summary>Lists the merges that involve a customer, newest first.</summary>
    /// <param name="customerId">The customer, as survivor or merged record.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The journal entries.</returns>
    Task<IReadOnlyList<MergeJournalEntry>> ListMergesAsync(CustomerId customerId, CancellationToken cancellationToken = default);
}
