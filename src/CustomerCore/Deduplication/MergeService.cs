using CustomerCore.Customers;
using CustomerCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerCore.Deduplication;

/// <summary>Merges stored customers through the store contracts, journals every merge and undoes merges exactly.</summary>
/// <remarks>
/// <para>A merge runs in this order, so a failure part-way never loses data: re-read every customer and compare versions
/// with the plan; append the journal entry (every original as a stored JSON document); update the survivor (optimistic on
/// its version); delete the merged customers (optimistic on their versions); move their interactions, reminders and
/// transactions to the survivor. If a customer changes while this runs, the steps already done are compensated, the entry
/// is marked undone and <see cref="MergeError.CustomerChanged"/> is returned.</para>
/// <para>The stores are separate contracts, so a merge is not one database transaction; a crash part-way leaves a journal
/// entry from which <see cref="UnmergeAsync"/> restores. Related stores that are not registered are skipped.
/// Thread-safe; concurrent merges of the same customers are serialized by the stores' optimistic concurrency.</para>
/// </remarks>
public sealed class MergeService : IMergeService
{
    private readonly ICustomerStore _customers;
    private readonly IMergeJournalStore _journal;
    private readonly IInteractionStore? _interactions;
    private readonly IReminderStore? _reminders;
    private readonly ITransactionStore? _transactions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a merge service over the given stores.</summary>
    /// <param name="customers">The customer store.</param>
    /// <param name="journal">The merge journal.</param>
    /// <param name="interactions">The interaction store, or null when interactions are not stored.</param>
    /// <param name="reminders">The reminder store, or null when reminders are not stored.</param>
    /// <param name="transactions">The transaction store, or null when transactions are not stored.</param>
    /// <param name="timeProvider">The clock for merge and undo times, or null for the system clock.</param>
    /// <param name="logger">An optional logger.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> or <paramref name="journal"/> is null.</exception>
    public MergeService(
        ICustomerStore customers,
        IMergeJournalStore journal,
        IInteractionStore? interactions = null,
        IReminderStore? reminders = null,
        ITransactionStore? transactions = null,
        TimeProvider? timeProvider = null,
        ILogger<MergeService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(journal);
        _customers = customers;
        _journal = journal;
        _interactions = interactions;
        _reminders = reminders;
        _transactions = transactions;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc/>
    public async Task<CustomerMergePlanResult> PlanAsync(IReadOnlyList<CustomerId> customerIds, MergeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        if (customerIds.Count < 2)
        {
            throw new ArgumentException("A merge needs at least two customers.", nameof(customerIds));
        }

        if (customerIds.Distinct().Count() != customerIds.Count)
        {
            throw new ArgumentException("A merge cannot name the same customer twice.", nameof(customerIds));
        }

        options ??= new MergeOptions();
        foreach (var (field, id) in options.ManualChoices)
        {
            if (!customerIds.Any(c => string.Equals(c.ToString(), id, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"The manual choice for field '{field}' names a customer that is not merged.", nameof(options));
            }
        }

        var customers = new Customer[customerIds.Count];
        for (var i = 0; i < customerIds.Count; i++)
        {
            var found = await _customers.GetAsync(customerIds[i], cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return new CustomerMergePlanResult { Error = MergeError.CustomerNotFound, CustomerId = customerIds[i] };
            }

            customers[i] = found;
        }

        return new CustomerMergePlanResult { Plan = CustomerMergePlanner.Plan(customers, options, _time.GetUtcNow()) };
    }

    /// <inheritdoc/>
    public async Task<MergeResult> MergeAsync(CustomerMergePlan plan, string? actorId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Validate(plan);

        // 1. Nothing may have changed since the plan was made.
        foreach (var original in plan.Originals)
        {
            var current = await _customers.GetAsync(original.Id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return new MergeResult { Error = MergeError.CustomerNotFound, CustomerId = original.Id };
            }

            if (current.Version != original.Version)
            {
                return new MergeResult { Error = MergeError.CustomerChanged, CustomerId = original.Id };
            }
        }

        var survivorOriginal = plan.Originals[0];
        var losers = plan.Originals.Skip(1).ToArray();
        var moved = await CollectRelatedAsync(losers, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var toWrite = plan.Survivor with { Id = survivorOriginal.Id, Version = survivorOriginal.Version, UpdatedAt = now };

        // 2. Journal first: from here on every original is safe, whatever fails next. Stores write version + 1 on update.
        var entry = new MergeJournalEntry
        {
            Id = MergeJournalId.New(),
            SurvivorId = survivorOriginal.Id,
            MergedIds = [.. losers.Select(l => l.Id)],
            OriginalsJson = [.. plan.Originals.Select(MergeJournalJson.Write)],
            SurvivorJson = MergeJournalJson.Write(toWrite with { Version = survivorOriginal.Version + 1 }),
            Moved = moved,
            Decisions = plan.Decisions,
            Discarded = plan.Discarded,
            MergedAt = now,
            ActorId = actorId,
        };
        await _journal.AppendAsync(entry, cancellationToken).ConfigureAwait(false);

        // 3. Survivor, then losers, then related records; compensate on a concurrent change.
        Customer stored;
        try
        {
            stored = await _customers.UpdateAsync(toWrite, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or RecordNotFoundException)
        {
            await _journal.MarkUndoneAsync(entry.Id, now, CancellationToken.None).ConfigureAwait(false);
            return new MergeResult { Error = MergeError.CustomerChanged, CustomerId = survivorOriginal.Id };
        }

        for (var i = 0; i < losers.Length; i++)
        {
            bool conflict;
            try
            {
                conflict = !await _customers.DeleteAsync(losers[i].Id, losers[i].Version, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException)
            {
                conflict = true;
            }

            if (conflict)
            {
                await CompensateAsync(survivorOriginal, stored, losers.AsSpan(0, i).ToArray()).ConfigureAwait(false);
                await _journal.MarkUndoneAsync(entry.Id, now, CancellationToken.None).ConfigureAwait(false);
                return new MergeResult { Error = MergeError.CustomerChanged, CustomerId = losers[i].Id };
            }
        }

        await MoveAsync(moved, _ => survivorOriginal.Id, cancellationToken).ConfigureAwait(false);
        Log.MergeCompleted(_logger, entry.Id.Value, survivorOriginal.Id.Value, losers.Length, moved.Count);
        return new MergeResult { Journal = entry, Survivor = stored };
    }

    /// <inheritdoc/>
    public async Task<UnmergeResult> UnmergeAsync(MergeJournalId journalId, CancellationToken cancellationToken = default)
    {
        var entry = await _journal.GetAsync(journalId, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return new UnmergeResult { Error = UnmergeError.JournalNotFound };
        }

        if (!entry.IsInEffect)
        {
            return new UnmergeResult { Error = UnmergeError.AlreadyUndone, CustomerId = entry.SurvivorId };
        }

        var current = await _customers.GetAsync(entry.SurvivorId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return new UnmergeResult { Error = UnmergeError.SurvivorMissing, CustomerId = entry.SurvivorId };
        }

        var written = MergeJournalJson.ReadCustomer(entry.SurvivorJson);
        if (current.Version != written.Version && !SameContent(current, written))
        {
            return new UnmergeResult { Error = UnmergeError.SurvivorChanged, CustomerId = entry.SurvivorId };
        }

        foreach (var id in entry.MergedIds)
        {
            if (await _customers.GetAsync(id, cancellationToken).ConfigureAwait(false) is not null)
            {
                return new UnmergeResult { Error = UnmergeError.MergedIdTaken, CustomerId = id };
            }
        }

        var originals = entry.GetOriginals();
        Customer survivor;
        try
        {
            survivor = await _customers.UpdateAsync(originals[0] with { Version = current.Version }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or RecordNotFoundException)
        {
            return new UnmergeResult { Error = UnmergeError.SurvivorChanged, CustomerId = entry.SurvivorId };
        }

        var restored = new List<Customer>(originals.Count) { survivor };
        for (var i = 1; i < originals.Count; i++)
        {
            restored.Add(await _customers.AddAsync(originals[i], cancellationToken).ConfigureAwait(false));
        }

        var movedBack = await MoveAsync(entry.Moved, m => m.From, cancellationToken).ConfigureAwait(false);
        await _journal.MarkUndoneAsync(entry.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Log.UnmergeCompleted(_logger, entry.Id.Value, entry.SurvivorId.Value, restored.Count, movedBack);
        return new UnmergeResult { Restored = restored, MovedBack = movedBack };
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<MergeJournalEntry>> ListMergesAsync(CustomerId customerId, CancellationToken cancellationToken = default) =>
        _journal.ListByCustomerAsync(customerId, cancellationToken);

    private static void Validate(CustomerMergePlan plan)
    {
        if (plan.Survivor is null || plan.Originals is null || plan.Originals.Count < 2 || plan.Originals.Any(o => o is null))
        {
            throw new ArgumentException("A merge plan needs a survivor and at least two originals.", nameof(plan));
        }

        if (plan.Originals.Select(o => o.Id).Distinct().Count() != plan.Originals.Count)
        {
            throw new ArgumentException("A merge plan cannot hold the same customer twice.", nameof(plan));
        }

        if (plan.Survivor.Id != plan.Originals[0].Id)
        {
            throw new ArgumentException("The survivor must keep the id of the first original.", nameof(plan));
        }
    }

    // Two customers hold the same values when their stored documents agree apart from version and change time.
    private static bool SameContent(Customer a, Customer b) =>
        string.Equals(
            MergeJournalJson.Write(a with { Version = 0, UpdatedAt = default }),
            MergeJournalJson.Write(b with { Version = 0, UpdatedAt = default }),
            StringComparison.Ordinal);

    private async Task<List<MovedRecord>> CollectRelatedAsync(IReadOnlyList<Customer> losers, CancellationToken cancellationToken)
    {
        var moved = new List<MovedRecord>();
        foreach (var loser in losers)
        {
            if (_interactions is not null)
            {
                await foreach (var i in PagesAsync(p => _interactions.ListByCustomerAsync(loser.Id, p, cancellationToken)).ConfigureAwait(false))
                {
                    moved.Add(new MovedRecord(RelatedRecordKind.Interaction, i.Id.Value, loser.Id));
                }
            }

            if (_reminders is not null)
            {
                await foreach (var r in PagesAsync(p => _reminders.ListByCustomerAsync(loser.Id, p, cancellationToken)).ConfigureAwait(false))
                {
                    moved.Add(new MovedRecord(RelatedRecordKind.Reminder, r.Id.Value, loser.Id));
                }
            }

            if (_transactions is not null)
            {
                await foreach (var t in PagesAsync(p => _transactions.ListByCustomerAsync(loser.Id, p, cancellationToken)).ConfigureAwait(false))
                {
                    moved.Add(new MovedRecord(RelatedRecordKind.Transaction, t.Id.Value, loser.Id));
                }
            }
        }

        return moved;
    }

    private static async IAsyncEnumerable<T> PagesAsync<T>(Func<PageRequest, Task<Page<T>>> list)
    {
        string? token = null;
        do
        {
            var page = await list(new PageRequest(PageRequest.MaxPageSize, token)).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    private async Task<int> MoveAsync(IReadOnlyList<MovedRecord> records, Func<MovedRecord, CustomerId> target, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var group in records.GroupBy(r => (r.Kind, Target: target(r))))
        {
            var ids = group.Select(r => r.Id).ToArray();
            count += group.Key.Kind switch
            {
                RelatedRecordKind.Interaction when _interactions is not null =>
                    await _interactions.MoveAsync([.. ids.Select(g => new InteractionId(g))], group.Key.Target, cancellationToken).ConfigureAwait(false),
                RelatedRecordKind.Reminder when _reminders is not null =>
                    await _reminders.MoveAsync([.. ids.Select(g => new ReminderId(g))], group.Key.Target, cancellationToken).ConfigureAwait(false),
                RelatedRecordKind.Transaction when _transactions is not null =>
                    await _transactions.MoveAsync([.. ids.Select(g => new TransactionId(g))], group.Key.Target, cancellationToken).ConfigureAwait(false),
                _ => 0,
            };
        }

        return count;
    }

    // Undoes the first steps of a merge that met a concurrent change: restores the survivor and re-adds deleted losers.
    private async Task CompensateAsync(Customer survivorOriginal, Customer stored, Customer[] deleted)
    {
        await _customers.UpdateAsync(survivorOriginal with { Version = stored.Version }, CancellationToken.None).ConfigureAwait(false);
        foreach (var loser in deleted)
        {
            await _customers.AddAsync(loser, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
