using System.Runtime.CompilerServices;
using CustomerCore.Emails;
using CustomerCore.Phones;
using CustomerCore.Storage;
using Microsoft.Extensions.Logging;

namespace CustomerCore.Customers;

/// <summary>Implements the customer service over the registered stores.</summary>
/// <remarks>Pipeline per write, in the order of ARCHITECTURE.md: validate and normalize, stamp, store. Later
/// capabilities (access rules, duplicate check on entry, audit, field encryption) plug in here.</remarks>
internal sealed class CustomerService : ICustomerService, IValidatedCustomerWriter
{
    private const int MaxTextLength = 1_000_000;
    private readonly ICustomerStore _customers;
    private readonly IInteractionStore? _interactions;
    private readonly IReminderStore? _reminders;
    private readonly ITransactionStore? _transactions;
    private readonly ICustomerValidator _validator;
    private readonly IPhoneNormalizer _phones;
    private readonly IEmailNormalizer _emails;
    private readonly TimeProvider _time;
    private readonly ILogger<CustomerService> _logger;
    private readonly EntryDuplicateCheck _entryCheck;

    public CustomerService(
        ICustomerStore customers,
        ICustomerValidator validator,
        IPhoneNormalizer phones,
        IEmailNormalizer emails,
        TimeProvider time,
        ILogger<CustomerService> logger,
        IInteractionStore? interactions = null,
        IReminderStore? reminders = null,
        ITransactionStore? transactions = null,
        EntryDuplicateCheck entryCheck = EntryDuplicateCheck.Off)
    {
        _entryCheck = entryCheck;
        _customers = customers;
        _validator = validator;
        _phones = phones;
        _emails = emails;
        _time = time;
        _logger = logger;
        _interactions = interactions;
        _reminders = reminders;
        _transactions = transactions;
    }

    public async Task<CustomerSaveResult> CreateAsync(CallerContext caller, Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(customer);
        var validation = _validator.Validate(customer);
        if (!validation.IsValid)
        {
            Log.CustomerRejected(_logger, customer.Id, validation.Problems.Count);
            return new CustomerSaveResult(SaveStatus.Invalid, null, validation.Problems);
        }

        if (_entryCheck == EntryDuplicateCheck.RejectExactContactMatch)
        {
            var existing = await ExactContactMatchesAsync(validation.Customer, cancellationToken).ConfigureAwait(false);
            if (existing.Count > 0)
            {
                return new CustomerSaveResult(SaveStatus.PossibleDuplicate, null, [], existing);
            }
        }

        var now = _time.GetUtcNow();
        var toStore = validation.Customer with
        {
            CreatedAt = customer.CreatedAt == default ? now : customer.CreatedAt,
            UpdatedAt = now,
        };
        try
        {
            var stored = await _customers.AddAsync(toStore, cancellationToken).ConfigureAwait(false);
            Log.CustomerCreated(_logger, stored.Id);
            return new CustomerSaveResult(SaveStatus.Created, stored, []);
        }
        catch (RecordAlreadyExistsException)
        {
            return new CustomerSaveResult(SaveStatus.AlreadyExists, null, []);
        }
    }

    /// <inheritdoc/>
    public ICustomerValidator? Validator => _validator;

