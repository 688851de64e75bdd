using CustomerCore.Customers;

namespace CustomerCore.Storage;

/// <summary>Stores customers: the contract every storage provider implements and the conformance suite checks.</summary>
/// <remarks>Stores persist records exactly as given (byte-for-byte strings) and own <see cref="Customer.Version"/>:
/// adds write version 1, updates write the stored version plus one. Hosts do not call stores directly; they go through
/// <c>ICustomerService</c>, which validates, applies access rules and stamps times. Implementations are thread-safe.</remarks>
public interface ICustomerStore
{
    /// <summary>Gets a customer by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The customer, or <see langword="null"/> when there is none.</returns>
    Task<Customer?> GetAsync(CustomerId id, CancellationToken cancellationToken = default);

    /// <summary>Adds a new customer with version 1.</summary>
    /// <param name="customer">The customer; its version is ignored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored customer, with version 1.</returns>
    /// <exception cref="RecordAlreadyExistsException">A customer with the same id exists.</exception>
    Task<Customer> AddAsync(Customer customer, CancellationToken cancellationToken = default);

    /// <summary>Replaces a customer if it still has the version the caller read.</summary>
    /// <param name="customer">The changed customer; <see cref="Customer.Version"/> is the version it was read at.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored customer, with the version incremented.</returns>
    /// <exception cref="ConcurrencyConflictException">The stored version differs: someone else saved first.</exception>
    /// <exception cref="RecordNotFoundException">There is no customer with this id.</exception>
    Task<Customer> UpdateAsync(Customer customer, CancellationToken cancellationToken = default);

    /// <summary>Deletes a customer if it still has the version the caller read.</summary>
    /// <param name="id">The id.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when deleted; <see langword="false"/> when there was no such customer.</returns>
    /// <exception cref="ConcurrencyConflictException">The stored version differs.</exception>
    Task<bool> DeleteAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a batch of customers in one transaction: all of them are stored, or none.</summary>
    /// <param name="customers">The customers; each is stored with version 1 when new, else the stored version plus one.</param>
    /// <param name="progress">Receives the number of customers written so far, when given.</param>
    /// <param name="cancellationToken">Cancels the operation; a cancelled batch stores nothing.</param>
    /// <returns>The number of customers written.</returns>
    /// <exception cref="ArgumentException">The batch holds the same id twice.</exception>
    Task<int> UpsertBatchAsync(IReadOnlyList<Customer> customers, IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Adds many new customers with version 1, skipping those whose id is taken (the batch path of creates).</summary>
    /// <param name="customers">The customers; their versions are ignored; an id may appear once.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One flag per input customer, in input order: <see langword="true"/> when added, <see langword="false"/>
    /// when a customer with that id already existed (nothing of it was written).</returns>
    /// <exception cref="ArgumentException">The list holds a null customer or the same id twice.</exception>
    /// <remarks>The SQLite and PostgreSQL providers write the whole call in one transaction: every new customer is stored,
    /// or none. This default implementation, which decorators and other stores inherit, adds them one by one.</remarks>
    async Task<IReadOnlyList<bool>> AddManyAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default)
    {
        StoreBatch.Check(customers);
        var added = new bool[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            try
            {
                await AddAsync(customers[i], cancellationToken).ConfigureAwait(false);
                added[i] = true;
            }
            catch (RecordAlreadyExistsException)
            {
                added[i] = false;
            }
        }

        return added;
    }

    /// <summary>Finds customers that match every filter of the query, one page at a time.</summary>
    /// <param name="query">The filters and page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page, in ascending id order.</returns>
    /// <exception cref="ArgumentException">The continuation token is not one this store issued.</exception>
    Task<Page<Customer>> QueryAsync(CustomerQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts all customers.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of customers.</returns>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Streams every customer in ascending id order without loading them all into memory.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The customers.</returns>
    IAsyncEnumerable<Customer> StreamAsync(CancellationToken cancellationToken = default);
}
