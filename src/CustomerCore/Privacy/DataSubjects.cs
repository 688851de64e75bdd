using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerCore.Customers;
using CustomerCore.Deduplication;
using CustomerCore.Storage;
using Microsoft.Extensions.Logging;

namespace CustomerCore.Privacy;

/// <summary>Answers data-subject requests (GDPR art. 15/17/20, CCPA, PIPL art. 45/47): export and erasure of one customer.</summary>
public interface IDataSubjectService
{
    /// <summary>Writes everything stored about one customer as one UTF-8 JSON document: the customer (decrypted), interactions, reminders, transactions and consents.</summary>
    /// <param name="caller">Who makes the request; passed to the privacy event sink.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="destination">A writable stream; it is not closed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the customer exists and was exported; <see langword="false"/> (nothing written) otherwise.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not writable.</exception>
    Task<bool> ExportAsync(CallerContext caller, CustomerId customerId, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>Erases one customer: deletes their interactions, reminders, transactions, consents and the customer record.</summary>
    /// <param name="caller">Who makes the request; passed to the privacy event sink.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was deleted, or <see cref="ErasureStatus.NotFound"/>.</returns>
    /// <remarks>Related records go first and the customer last, so an interrupted erasure can simply be repeated.
    /// Deleted rows may survive in a database's free pages, WAL or backups until they are overwritten: with field
    /// encryption on they hold ciphertext only. The erasure event (ids and counts, no values) goes to
    /// <see cref="IPrivacyEventSink"/> so the audit trail keeps that an erasure happened.</remarks>
    Task<ErasureResult> EraseAsync(CallerContext caller, CustomerId customerId, CancellationToken cancellationToken = default);
}

/// <summary>Says whether an erasure found the customer.</summary>
public enum ErasureStatus
{
    /// <summary>The customer and related records were deleted.</summary>
    Erased = 0,

    /// <summary>There was no such customer; related records with its id were still deleted.</summary>
    NotFound = 1,
}

/// <summary>Reports what an erasure deleted.</summary>
/// <param name="Status">Whether the customer existed.</param>
/// <param name="Interactions">How many interactions were deleted.</param>
/// <param name="Reminders">How many reminders were deleted.</param>
/// <param name="Transactions">How many transactions were deleted.</param>
/// <param name="Consents">How many consent records were deleted.</param>
public sealed record ErasureResult(ErasureStatus Status, int Interactions, int Reminders, int Transactions, int Consents)
{
    /// <summary>Gets the number of merge journal entries deleted because they held copies of the customer.</summary>
    public int MergeJournalEntries { get; init; }
}

/// <summary>Names a privacy event.</summary>
public enum PrivacyEventKind
{
    /// <summary>All data of a customer was exported.</summary>
    Exported = 0,

    /// <summary>A customer was erased.</summary>
    Erased = 1,
}

/// <summary>Describes a privacy event for the audit trail: ids and counts, never personal values.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="CustomerId">The customer concerned.</param>
/// <param name="UserId">Who asked.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="RecordsAffected">How many records were exported or deleted, the customer included.</param>
public sealed record PrivacyEvent(PrivacyEventKind Kind, CustomerId CustomerId, string UserId, DateTimeOffset OccurredAt, int RecordsAffected);

/// <summary>Receives privacy events, e.g. to append them to the audit log; the default does nothing.</summary>
public interface IPrivacyEventSink
{
    /// <summary>Handles one event; a failure propagates to the caller of the request after the data work is done.</summary>
    /// <param name="privacyEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when handled.</returns>
    Task PublishAsync(PrivacyEvent privacyEvent, CancellationToken cancellationToken = default);
}

/// <summary>Ignores privacy events: the default until a host or the audit log registers a sink.</summary>
internal sealed class NullPrivacyEventSink : IPrivacyEventSink
{
    public Task PublishAsync(PrivacyEvent privacyEvent, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>Implements data-subject requests over the store contracts.</summary>
internal sealed class DataSubjectService : IDataSubjectService
{
    private const int PageSize = 1000;
    private readonly PrivacyStores _stores;
    private readonly IConsentStore? _consents;
    private readonly IPrivacyEventSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMergeJournalStore? _journal;

    public DataSubjectService(PrivacyStores stores, IConsentStore? consents, IPrivacyEventSink sink, TimeProvider time, ILogger<DataSubjectService> logger, IMergeJournalStore? journal = null)
    {
        _journal = journal;
        _stores = stores;
        _consents = consents;
        _sink = sink;
        _time = time;
        _logger = logger;
    }

    public async Task<bool> ExportAsync(CallerContext caller, CustomerId customerId, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream must be writable.", nameof(destination));
        }

        var customer = await _stores.Customers.GetAsync(customerId, cancellationToken).ConfigureAwait(false);
        if (customer is null)
        {
            return false;
        }

        var export = new DataSubjectExport
        {
            ExportedAt = _time.GetUtcNow(),
            Customer = customer,
            Interactions = _stores.Interactions is { } i ? await AllAsync((p, ct) => i.ListByCustomerAsync(customerId, p, ct), cancellationToken).ConfigureAwait(false) : [],
            Reminders = _stores.Reminders is { } r ? await AllAsync((p, ct) => r.ListByCustomerAsync(customerId, p, ct), cancellationToken).ConfigureAwait(false) : [],
            Transactions = _stores.Transactions is { } t ? await AllAsync((p, ct) => t.ListByCustomerAsync(customerId, p, ct), cancellationToken).ConfigureAwait(false) : [],
            Consents = _consents is null ? [] : await _consents.ListByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false),
        };
        await JsonSerializer.SerializeAsync(destination, export, PrivacyJsonContext.Default.DataSubjectExport, cancellationToken).ConfigureAwait(false);
        var count = 1 + export.Interactions.Count + export.Reminders.Count + export.Transactions.Count + export.Consents.Count;
        Log.CustomerExported(_logger, customerId, caller.UserId);
        await _sink.PublishAsync(new PrivacyEvent(PrivacyEventKind.Exported, customerId, caller.UserId, export.ExportedAt, count), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<ErasureResult> EraseAsync(CallerContext caller, CustomerId customerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var interactions = _stores.Interactions is { } i ? await i.DeleteByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false) : 0;
        var reminders = _stores.Reminders is { } r ? await r.DeleteByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false) : 0;
        var transactions = _stores.Transactions is { } t ? await t.DeleteByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false) : 0;
        var consents = _consents is null ? 0 : await _consents.DeleteByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false);

