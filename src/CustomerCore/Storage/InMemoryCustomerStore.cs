using System.Runtime.CompilerServices;
using CustomerCore.Customers;

namespace CustomerCore.Storage;

/// <summary>Keeps customers, interactions, reminders and transactions in memory, for tests and samples.</summary>
/// <remarks>Thread-safe through one lock. Records are snapshotted on the way in, so a caller mutating a list it passed
/// cannot change what is stored. Phone and email queries use hash indexes; other filters scan in id order (O(n) per
/// page for selective filters); use the SQLite or PostgreSQL provider for real data.</remarks>
public sealed class InMemoryCustomerStore : ICustomerStore, IInteractionStore, IReminderStore, ITransactionStore, CustomerCore.Import.IContactKeyLookup
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<Guid, Customer> _customers = [];
    private readonly Dictionary<InteractionId, Interaction> _interactions = [];
    private readonly Dictionary<ReminderId, Reminder> _reminders = [];
    private readonly SortedDictionary<Guid, CustomerTransaction> _transactions = [];

    // Exact-lookup indexes (E.164 phone, normalized email → customer ids), so phone and email queries do not scan.
    private readonly Dictionary<string, HashSet<Guid>> _byPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<Guid>> _byEmail = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task<Customer?> GetAsync(CustomerId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_customers.GetValueOrDefault(id.Value));
        }
    }

    /// <inheritdoc/>
    public Task<Customer> AddAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = Snapshot(customer) with { Version = 1 };
        lock (_gate)
        {
            if (!_customers.TryAdd(customer.Id.Value, stored))
            {
                throw new RecordAlreadyExistsException(nameof(Customer), customer.Id.ToString());
            }

            Index(stored, add: true);
        }

        return Task.FromResult(stored);
    }

    /// <inheritdoc/>
    public Task<Customer> UpdateAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_customers.TryGetValue(customer.Id.Value, out var current))
            {
                throw new RecordNotFoundException(nameof(Customer), customer.Id.ToString());
            }

            if (current.Version != customer.Version)
            {
                throw new ConcurrencyConflictException(customer.Id.ToString(), customer.Version, current.Version);
            }

            var stored = Snapshot(customer) with { Version = current.Version + 1 };
            Index(current, add: false);
            _customers[customer.Id.Value] = stored;
            Index(stored, add: true);
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_customers.TryGetValue(id.Value, out var current))
            {
                return Task.FromResult(false);
            }

            if (current.Version != expectedVersion)
            {
                throw new ConcurrencyConflictException(id.ToString(), expectedVersion, current.Version);
            }

            Index(current, add: false);
            return Task.FromResult(_customers.Remove(id.Value));
        }
    }

    /// <inheritdoc/>
    public Task<int> UpsertBatchAsync(IReadOnlyList<Customer> customers, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var seen = new HashSet<Guid>(customers.Count);
        var snapshots = new Customer[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i] ?? throw new ArgumentException($"The batch holds a null customer at index {i}.", nameof(customers));
            if (!seen.Add(c.Id.Value))
            {
                throw new ArgumentException($"The batch holds customer {c.Id} twice.", nameof(customers));
            }

            snapshots[i] = Snapshot(c);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var c in snapshots)
            {
                var version = 1L;
                if (_customers.TryGetValue(c.Id.Value, out var current))
                {
                    version = current.Version + 1;
                    Index(current, add: false);
                }

                _customers[c.Id.Value] = c with { Version = version };
                Index(c, add: true);
            }
        }

        progress?.Report(snapshots.Length);
        return Task.FromResult(snapshots.Length);
    }

    /// <inheritdoc/>
    public Task<Page<Customer>> QueryAsync(CustomerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Page.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        Guid? after = null;
        if (query.Page.ContinuationToken is { } token)
        {
            after = Guid.TryParseExact(token, "D", out var g) ? g : throw new ArgumentException("The continuation token is not one this store issued.", nameof(query));
        }

        var prefix = query.NamePrefix?.ToLowerInvariant();
        var items = new List<Customer>(Math.Min(query.Page.PageSize, 256));
        var more = false;
        lock (_gate)
        {
            IEnumerable<KeyValuePair<Guid, Customer>> candidates = _customers;
            var indexed = query.Phone is not null ? _byPhone.GetValueOrDefault(query.Phone) : query.Email is not null ? _byEmail.GetValueOrDefault(query.Email) : null;
            if (query.Phone is not null || query.Email is not null)
            {
                candidates = (indexed ?? []).Order().Select(id => new KeyValuePair<Guid, Customer>(id, _customers[id]));
            }

            foreach (var (id, c) in candidates)
            {
                if (after is { } a && id.CompareTo(a) <= 0)
                {
                    continue;
                }

                if (!Matches(c, query, prefix))
                {
                    continue;
                }

                if (items.Count == query.Page.PageSize)
                {
                    more = true;
                    break;
                }

                items.Add(c);
            }
        }

        return Task.FromResult(new Page<Customer>(items, more ? items[^1].Id.ToString() : null));
    }

    /// <inheritdoc/>
    public Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult((long)_customers.Count);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Customer> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = new CustomerQuery { Page = new PageRequest(1000) };
        while (true)
        {
            var page = await QueryAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var c in page.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return c;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            query = query with { Page = query.Page with { ContinuationToken = page.ContinuationToken } };
        }
    }

    /// <inheritdoc/>
    public Task AddAsync(Interaction interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_interactions.TryAdd(interaction.Id, interaction))
            {
                throw new RecordAlreadyExistsException(nameof(Interaction), interaction.Id.ToString());
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<Interaction?> GetAsync(InteractionId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_interactions.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc/>
    public Task<Page<Interaction>> ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default)
    {
        page.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        List<Interaction> all;
        lock (_gate)
        {
            all = [.. _interactions.Values.Where(i => i.CustomerId == customerId)];
        }

        // Newest first; the key (time, id) makes the order total so keyset paging is stable.
        all.Sort((x, y) => y.OccurredAt != x.OccurredAt ? y.OccurredAt.CompareTo(x.OccurredAt) : y.Id.Value.CompareTo(x.Id.Value));
        return Task.FromResult(PageOf(all, page, i => (i.OccurredAt.UtcTicks, i.Id.Value), descending: true));
    }

    /// <inheritdoc/>
    public Task<int> MoveAsync(IReadOnlyCollection<InteractionId> ids, CustomerId target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Move(_interactions, ids.Select(id => id), r => r with { CustomerId = target }));
    }

    /// <inheritdoc/>
    Task<int> IInteractionStore.DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(RemoveWhere(_interactions, i => i.CustomerId == customerId));
        }
    }

    /// <inheritdoc/>
    public Task UpsertAsync(Reminder reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _reminders[reminder.Id] = reminder;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<Reminder?> GetAsync(ReminderId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_reminders.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc/>
    Task<Page<Reminder>> IReminderStore.ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken) =>
        ListReminders(r => r.CustomerId == customerId, page, cancellationToken);

    /// <inheritdoc/>
    public Task<Page<Reminder>> ListDueAsync(string? assigneeId, DateTimeOffset dueBefore, PageRequest page, CancellationToken cancellationToken = default) =>
        ListReminders(r => !r.IsDone && r.DueAt < dueBefore && (assigneeId is null || r.AssigneeId == assigneeId), page, cancellationToken);

    /// <inheritdoc/>
    public Task<int> MoveAsync(IReadOnlyCollection<ReminderId> ids, CustomerId target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Move(_reminders, ids.Select(id => id), r => r with { CustomerId = target }));
    }

    /// <inheritdoc/>
    Task<int> IReminderStore.DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(RemoveWhere(_reminders, r => r.CustomerId == customerId));
        }
    }

    /// <inheritdoc/>
    public Task<int> UpsertBatchAsync(IReadOnlyList<CustomerTransaction> transactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        if (transactions.Any(t => t is null))
        {
            throw new ArgumentException("The batch holds a null transaction.", nameof(transactions));
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var t in transactions)
            {
                _transactions[t.Id.Value] = t with { Items = [.. t.Items] };
            }
        }

        return Task.FromResult(transactions.Count);
    }

    /// <inheritdoc/>
    Task<Page<CustomerTransaction>> ITransactionStore.ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken)
    {
        page.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        List<CustomerTransaction> all;
        lock (_gate)
        {
            all = [.. _transactions.Values.Where(t => t.CustomerId == customerId)];
        }

        all.Sort((x, y) => x.OccurredAt != y.OccurredAt ? x.OccurredAt.CompareTo(y.OccurredAt) : x.Id.Value.CompareTo(y.Id.Value));
        return Task.FromResult(PageOf(all, page, t => (t.OccurredAt.UtcTicks, t.Id.Value), descending: false));
    }

    /// <inheritdoc/>
    async IAsyncEnumerable<CustomerTransaction> ITransactionStore.StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CustomerTransaction[] all;
        lock (_gate)
        {
            all = [.. _transactions.Values];
        }

        foreach (var t in all)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return t;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<int> MoveAsync(IReadOnlyCollection<TransactionId> ids, CustomerId target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Move(_transactions, ids.Select(id => id.Value), r => r with { CustomerId = target }));
    }

    /// <inheritdoc/>
    Task<int> ITransactionStore.DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(RemoveWhere(_transactions, t => t.CustomerId == customerId));
        }
    }

    private Task<Page<Reminder>> ListReminders(Func<Reminder, bool> filter, PageRequest page, CancellationToken cancellationToken)
    {
        page.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        List<Reminder> all;
        lock (_gate)
        {
            all = [.. _reminders.Values.Where(filter)];
        }

        all.Sort((x, y) => x.DueAt != y.DueAt ? x.DueAt.CompareTo(y.DueAt) : x.Id.Value.CompareTo(y.Id.Value));
        return Task.FromResult(PageOf(all, page, r => (r.DueAt.UtcTicks, r.Id.Value), descending: false));
    }

    /// <inheritdoc/>
    Task<IReadOnlyCollection<string>> CustomerCore.Import.IContactKeyLookup.FindStoredKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        List<string> found = [];
        lock (_gate)
        {
            foreach (var key in keys)
            {
                var index = key.StartsWith(CustomerCore.Import.ContactKeys.PhonePrefix, StringComparison.Ordinal) ? _byPhone : key.StartsWith(CustomerCore.Import.ContactKeys.EmailPrefix, StringComparison.Ordinal) ? _byEmail : null;
                if (index is not null && index.TryGetValue(key[2..], out var ids) && ids.Count > 0)
                {
                    found.Add(key);
                }
            }
        }

        return Task.FromResult<IReadOnlyCollection<string>>(found);
    }

    private void Index(Customer c, bool add)
    {
        foreach (var p in c.Phones)
        {
            Update(_byPhone, p.E164, c.Id.Value, add);
        }

        foreach (var e in c.Emails)
        {
            Update(_byEmail, e.Normalized, c.Id.Value, add);
        }

        static void Update(Dictionary<string, HashSet<Guid>> index, string? key, Guid id, bool add)
        {
            if (key is null)
            {
                return;
            }

            if (add)
            {
                if (!index.TryGetValue(key, out var set))
                {
                    index[key] = set = [];
                }

                set.Add(id);
            }
            else if (index.TryGetValue(key, out var set) && set.Remove(id) && set.Count == 0)
            {
                index.Remove(key);
            }
        }
    }

    private static bool Matches(Customer c, CustomerQuery q, string? lowerPrefix)
    {
        if (q.OwnerId is not null && c.OwnerId != q.OwnerId)
        {
            return false;
        }

        if (q.OwnerIds is not null && (c.OwnerId is null || !q.OwnerIds.Contains(c.OwnerId)))
        {
            return false;
        }

        if (q.UnownedOnly && c.OwnerId is not null)
        {
            return false;
        }

        if (q.Stage is { } stage && c.Stage != stage)
        {
            return false;
        }

        if (q.UpdatedSince is { } since && c.UpdatedAt < since)
        {
            return false;
        }

        if (lowerPrefix is not null && !c.DisplayName.ToLowerInvariant().StartsWith(lowerPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (q.Tag is not null && !c.Tags.Contains(q.Tag, StringComparer.Ordinal))
        {
            return false;
        }

        if (q.Phone is not null && !c.Phones.Any(p => p.E164 == q.Phone))
        {
            return false;
        }

        if (q.Email is not null && !c.Emails.Any(e => e.Normalized == q.Email))
        {
            return false;
        }

        return q.Within is not { } box || c.Addresses.Any(a => a.Location is { } p && box.Contains(p));
    }

    /// <summary>Cuts a sorted list after the (ticks, id) key in the token; the token is the key of the last item returned.</summary>
    private static Page<T> PageOf<T>(List<T> sorted, PageRequest page, Func<T, (long Ticks, Guid Id)> key, bool descending)
    {
        var start = 0;
        if (page.ContinuationToken is { } token)
        {
            var last = KeysetToken.Decode(token, nameof(page));
            while (start < sorted.Count && Compare(key(sorted[start]), last, descending) <= 0)
            {
                start++;
            }
        }

        var count = Math.Min(page.PageSize, sorted.Count - start);
        var items = sorted.GetRange(start, count);
        var more = start + count < sorted.Count;
        string? next = null;
        if (more)
        {
            var k = key(items[^1]);
            next = KeysetToken.Encode(new DateTimeOffset(k.Ticks, TimeSpan.Zero), k.Id);
        }

        return new Page<T>(items, next);
    }

    private static int Compare((long Ticks, Guid Id) a, (long Ticks, Guid Id) b, bool descending)
    {
        var c = a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Id.CompareTo(b.Id);
        return descending ? -c : c;
    }

    /// <summary>Re-points the records with the given keys, under the lock; returns how many existed.</summary>
    private int Move<TKey, TValue>(IDictionary<TKey, TValue> map, IEnumerable<TKey> keys, Func<TValue, TValue> repoint)
    {
        var moved = 0;
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (map.TryGetValue(key, out var value))
                {
                    map[key] = repoint(value);
                    moved++;
                }
            }
        }

        return moved;
    }

    private static int RemoveWhere<TKey, TValue>(IDictionary<TKey, TValue> map, Func<TValue, bool> predicate)
    {
        var doomed = map.Where(kv => predicate(kv.Value)).Select(kv => kv.Key).ToList();
        foreach (var k in doomed)
        {
            map.Remove(k);
        }

        return doomed.Count;
    }

    private static Customer Snapshot(Customer c) => c with
    {
        Phones = [.. c.Phones],
        Emails = [.. c.Emails],
        Addresses = [.. c.Addresses],
        Tags = [.. c.Tags],
        Groups = [.. c.Groups],
        KeyContacts = [.. c.KeyContacts.Select(k => k with { Phones = [.. k.Phones], Emails = [.. k.Emails] })],
        Attributes = new Dictionary<string, string>(c.Attributes, StringComparer.Ordinal),
    };
}
