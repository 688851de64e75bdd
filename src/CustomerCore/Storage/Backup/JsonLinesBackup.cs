using System.Text;
using System.Text.Json;
using CustomerCore.Customers;

namespace CustomerCore.Storage.Backup;

/// <summary>Counts what a backup wrote or read.</summary>
/// <param name="Customers">Customers.</param>
/// <param name="Interactions">Interactions.</param>
/// <param name="Reminders">Reminders.</param>
/// <param name="Transactions">Transactions.</param>
public sealed record BackupCounts(long Customers, long Interactions, long Reminders, long Transactions);

/// <summary>Exports every stored record to JSON lines and imports them into any provider: the provider-neutral backup.</summary>
/// <remarks>Each line is <c>{"kind":"customer|interaction|reminder|transaction","record":{...}}</c> with the same
/// document format the providers store, so every field round-trips; versions restart at 1 in the target store, which
/// owns them. Streaming both ways: memory stays flat (batches of <see cref="BatchSize"/>).</remarks>
public sealed class JsonLinesBackup
{
    /// <summary>The number of records written to the target per transaction on import.</summary>
    public const int BatchSize = 1000;

    private readonly ICustomerStore _customers;
    private readonly IInteractionStore? _interactions;
    private readonly IReminderStore? _reminders;
    private readonly ITransactionStore? _transactions;

    /// <summary>Initializes a backup over one provider's stores; a provider that implements every contract in one class can be passed for all.</summary>
    /// <param name="customers">The customer store.</param>
    /// <param name="interactions">The interaction store, if any.</param>
    /// <param name="reminders">The reminder store, if any.</param>
    /// <param name="transactions">The transaction store, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    public JsonLinesBackup(ICustomerStore customers, IInteractionStore? interactions = null, IReminderStore? reminders = null, ITransactionStore? transactions = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        _customers = customers;
        _interactions = interactions;
        _reminders = reminders;
        _transactions = transactions;
    }

    /// <summary>Writes every record to a stream as UTF-8 JSON lines.</summary>
    /// <param name="destination">The stream to write to; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    public async Task<BackupCounts> ExportAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        long customers = 0, interactions = 0, reminders = 0, transactions = 0;
        var ids = new List<CustomerId>();
        await foreach (var c in _customers.StreamAsync(cancellationToken).ConfigureAwait(false))
        {
            await WriteLineAsync(destination, "customer", StorageJson.Serialize(c), cancellationToken).ConfigureAwait(false);
            ids.Add(c.Id);
            customers++;
        }

        foreach (var id in ids)
        {
            if (_interactions is not null)
            {
                await foreach (var i in PagesAsync((p, ct) => _interactions.ListByCustomerAsync(id, p, ct), cancellationToken).ConfigureAwait(false))
                {
                    await WriteLineAsync(destination, "interaction", StorageJson.Serialize(i), cancellationToken).ConfigureAwait(false);
                    interactions++;
                }
            }

            if (_reminders is not null)
            {
                await foreach (var r in PagesAsync((p, ct) => _reminders.ListByCustomerAsync(id, p, ct), cancellationToken).ConfigureAwait(false))
                {
                    await WriteLineAsync(destination, "reminder", StorageJson.Serialize(r), cancellationToken).ConfigureAwait(false);
                    reminders++;
                }
            }
        }

        if (_transactions is not null)
        {
            await foreach (var t in _transactions.StreamAsync(cancellationToken).ConfigureAwait(false))
            {
                await WriteLineAsync(destination, "transaction", StorageJson.Serialize(t), cancellationToken).ConfigureAwait(false);
                transactions++;
            }
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new BackupCounts(customers, interactions, reminders, transactions);
    }

    /// <summary>Reads JSON lines written by <see cref="ExportAsync"/> and upserts every record, in batches.</summary>
    /// <param name="source">The stream to read; left open.</param>
    /// <param name="cancellationToken">Cancels the import; batches already written stay.</param>
    /// <returns>What was read.</returns>
    /// <exception cref="FormatException">A line is not a backup record; its line number is in the message.</exception>
    /// <exception cref="InvalidOperationException">The file holds a kind of record the target provider does not store.</exception>
    public async Task<BackupCounts> ImportAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var customers = new List<Customer>(BatchSize);
        var transactions = new List<CustomerTransaction>(BatchSize);
        long c = 0, i = 0, r = 0, t = 0, line = 0;
        using var reader = new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var (kind, record) = Parse(text, line);
            switch (kind)
            {
                case "customer":
                    customers.Add(StorageJson.Deserialize<Customer>(record));
                    c++;
                    if (customers.Count == BatchSize)
                    {
                        await _customers.UpsertBatchAsync(customers, null, cancellationToken).ConfigureAwait(false);
                        customers.Clear();
                    }

                    break;
                case "interaction":
                    await FlushCustomersAsync().ConfigureAwait(false);
                    var interaction = StorageJson.Deserialize<Interaction>(record);
                    var store = _interactions ?? throw new InvalidOperationException("The target provider does not store interactions.");
                    if (await store.GetAsync(interaction.Id, cancellationToken).ConfigureAwait(false) is null)
                    {
                        await store.AddAsync(interaction, cancellationToken).ConfigureAwait(false);
                    }

                    i++;
                    break;
                case "reminder":
                    await FlushCustomersAsync().ConfigureAwait(false);
                    await (_reminders ?? throw new InvalidOperationException("The target provider does not store reminders.")).UpsertAsync(StorageJson.Deserialize<Reminder>(record), cancellationToken).ConfigureAwait(false);
                    r++;
                    break;
                case "transaction":
                    transactions.Add(StorageJson.Deserialize<CustomerTransaction>(record));
                    t++;
                    if (transactions.Count == BatchSize)
                    {
                        await (_transactions ?? throw new InvalidOperationException("The target provider does not store transactions.")).UpsertBatchAsync(transactions, cancellationToken).ConfigureAwait(false);
                        transactions.Clear();
                    }

                    break;
                default:
                    throw new FormatException($"Line {line}: unknown record kind '{kind}'.");
            }
        }

        await FlushCustomersAsync().ConfigureAwait(false);
        if (transactions.Count > 0)
        {
            await (_transactions ?? throw new InvalidOperationException("The target provider does not store transactions.")).UpsertBatchAsync(transactions, cancellationToken).ConfigureAwait(false);
        }

        return new BackupCounts(c, i, r, t);

        async Task FlushCustomersAsync()
        {
            if (customers.Count > 0)
            {
                await _customers.UpsertBatchAsync(customers, null, cancellationToken).ConfigureAwait(false);
                customers.Clear();
            }
        }
    }

    private static async Task WriteLineAsync(Stream destination, string kind, byte[] record, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(Encoding.UTF8.GetBytes("{\"kind\":\"" + kind + "\",\"record\":"), cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(record, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync("}\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private static (string Kind, byte[] Record) Parse(string text, long line)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var kind = doc.RootElement.GetProperty("kind").GetString() ?? string.Empty;
            return (kind, Encoding.UTF8.GetBytes(doc.RootElement.GetProperty("record").GetRawText()));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Line {line} is not a backup record: {e.Message}", e);
        }
    }

    private static async IAsyncEnumerable<T> PagesAsync<T>(Func<PageRequest, CancellationToken, Task<Page<T>>> fetch, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new PageRequest(PageRequest.MaxPageSize);
        while (true)
        {
            var page = await fetch(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            request = request with { ContinuationToken = page.ContinuationToken };
        }
    }
}
