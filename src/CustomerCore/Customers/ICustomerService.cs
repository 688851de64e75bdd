using CustomerCore.Storage;

namespace CustomerCore.Customers;

/// <summary>Creates, changes, finds and deletes customers and their activities: the one entry point hosts call.</summary>
/// <remarks>Every call takes the caller's context. The service validates and normalizes input, stamps times, applies
/// the capabilities configured (access rules, duplicate check, audit, field encryption) and then calls the store, so no
/// entry point can bypass them. Thread-safe.</remarks>
public interface ICustomerService
{
    /// <summary>Validates, normalizes and stores a new customer.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="customer">The new customer; use <see cref="CustomerId.New"/> for its id. Phones and emails need only <c>Raw</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored customer (version 1), or every problem found; nothing is stored when invalid.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    Task<CustomerSaveResult> CreateAsync(CallerContext caller, Customer customer, CancellationToken cancellationToken = default);

    /// <summary>Validates, normalizes and stores many new customers with one store call (the import path).</summary>
    /// <param name="caller">Who is calling.</param>
    /// <param name="customers">The new customers; none may be null.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One result per input customer, in input order. Each item succeeds or fails on its own (invalid, id
    /// already taken, or a possible duplicate when the entry check is on, also against earlier items of the same call);
    /// the items that pass are written in one store transaction on SQLite and PostgreSQL.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="caller"/> or <paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customers"/> holds a null item.</exception>
    Task<IReadOnlyList<CustomerSaveResult>> CreateManyAsync(CallerContext caller, IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default);

    /// <summary>Validates, normalizes and stores a changed customer if nobody else changed it since it was read.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="customer">The changed customer, with the <see cref="Customer.Version"/> it was read at.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored customer, or why nothing was stored (invalid, conflict, not found).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    Task<CustomerSaveResult> UpdateAsync(CallerContext caller, Customer customer, CancellationToken cancellationToken = default);

    /// <summary>Gets a customer by id.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The customer, or <see langword="null"/> when there is none (or the caller may not see it).</returns>
    Task<Customer?> GetAsync(CallerContext caller, CustomerId id, CancellationToken cancellationToken = default);

    /// <summary>Finds customers; a phone or email in the query may be given as typed and is normalized first.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="query">The filters and page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page; an unparseable phone or email matches nothing.</returns>
    Task<Page<Customer>> SearchAsync(CallerContext caller, CustomerQuery query, CancellationToken cancellationToken = default);

    /// <summary>Streams every customer the caller may see, for exports and scans.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The customers in id order.</returns>
    IAsyncEnumerable<Customer> StreamAsync(CallerContext caller, CancellationToken cancellationToken = default);

    /// <summary>Deletes a customer if nobody changed it since it was read.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="id">The id.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when deleted; <see langword="false"/> when there was no such customer.</returns>
    /// <exception cref="ConcurrencyConflictException">The customer changed since it was read.</exception>
    Task<bool> DeleteAsync(CallerContext caller, CustomerId id, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Records an interaction with a customer.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="interaction">The interaction; its time defaults to now when not set.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored interaction.</returns>
    /// <exception cref="ArgumentException">The author is blank or a text field is too long.</exception>
    /// <exception cref="RecordNotFoundException">The customer does not exist.</exception>
    Task<Interaction> RecordInteractionAsync(CallerContext caller, Interaction interaction, CancellationToken cancellationToken = default);

    /// <summary>Lists a customer's interactions, newest first.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="page">The page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<Interaction>> GetTimelineAsync(CallerContext caller, CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Schedules a follow-up reminder, or changes one.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="reminder">The reminder.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored reminder.</returns>
    /// <exception cref="ArgumentException">The title or assignee is blank.</exception>
    /// <exception cref="RecordNotFoundException">The customer does not exist.</exception>
    Task<Reminder> ScheduleReminderAsync(CallerContext caller, Reminder reminder, CancellationToken cancellationToken = default);

    /// <summary>Marks a reminder done now.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="id">The reminder.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The completed reminder.</returns>
    /// <exception cref="RecordNotFoundException">The reminder does not exist.</exception>
    Task<Reminder> CompleteReminderAsync(CallerContext caller, ReminderId id, CancellationToken cancellationToken = default);

    /// <summary>Lists open reminders due before a time, earliest first.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="assigneeId">The assignee, or <see langword="null"/> for all the caller may see.</param>
    /// <param name="dueBefore">The exclusive upper bound of the due time.</param>
    /// <param name="page">The page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<Reminder>> GetDueRemindersAsync(CallerContext caller, string? assigneeId, DateTimeOffset dueBefore, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Records transactions (orders, purchases) in one batch: all or none.</summary>
    /// <param name="caller">Who makes the call.</param>
    /// <param name="transactions">The transactions.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number stored.</returns>
    /// <exception cref="ArgumentException">A currency is not a three-letter ISO 4217 code.</exception>
    Task<int> RecordTransactionsAsync(CallerContext caller, IReadOnlyList<CustomerTransaction> transactions, CancellationToken cancellationToken = default);
}
