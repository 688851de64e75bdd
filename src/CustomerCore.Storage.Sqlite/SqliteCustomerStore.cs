using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CustomerCore.Activities;
using CustomerCore.Customers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerCore.Storage.Sqlite;

/// <summary>Stores customers, interactions, reminders and transactions in a SQLite database (WAL mode).</summary>
/// <remarks>
/// <para>Each call opens a pooled connection, so the store is thread-safe. Writes run in <c>BEGIN IMMEDIATE</c>
/// transactions with a busy timeout; optimistic concurrency is enforced in SQL (<c>WHERE version = ?</c>) inside them, so
/// of two writers on the same version exactly one wins. A batch is one transaction: a crash leaves all of it or none.</para>
/// <para>Costs: lookups by id, phone, email, tag, owner and stage are B-tree index seeks (O(log n)); phones, emails and
/// tags share one <c>customer_keys(kind, key, rid)</c> WITHOUT ROWID table; name prefixes are index range scans;
/// bounding boxes use an R*Tree and are refined exactly. Writes go through prepared native statements reused for a
/// whole transaction (insert first, replace only on an id conflict), so a batch costs O(batch × log n); a second thread
/// encodes the next chunk of a batch while SQLite writes the current one. Streaming reads hold one row at a time.</para>
/// <para>Back up a live database with <see cref="BackupAsync"/> (SQLite's online backup API).</para>
/// </remarks>
public sealed partial class SqliteCustomerStore : ICustomerStore, IInteractionStore, IReminderStore, ITransactionStore, IComplaintStore, ISurveyStore, IDisposable, IAsyncDisposable
{
    // Per connection: WAL with NORMAL sync is atomic and crash-safe (a batch is all there or not at all); only the last
    // commits before a power loss may be lost. A 64 MB page cache keeps index pages of large tables in memory.
    private const string BulkPragmas = "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;";
    private const int MaxLocationsPerCustomer = 256; // R*Tree ids are rid * 256 + index, so one range deletes them
    private const int BackgroundCheckpointMinimum = 2048; // customers; smaller batches checkpoint at commit as before
    private const int DefaultAutoCheckpointPages = 1000; // SQLite's default
    private const long MaxWalFramesBehind = 16_384; // 64 MB of 4 kB pages
    private const string AutoCheckpointOff = "PRAGMA wal_autocheckpoint = 0;";
    private static readonly string s_autoCheckpointOn = string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint = {DefaultAutoCheckpointPages};");
    // The R*Tree stores 32-bit floats rounded outwards: it pre-filters, the exact columns decide.
    private static readonly CustomerSqlDialect s_dialect = new(
        "$",
        "customers",
        "customer_keys",
        "c.rid IN (SELECT rid FROM customer_geo WHERE min_lat <= {p}maxLat AND max_lat >= {p}minLat AND min_lon <= {p}maxLon AND max_lon >= {p}minLon"
            + " AND lat BETWEEN {p}minLat AND {p}maxLat AND lon BETWEEN {p}minLon AND {p}maxLon)",
        key => key);

    private readonly string _connectionString;
    private readonly string _checkpointConnectionString;
    private readonly SqliteStorageOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _initGate = new();
    private readonly ConcurrentBag<CustomerRows> _rowPool = [];
    private readonly Lock _checkpointGate = new();
    private Task<long>? _checkpoint; // the background checkpoint running or last run; guarded by _checkpointGate
    private volatile bool _initialized;