        // Merge journals hold whole copies of merged customers: they go too (those merges can no longer be undone).
        var journal = _journal is null ? 0 : await _journal.DeleteByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
        var erased = await DeleteCustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
        var result = new ErasureResult(erased ? ErasureStatus.Erased : ErasureStatus.NotFound, interactions, reminders, transactions, consents) { MergeJournalEntries = journal };
        var related = interactions + reminders + transactions + consents + journal;
        Log.CustomerErased(_logger, customerId, caller.UserId, related);
        await _sink.PublishAsync(new PrivacyEvent(PrivacyEventKind.Erased, customerId, caller.UserId, _time.GetUtcNow(), related + (erased ? 1 : 0)), cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<bool> DeleteCustomerAsync(CustomerId id, CancellationToken cancellationToken)
    {
        // The raw store: erasure needs no decryption. A concurrent update is retried a few times with the new version.
        var store = _stores.RawCustomers;
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return false;
            }

            try
            {
                return await store.DeleteAsync(id, current.Version, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (attempt < 4)
            {
            }
        }
    }

    private static async Task<IReadOnlyList<T>> AllAsync<T>(Func<PageRequest, CancellationToken, Task<Page<T>>> list, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        var page = new PageRequest(PageSize);
        while (true)
        {
            var result = await list(page, cancellationToken).ConfigureAwait(false);
            all.AddRange(result.Items);
            if (result.ContinuationToken is null)
            {
                return all;
            }

            page = page with { ContinuationToken = result.ContinuationToken };
        }
    }
}

/// <summary>The stores privacy services work on: decrypting views when field encryption is on, the raw stores otherwise.</summary>
internal sealed class PrivacyStores(ICustomerStore customers, ICustomerStore rawCustomers, IInteractionStore? interactions, IReminderStore? reminders, ITransactionStore? transactions)
{
    public ICustomerStore Customers { get; } = customers;

    public ICustomerStore RawCustomers { get; } = rawCustomers;

    public IInteractionStore? Interactions { get; } = interactions;

    public IReminderStore? Reminders { get; } = reminders;

    public ITransactionStore? Transactions { get; } = transactions;
}

/// <summary>The JSON document of a data-subject export.</summary>
internal sealed class DataSubjectExport
{
    public string Format { get; init; } = "customercore.data-subject-export/v1";

    public DateTimeOffset ExportedAt { get; init; }

    public required Customer Customer { get; init; }

    public IReadOnlyList<Interaction> Interactions { get; init; } = [];

    public IReadOnlyList<Reminder> Reminders { get; init; } = [];

    public IReadOnlyList<CustomerTransaction> Transactions { get; init; } = [];

    public IReadOnlyList<ConsentRecord> Consents { get; init; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DataSubjectExport))]
internal sealed partial class PrivacyJsonContext : JsonSerializerContext;