    public Task<IReadOnlyList<CustomerSaveResult>> CreateManyAsync(CallerContext caller, IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default) =>
        CreateManyCoreAsync(caller, customers, validated: false, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<CustomerSaveResult>> CreateManyValidatedAsync(CallerContext caller, IReadOnlyList<Customer> normalized, CancellationToken cancellationToken = default) =>
        CreateManyCoreAsync(caller, normalized, validated: true, cancellationToken);

    /// <summary>Creates customers in one store call; with <paramref name="validated"/> the items are already the valid output
    /// of the validator (validation is deterministic, so running it again would return them unchanged).</summary>
    private async Task<IReadOnlyList<CustomerSaveResult>> CreateManyCoreAsync(CallerContext caller, IReadOnlyList<Customer> customers, bool validated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(customers);
        var results = new CustomerSaveResult[customers.Count];
        var toStore = new List<Customer>(customers.Count);
        var positions = new List<int>(customers.Count);
        var ids = new HashSet<Guid>(customers.Count);
        var contactsInCall = _entryCheck == EntryDuplicateCheck.RejectExactContactMatch ? new Dictionary<(int, string), CustomerId>() : null;
        var now = _time.GetUtcNow();
        var invalid = 0;
        for (var i = 0; i < customers.Count; i++)
        {
            var customer = customers[i] ?? throw new ArgumentException($"The list holds a null customer at index {i}.", nameof(customers));
            var normalized = customer;
            if (!validated)
            {
                var validation = _validator.Validate(customer);
                if (!validation.IsValid)
                {
                    Log.CustomerRejected(_logger, customer.Id, validation.Problems.Count);
                    results[i] = new CustomerSaveResult(SaveStatus.Invalid, null, validation.Problems);
                    invalid++;
                    continue;
                }

                normalized = validation.Customer;
            }

            if (!ids.Add(customer.Id.Value))
            {
                results[i] = new CustomerSaveResult(SaveStatus.AlreadyExists, null, []);
                continue;
            }

            if (contactsInCall is not null)
            {
                var existing = await ExactContactMatchesAsync(normalized, cancellationToken).ConfigureAwait(false);
                var keys = ContactKeys(normalized);
                foreach (var key in keys)
                {
                    if (contactsInCall.TryGetValue(key, out var earlier) && !existing.Contains(earlier))
                    {
                        existing.Add(earlier);
                    }
                }

                if (existing.Count > 0)
                {
                    results[i] = new CustomerSaveResult(SaveStatus.PossibleDuplicate, null, [], existing);
                    continue;
                }

                foreach (var key in keys)
                {
                    contactsInCall.TryAdd(key, customer.Id);
                }
            }

            toStore.Add(normalized with
            {
                CreatedAt = customer.CreatedAt == default ? now : customer.CreatedAt,
                UpdatedAt = now,
            });
            positions.Add(i);
        }

        var created = 0;
        if (toStore.Count > 0)
        {
            var added = await _customers.AddManyAsync(toStore, cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < toStore.Count; k++)
            {
                results[positions[k]] = added[k]
                    ? new CustomerSaveResult(SaveStatus.Created, toStore[k] with { Version = 1 }, [])
                    : new CustomerSaveResult(SaveStatus.AlreadyExists, null, []);
                created += added[k] ? 1 : 0;
            }
        }

        Log.CustomersCreated(_logger, customers.Count, created, invalid, customers.Count - created - invalid);
        return results;
    }

    public async Task<CustomerSaveResult> UpdateAsync(CallerContext caller, Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(customer);
        var validation = _validator.Validate(customer);
        if (!validation.IsValid)
        {
            Log.CustomerRejected(_logger, customer.Id, validation.Problems.Count);
            return new CustomerSaveResult(SaveStatus.Invalid, null, validation.Problems);
        }

        try
        {
            var stored = await _customers.UpdateAsync(validation.Customer with { UpdatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            return new CustomerSaveResult(SaveStatus.Updated, stored, []);
        }
        catch (ConcurrencyConflictException)
        {
            Log.CustomerConflict(_logger, customer.Id, customer.Version);
            return new CustomerSaveResult(SaveStatus.Conflict, null, []);
        }
        catch (RecordNotFoundException)
        {
            return new CustomerSaveResult(SaveStatus.NotFound, null, []);
        }
    }

    public Task<Customer?> GetAsync(CallerContext caller, CustomerId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return _customers.GetAsync(id, cancellationToken);
    }

    public Task<Page<Customer>> SearchAsync(CallerContext caller, CustomerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        query.Page.Validate();
        if (query.Phone is not null)
        {
            var phone = _phones.Normalize(query.Phone);
            if (!phone.IsSuccess)
            {
                return Task.FromResult(new Page<Customer>([], null));
            }

            query = query with { Phone = phone.E164 };
        }

        if (query.Email is not null)
        {
            var email = _emails.Normalize(query.Email);
            if (!email.IsSuccess)
            {
                return Task.FromResult(new Page<Customer>([], null));
            }

            query = query with { Email = email.Normalized };
        }

        return _customers.QueryAsync(query, cancellationToken);
    }

    public async IAsyncEnumerable<Customer> StreamAsync(CallerContext caller, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await foreach (var c in _customers.StreamAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return c;
        }
    }

    public Task<bool> DeleteAsync(CallerContext caller, CustomerId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return _customers.DeleteAsync(id, expectedVersion, cancellationToken);
    }

    public async Task<Interaction> RecordInteractionAsync(CallerContext caller, Interaction interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(interaction.AuthorId, nameof(interaction));
        CheckText(interaction.Subject, "Subject", nameof(interaction));
        CheckText(interaction.Notes, "Notes", nameof(interaction));
        if (!Enum.IsDefined(interaction.Kind))
        {
            throw new ArgumentException("Kind must be one of: " + string.Join(", ", Enum.GetNames<InteractionKind>()) + ".", nameof(interaction));
        }

        var store = Require(_interactions, nameof(IInteractionStore));
        await RequireCustomerAsync(interaction.CustomerId, cancellationToken).ConfigureAwait(false);
        var toStore = interaction.OccurredAt == default ? interaction with { OccurredAt = _time.GetUtcNow() } : interaction;
        await store.AddAsync(toStore, cancellationToken).ConfigureAwait(false);
        return toStore;
    }

    public Task<Page<Interaction>> GetTimelineAsync(CallerContext caller, CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        page.Validate();
        return Require(_interactions, nameof(IInteractionStore)).ListByCustomerAsync(customerId, page, cancellationToken);
    }

    public async Task<Reminder> ScheduleReminderAsync(CallerContext caller, Reminder reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentException.ThrowIfNullOrWhiteSpace(reminder.Title, nameof(reminder));
        ArgumentException.ThrowIfNullOrWhiteSpace(reminder.AssigneeId, nameof(reminder));
        CheckText(reminder.Title, "Title", nameof(reminder));
        var store = Require(_reminders, nameof(IReminderStore));
        await RequireCustomerAsync(reminder.CustomerId, cancellationToken).ConfigureAwait(false);
        await store.UpsertAsync(reminder, cancellationToken).ConfigureAwait(false);
        return reminder;
    }

    public async Task<Reminder> CompleteReminderAsync(CallerContext caller, ReminderId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var store = Require(_reminders, nameof(IReminderStore));
        var reminder = await store.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new RecordNotFoundException(nameof(Reminder), id.ToString());
        if (reminder.IsDone)
        {
            return reminder;
        }

        var done = reminder with { CompletedAt = _time.GetUtcNow() };
        await store.UpsertAsync(done, cancellationToken).ConfigureAwait(false);
        return done;
    }

    public Task<Page<Reminder>> GetDueRemindersAsync(CallerContext caller, string? assigneeId, DateTimeOffset dueBefore, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        page.Validate();
        return Require(_reminders, nameof(IReminderStore)).ListDueAsync(assigneeId, dueBefore, page, cancellationToken);
    }

    public Task<int> RecordTransactionsAsync(CallerContext caller, IReadOnlyList<CustomerTransaction> transactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(transactions);
        for (var i = 0; i < transactions.Count; i++)
        {
            var t = transactions[i] ?? throw new ArgumentException($"Transaction {i} is null.", nameof(transactions));
            if (t.Currency is not { Length: 3 } c || !c.All(char.IsAsciiLetterUpper))
            {
                throw new ArgumentException($"Transaction {i}: Currency must be a three-letter upper-case ISO 4217 code such as CNY or USD.", nameof(transactions));
            }
        }

        return Require(_transactions, nameof(ITransactionStore)).UpsertBatchAsync(transactions, cancellationToken);
    }

    /// <summary>Finds customers sharing an E.164 phone or a normalized email: index lookups, one per contact point.</summary>
    private async Task<List<CustomerId>> ExactContactMatchesAsync(Customer customer, CancellationToken cancellationToken)
    {
        var found = new List<CustomerId>();
        var queries = customer.Phones.Where(p => p.E164 is not null).Select(p => new CustomerQuery { Phone = p.E164, Page = new PageRequest(10) })
            .Concat(customer.Emails.Where(e => e.Normalized is not null).Select(e => new CustomerQuery { Email = e.Normalized, Page = new PageRequest(10) }));
        foreach (var query in queries)
        {
            var page = await _customers.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var c in page.Items)
            {
                if (c.Id != customer.Id && !found.Contains(c.Id))
                {
                    found.Add(c.Id);
                }
            }
        }

        return found;
    }

    private static List<(int Kind, string Value)> ContactKeys(Customer customer)
    {
        var keys = new List<(int, string)>();
        foreach (var phone in customer.Phones)
        {
            if (phone.E164 is { } e164)
            {
                keys.Add((1, e164));
            }
        }

        foreach (var email in customer.Emails)
        {
            if (email.Normalized is { } normalized)
            {
                keys.Add((2, normalized));
            }
        }

        return keys;
    }

    private async Task RequireCustomerAsync(CustomerId id, CancellationToken cancellationToken)
    {
        if (await _customers.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new RecordNotFoundException(nameof(Customer), id.ToString());
        }
    }

    private static void CheckText(string? text, string field, string paramName)
    {
        if (text is { Length: > MaxTextLength })
        {
            throw new ArgumentException($"{field} must be at most {MaxTextLength} characters.", paramName);
        }
    }

    private static T Require<T>(T? store, string name)
        where T : class =>
        store ?? throw new InvalidOperationException($"No {name} is registered: the configured storage provider does not store this kind of record.");
}