    /// <summary>Initializes the store from options; the schema is created or checked on first use.</summary>
    /// <param name="options">The options.</param>
    /// <param name="logger">An optional logger.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public SqliteCustomerStore(IOptions<SqliteStorageOptions> options, ILogger<SqliteCustomerStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var builder = new SqliteConnectionStringBuilder(_options.ConnectionString)
        {
            DefaultTimeout = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds),
            Pooling = true,
            ForeignKeys = true,
        };
        _connectionString = builder.ToString();

        // A checkpoint that outlives its caller (after a large audit append) must not create the file anew if it was deleted.
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        _checkpointConnectionString = builder.ToString();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc/>
    public async Task<Customer?> GetAsync(CustomerId id, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, doc FROM customers WHERE id = $id;";
        command.Parameters.AddWithValue("$id", Key(id.Value));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadCustomer(reader, 0) : null;
    }

    /// <inheritdoc/>
    public async Task<Customer> AddAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var tx = connection.BeginTransaction();
        using (var writer = new CustomerWriter(connection))
        {
            if (!writer.TryInsert(customer))
            {
                throw new RecordAlreadyExistsException(nameof(Customer), customer.Id.ToString());
            }
        }

        tx.Commit();
        return customer with { Version = 1 };
    }

    /// <inheritdoc/>
    public async Task<Customer> UpdateAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var tx = connection.BeginTransaction();
        using (var writer = new CustomerWriter(connection))
        {
            var actual = writer.Replace(customer, customer.Version);
            if (actual != customer.Version)
            {
                throw actual is null
                    ? new RecordNotFoundException(nameof(Customer), customer.Id.ToString())
                    : new ConcurrencyConflictException(customer.Id.ToString(), customer.Version, actual);
            }
        }

        tx.Commit();
        return customer with { Version = customer.Version + 1 };
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var tx = connection.BeginTransaction();
        long? actual;
        using (var writer = new CustomerWriter(connection))
        {
            actual = writer.Delete(id, expectedVersion);
        }

        if (actual is null)
        {
            return false;
        }

        if (actual != expectedVersion)
        {
            throw new ConcurrencyConflictException(id.ToString(), expectedVersion, actual);
        }

        tx.Commit();
        return true;
    }

    /// <inheritdoc/>
    public async Task<int> UpsertBatchAsync(IReadOnlyList<Customer> customers, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        StoreBatch.Check(customers);
        await WriteBatchAsync(customers, upsert: true, null, progress, cancellationToken).ConfigureAwait(false);
        progress?.Report(customers.Count);
        return customers.Count;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<bool>> AddManyAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default)
    {
        StoreBatch.Check(customers);
        var added = new bool[customers.Count];
        await WriteBatchAsync(customers, upsert: false, added, null, cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <inheritdoc/>
    public async Task<Page<Customer>> QueryAsync(CustomerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Page.Validate();
        string? after = null;
        if (query.Page.ContinuationToken is { } token)
        {
            after = Guid.TryParseExact(token, "D", out var g) ? Key(g) : throw new ArgumentException("The continuation token is not one this store issued.", nameof(query));
        }

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = CustomerSql.Query(query, after, s_dialect, (name, value) => command.Parameters.AddWithValue("$" + name, value));
        List<Customer> items;
        bool more;
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            (items, more) = await CustomerSql.ReadPageAsync(reader, query.Page.PageSize, r => ReadCustomer(r, 0), cancellationToken).ConfigureAwait(false);
        }

        return new Page<Customer>(items, more ? items[^1].Id.ToString() : null);
    }

    /// <inheritdoc/>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM customers;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Customer> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, doc FROM customers ORDER BY id;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadCustomer(reader, 0);
        }
    }

    /// <inheritdoc/>
    public async Task AddAsync(Interaction interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO interactions(id, customer_id, occurred_at, doc) VALUES ($id, $c, $t, $doc);";
        command.Parameters.AddWithValue("$id", Key(interaction.Id.Value));
        command.Parameters.AddWithValue("$c", Key(interaction.CustomerId.Value));
        command.Parameters.AddWithValue("$t", interaction.OccurredAt.UtcTicks);
        command.Parameters.AddWithValue("$doc", StorageJson.Serialize(interaction));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new RecordAlreadyExistsException(nameof(Interaction), interaction.Id.ToString());
        }
    }

    /// <inheritdoc/>
    public Task<Interaction?> GetAsync(InteractionId id, CancellationToken cancellationToken = default) =>
        GetDocumentAsync<Interaction>("interactions", id.Value, cancellationToken);

    /// <inheritdoc/>
    public Task<Page<Interaction>> ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default) =>
        ListKeysetAsync<Interaction>("interactions", "occurred_at", "customer_id = $k", customerId, page, descending: true, i => (i.OccurredAt, i.Id.Value), cancellationToken);

    /// <inheritdoc/>
    public Task<int> MoveAsync(IReadOnlyCollection<InteractionId> ids, CustomerId target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return MoveAsync("interactions", [.. ids.Select(i => i.Value)], target, (doc, c) => StorageJson.Serialize(StorageJson.Deserialize<Interaction>(doc) with { CustomerId = c }), cancellationToken);
    }

    /// <inheritdoc/>
    Task<int> IInteractionStore.DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken) =>
        DeleteByCustomerAsync("interactions", customerId, cancellationToken);

    /// <inheritdoc/>
    public async Task UpsertAsync(Reminder reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO reminders(id, customer_id, assignee_id, due_at, done, doc) VALUES ($id, $c, $a, $t, $done, $doc)
            ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, assignee_id = excluded.assignee_id,
                due_at = excluded.due_at, done = excluded.done, doc = excluded.doc;
            """;
        command.Parameters.AddWithValue("$id", Key(reminder.Id.Value));
        command.Parameters.AddWithValue("$c", Key(reminder.CustomerId.Value));
        command.Parameters.AddWithValue("$a", reminder.AssigneeId);
        command.Parameters.AddWithValue("$t", reminder.DueAt.UtcTicks);
        command.Parameters.AddWithValue("$done", reminder.IsDone ? 1 : 0);
        command.Parameters.AddWithValue("$doc", StorageJson.Serialize(reminder));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<Reminder?> GetAsync(ReminderId id, CancellationToken cancellationToken = default) =>
        GetDocumentAsync<Reminder>("reminders", id.Value, cancellationToken);

    /// <inheritdoc/>
    Task<Page<Reminder>> IReminderStore.ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken) =>
        ListKeysetAsync<Reminder>("reminders", "due_at", "customer_id = $k", customerId, page, descending: false, r => (r.DueAt, r.Id.Value), cancellationToken);

    /// <inheritdoc/>
    public Task<Page<Reminder>> ListDueAsync(string? assigneeId, DateTimeOffset dueBefore, PageRequest page, CancellationToken cancellationToken = default)
    {
        var filter = assigneeId is null ? "done = 0 AND due_at < $before" : "done = 0 AND assignee_id = $a AND due_at < $before";
        return ListKeysetAsync<Reminder>("reminders", "due_at", filter, null, page, descending: false, r => (r.DueAt, r.Id.Value), cancellationToken, command =>
        {
            command.Parameters.AddWithValue("$before", dueBefore.UtcTicks);
            if (assigneeId is not null)
            {
                command.Parameters.AddWithValue("$a", assigneeId);
            }
        });
    }

    /// <inheritdoc/>
    public Task<int> MoveAsync(IReadOnlyCollection<ReminderId> ids, CustomerId target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return MoveAsync("reminders", [.. ids.Select(i => i.Value)], target, (doc, c) => StorageJson.Serialize(StorageJson.Deserialize<Reminder>(doc) with { CustomerId = c }), cancellationToken);
    }

    /// <inheritdoc/>
    Task<int> IReminderStore.DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken) =>
        DeleteByCustomerAsync("reminders", customerId, cancellationToken);

    /// <inheritdoc/>
    public async Task<int> UpsertBatchAsync(IReadOnlyList<CustomerTransaction> transactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        if (transactions.Any(t => t is null))
        {
            throw new ArgumentException("The batch holds a null transaction.", nameof(transactions));
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var tx = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO transactions(id, customer_id, occurred_at, doc) VALUES ($id, $c, $t, $doc)
                ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, occurred_at = excluded.occurred_at, doc = excluded.doc;
                """;
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var customer = command.Parameters.Add("$c", SqliteType.Text);
            var time = command.Parameters.Add("$t", SqliteType.Integer);
            var doc = command.Parameters.Add("$doc", SqliteType.Blob);
            command.Prepare();
            foreach (var t in transactions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                id.Value = Key(t.Id.Value);
                customer.Value = Key(t.CustomerId.Value);
                time.Value = t.OccurredAt.UtcTicks;
                doc.Value = StorageJson.Serialize(t);
                command.ExecuteNonQuery();
            }
        }

        tx.Commit();
        return transactions.Count;
    }

    /// <inheritdoc/>
    Task<Page<CustomerTransaction>> ITransactionStore.ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken) =>
        ListKeysetAsync<CustomerTransaction>("transactions", "occurred_at", "customer_id = $k", customerId, page, descending: false, t => (t.OccurredAt, t.Id.Value), cancellationToken);

    /// <inheritdoc/>
    async IAsyncEnumerable<CustomerTransaction> ITransactionStore.StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM transactions ORDER BY id;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return StorageJson.Deserialize<CustomerTransaction>((byte[])reader[0]);
        }
    }

    /// <inheritdoc/>
    public Task<int> MoveAsync(IReadOnlyCollection<TransactionId> ids, CustomerId target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return MoveAsync("transactions", [.. ids.Select(i => i.Value)], target, (doc, c) => StorageJson.Serialize(StorageJson.Deserialize<CustomerTransaction>(doc) with { CustomerId = c }), cancellationToken);
    }

    /// <inheritdoc/>
    Task<int> ITransactionStore.DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken) =>
        DeleteByCustomerAsync("transactions", customerId, cancellationToken);

    /// <summary>Copies the live database to a file with SQLite's online backup API; writers may continue meanwhile.</summary>
    /// <param name="destinationPath">The backup file; replaced if it exists.</param>
    /// <param name="cancellationToken">Cancels before the copy starts.</param>
    /// <returns>A task that completes when the backup is written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destinationPath"/> is blank.</exception>
    public async Task BackupAsync(string destinationPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        using var source = await OpenAsync(cancellationToken).ConfigureAwait(false);
        File.Delete(destinationPath);
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationPath, Pooling = false }.ToString());
        await destination.OpenAsync(cancellationToken).ConfigureAwait(false);
        source.BackupDatabase(destination);
    }

    /// <summary>Replaces the whole database with the contents of a backup file made by <see cref="BackupAsync"/>.</summary>
    /// <param name="backupPath">The backup file.</param>
    /// <param name="cancellationToken">Cancels before the copy starts.</param>
    /// <returns>A task that completes when the database is restored.</returns>
    /// <exception cref="FileNotFoundException">The backup file does not exist.</exception>
    /// <remarks>Stop other writers first: the restore overwrites every page of the live database.</remarks>
    public async Task RestoreAsync(string backupPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPath);
        if (!File.Exists(backupPath))
        {
            throw new FileNotFoundException("The backup file does not exist.", backupPath);
        }

        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var destination = await OpenAsync(cancellationToken).ConfigureAwait(false);
        source.BackupDatabase(destination);
    }

    internal static string Key(Guid id) => id.ToString("D");

    internal static long LocationId(long rid, int index) => (rid * MaxLocationsPerCustomer) + index;

    internal static int MaxLocations => MaxLocationsPerCustomer;

    private static Customer ReadCustomer(DbDataReader reader, int offset)
    {
        var version = reader.GetInt64(offset);
        return StorageJson.Deserialize<Customer>((byte[])reader[offset + 1]) with { Version = version };
    }

    private static long? CurrentVersion(SqliteConnection connection, SqliteTransaction tx, CustomerId id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT version FROM customers WHERE id = $id;";
        command.Parameters.AddWithValue("$id", Key(id.Value));
        return command.ExecuteScalar() is long v ? v : null;
    }

    private async Task<T?> GetDocumentAsync<T>(string table, Guid id, CancellationToken cancellationToken)
        where T : class
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT doc FROM {table} WHERE id = $id;";
        command.Parameters.AddWithValue("$id", Key(id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is byte[] doc ? StorageJson.Deserialize<T>(doc) : null;
    }

    private async Task<Page<T>> ListKeysetAsync<T>(
        string table,
        string timeColumn,
        string filter,
        CustomerId? customerId,
        PageRequest page,
        bool descending,
        Func<T, (DateTimeOffset Time, Guid Id)> key,
        CancellationToken cancellationToken,
        Action<SqliteCommand>? bind = null)
        where T : class
    {
        page.Validate();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT doc FROM {table} WHERE {filter}");
        if (customerId is { } c)
        {
            command.Parameters.AddWithValue("$k", Key(c.Value));
        }

        bind?.Invoke(command);
        if (page.ContinuationToken is { } token)
        {
            var (ticks, id) = KeysetToken.Decode(token, nameof(page));
            var op = descending ? "<" : ">";
            sql.Append(CultureInfo.InvariantCulture, $" AND ({timeColumn} {op} $kt OR ({timeColumn} = $kt AND id {op} $kid))");
            command.Parameters.AddWithValue("$kt", ticks);
            command.Parameters.AddWithValue("$kid", Key(id));
        }

        var direction = descending ? "DESC" : "ASC";
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY {timeColumn} {direction}, id {direction} LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", page.PageSize + 1);
        command.CommandText = sql.ToString();
        List<T> items;
        bool more;
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            (items, more) = await CustomerSql.ReadPageAsync(reader, page.PageSize, r => StorageJson.Deserialize<T>((byte[])r[0]), cancellationToken).ConfigureAwait(false);
        }

        string? next = null;
        if (more)
        {
            var (time, id) = key(items[^1]);
            next = KeysetToken.Encode(time, id);
        }

        return new Page<T>(items, next);
    }

    private async Task<int> MoveAsync(string table, Guid[] ids, CustomerId target, Func<byte[], CustomerId, byte[]> repoint, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var tx = connection.BeginTransaction();
        var moved = 0;
        using (var read = connection.CreateCommand())
        using (var write = connection.CreateCommand())
        {
            read.Transaction = tx;
            write.Transaction = tx;
            read.CommandText = $"SELECT doc FROM {table} WHERE id = $id;";
            write.CommandText = $"UPDATE {table} SET customer_id = $c, doc = $doc WHERE id = $id;";
            var readId = read.Parameters.Add("$id", SqliteType.Text);
            var writeId = write.Parameters.Add("$id", SqliteType.Text);
            write.Parameters.AddWithValue("$c", Key(target.Value));
            var doc = write.Parameters.Add("$doc", SqliteType.Blob);
            foreach (var id in ids)
            {
                readId.Value = Key(id);
                if (read.ExecuteScalar() is not byte[] bytes)
                {
                    continue;
                }

                writeId.Value = readId.Value;
                doc.Value = repoint(bytes, target);
                moved += write.ExecuteNonQuery();
            }
        }

        tx.Commit();
        return moved;
    }

    private async Task<int> DeleteByCustomerAsync(string table, CustomerId customerId, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {table} WHERE customer_id = $c;";
        command.Parameters.AddWithValue("$c", Key(customerId.Value));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a checked batch in one transaction on a bulk-tuned connection; leaving early rolls it all back.</summary>
    /// <remarks>Two-stage pipeline: a pool thread encodes the next chunk (UTF-8 texts, JSON document, keys, sort orders)
    /// while this thread has SQLite write the current one, so on two cores the encoding is off the writer's path.</remarks>
    private async Task WriteBatchAsync(IReadOnlyList<Customer> customers, bool upsert, bool[]? inserted, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // A large batch checkpoints the WAL left by earlier batches on another connection while it writes (a passive
        // checkpoint never blocks the writer), instead of copying it on this thread at commit.
        var checkpoint = customers.Count >= BackgroundCheckpointMinimum ? CheckpointInBackground() : null;
        SqliteSchema.Execute(connection, checkpoint is null ? BulkPragmas : BulkPragmas + " " + AutoCheckpointOff);
        var current = RentRows();
        var next = RentRows();
        Task? encoding = null;
        try
        {
            using var tx = connection.BeginTransaction();
            using (var writer = new CustomerWriter(connection))
            {
                current.Encode(customers, 0);
                for (var start = 0; ; )
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var nextStart = start + current.Count;
                    ChunkJob? job = null;
                    if (nextStart < customers.Count)
                    {
                        job = new ChunkJob(next, customers, nextStart);
                        encoding = Task.Run(job.TryRun, cancellationToken);
                    }

                    writer.WriteChunk(current, customers, start, upsert, inserted);
                    if (job is null)
                    {
                        writer.FlushLocations();
                        break;
                    }

                    // When other processes hold both cores the pool thread may not have started: encode here then,
                    // rather than wait for it to be scheduled.
                    job.TryRun();
                    await encoding!.ConfigureAwait(false);
                    encoding = null;
                    (current, next) = (next, current);
                    start = nextStart;
                    progress?.Report(start);
                }
            }

            tx.Commit();
        }
        finally
        {
            if (encoding is not null)
            {
                await encoding.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            }

            ReturnRows(current);
            ReturnRows(next);
            if (checkpoint is not null)
            {
                // A checkpoint that overlaps the writer never catches up fully, so SQLite cannot restart the WAL and it
                // would grow for the whole load; once it is long, this batch's frames are copied here, on this thread.
                var walFrames = await checkpoint.ConfigureAwait(false);
                SqliteSchema.Execute(connection, walFrames > MaxWalFramesBehind
                    ? s_autoCheckpointOn + " PRAGMA wal_checkpoint(PASSIVE);"
                    : s_autoCheckpointOn);
            }
        }

        Log.BatchWritten(_logger, customers.Count);
    }

    /// <summary>Waits for the background WAL checkpoint that a bulk write's audit may leave running, so that the file is
    /// closed when this returns. The store holds nothing else (each call opens a pooled connection) and stays usable.</summary>
    public void Dispose() => BackgroundCheckpoint.GetAwaiter().GetResult(); // a pool task: no context to deadlock on

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A task that completes when the checkpoint has.</returns>
    ValueTask IAsyncDisposable.DisposeAsync() => new(BackgroundCheckpoint);

    /// <summary>Gets the background checkpoint running or last run (tests wait for it), or a completed task.</summary>
    internal Task BackgroundCheckpoint
    {
        get
        {
            lock (_checkpointGate)
            {
                return _checkpoint ?? Task.CompletedTask;
            }
        }
    }

    /// <summary>Gets the connection string this store opens its connections with (tests inspect pooled connections).</summary>
    internal string ConnectionString => _connectionString;

    /// <summary>Starts a checkpoint on another connection, or joins the one running (SQLite lets one connection checkpoint at
    /// a time; a second would only fail as busy).</summary>
    /// <returns>The checkpoint's task: the length of the WAL in frames, or 0 when it failed; it never faults.</returns>
    private Task<long> CheckpointInBackground()
    {
        lock (_checkpointGate)
        {
            if (_checkpoint is not { IsCompleted: false })
            {
                _checkpoint = Task.Run(CheckpointAsync, CancellationToken.None);
            }

            return _checkpoint;
        }
    }

    /// <summary>Copies committed WAL frames into the database without waiting for readers or writers; never throws.</summary>
    /// <returns>The length of the WAL in frames (pages), or 0 when the checkpoint failed.</returns>
    private async Task<long> CheckpointAsync()
    {
        try
        {
            using var connection = new SqliteConnection(_checkpointConnectionString);
            await connection.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);"; // one row: busy, WAL frames, frames checkpointed
            using var reader = command.ExecuteReader();
            return reader.Read() ? reader.GetInt64(1) : 0;
        }
        catch (SqliteException e)
        {
            Log.CheckpointFailed(_logger, e); // the batch does not depend on it; the next commit checkpoints as usual
            return 0;
        }
    }

    /// <summary>Encodes one chunk exactly once, on whichever thread claims it first.</summary>
    private sealed class ChunkJob(CustomerRows rows, IReadOnlyList<Customer> customers, int start)
    {
        private int _claimed;

        public void TryRun()
        {
            if (Interlocked.Exchange(ref _claimed, 1) == 0)
            {
                rows.Encode(customers, start);
            }
        }
    }

    private CustomerRows RentRows() => _rowPool.TryTake(out var rows) ? rows : new CustomerRows();

    private void ReturnRows(CustomerRows rows)
    {
        if (_rowPool.Count < 4 && rows.IsSmall)
        {
            _rowPool.Add(rows);
        }
        else
        {
            rows.Dispose();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_initialized)
            {
                Initialize(connection);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Initialize(SqliteConnection connection)
    {
        lock (_initGate)
        {
            if (_initialized)
            {
                return;
            }

            // WAL lets readers run beside one writer; NORMAL sync is durable at each checkpoint and safe against corruption.
            // The page size only takes on a new, empty file (SqliteStorageOptions.PageSize); existing files keep theirs.
            SqliteSchema.Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA page_size = {_options.PageSize}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"));
            var before = SqliteSchema.Apply(connection, _options.SchemaMode);
            if (before != SqliteSchema.CurrentVersion)
            {
                Log.Migrated(_logger, before, SqliteSchema.CurrentVersion);
            }

            _initialized = true;
        }
    }
}
