using CustomerCore.Customers;

namespace CustomerCore.Storage;

/// <summary>Stores interactions (calls, emails, meetings, visits, complaints, notes) linked to customers.</summary>
public interface IInteractionStore
{
    /// <summary>Adds an interaction.</summary>
    /// <param name="interaction">The interaction.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="RecordAlreadyExistsException">An interaction with the same id exists.</exception>
    Task AddAsync(Interaction interaction, CancellationToken cancellationToken = default);

    /// <summary>Gets an interaction by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The interaction, or <see langword="null"/>.</returns>
    Task<Interaction?> GetAsync(InteractionId id, CancellationToken cancellationToken = default);

    /// <summary>Lists a customer's interactions, newest first (ties by descending id).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="page">The page to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<Interaction>> ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Moves interactions to another customer (used by merge and unmerge).</summary>
    /// <param name="ids">The interactions to move.</param>
    /// <param name="target">The customer they move to.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were moved.</returns>
    Task<int> MoveAsync(IReadOnlyCollection<InteractionId> ids, CustomerId target, CancellationToken cancellationToken = default);

    /// <summary>Deletes every interaction of a customer (used by erasure).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default);
}

/// <summary>Stores follow-up reminders.</summary>
public interface IReminderStore
{
    /// <summary>Adds or replaces a reminder.</summary>
    /// <param name="reminder">The reminder.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    Task UpsertAsync(Reminder reminder, CancellationToken cancellationToken = default);

    /// <summary>Gets a reminder by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The reminder, or <see langword="null"/>.</returns>
    Task<Reminder?> GetAsync(ReminderId id, CancellationToken cancellationToken = default);

    /// <summary>Lists a customer's reminders, earliest due first (ties by id).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="page">The page to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<Reminder>> ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Lists open reminders due before a time, earliest first, optionally for one assignee.</summary>
    /// <param name="assigneeId">The assignee, or <see langword="null"/> for all.</param>
    /// <param name="dueBefore">The exclusive upper bound of the due time.</param>
    /// <param name="page">The page to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<Reminder>> ListDueAsync(string? assigneeId, DateTimeOffset dueBefore, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Moves reminders to another customer (used by merge and unmerge).</summary>
    /// <param name="ids">The reminders to move.</param>
    /// <param name="target">The customer they move to.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were moved.</returns>
    Task<int> MoveAsync(IReadOnlyCollection<ReminderId> ids, CustomerId target, CancellationToken cancellationToken = default);

    /// <summary>Deletes every reminder of a customer (used by erasure).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default);
}

/// <summary>Stores transactions (orders, purchases) for segmentation and history.</summary>
public interface ITransactionStore
{
    /// <summary>Inserts or replaces a batch of transactions in one transaction: all or none.</summary>
    /// <param name="transactions">The transactions.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number written.</returns>
    Task<int> UpsertBatchAsync(IReadOnlyList<CustomerTransaction> transactions, CancellationToken cancellationToken = default);

    /// <summary>Lists a customer's transactions, oldest first (ties by id).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="page">The page to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<CustomerTransaction>> ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Streams every transaction without loading them all into memory.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The transactions, in ascending id order.</returns>
    IAsyncEnumerable<CustomerTransaction> StreamAsync(CancellationToken cancellationToken = default);

    /// <summary>Moves transactions to another customer (used by merge and unmerge).</summary>
    /// <param name="ids">The transactions to move.</param>
    /// <param name="target">The customer they move to.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were moved.</returns>
    Task<int> MoveAsync(IReadOnlyCollection<TransactionId> ids, CustomerId target, CancellationToken cancellationToken = default);

    /// <summary>Deletes every transaction of a customer (used by erasure).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default);
}
