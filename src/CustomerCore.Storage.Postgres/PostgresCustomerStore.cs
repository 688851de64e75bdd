using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CustomerCore.Activities;
using CustomerCore.Customers;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CustomerCore.Storage.Postgres;

/// <summary>Stores customers, interactions, reminders and transactions in PostgreSQL.</summary>
/// <remarks>
/// <para>Thread-safe; connections come from one pooled <c>NpgsqlDataSource</c>. Optimistic concurrency is enforced in SQL
/// (<c>WHERE version = @v</c>); row locks make concurrent writers on one version resolve to exactly one winner. Batch
/// writes run in one transaction: a batch of new ids is copied with binary <c>COPY</c> straight into the tables; a batch
/// that holds stored ids is copied into a temporary table and merged with one <c>INSERT ... ON CONFLICT</c>.</para>
/// <para>Costs: lookups by id, phone, email, tag, owner and stage are B-tree seeks; name prefixes are range scans
/// (byte-order collation); bounding boxes use a GiST index on <c>point</c>; streaming reads rows one at a time.</para>
/// <para>Bulk loads: <see cref="BulkLoadAsync"/> for an initial load (indexes built once at the end). Keep
/// <c>synchronous_commit</c> and <c>fsync</c> on (each batch is one durable transaction); give the server a
/// <c>max_wal_size</c> large enough that no checkpoint (and its full-page images) falls inside the load, e.g. 8GB, and
/// <c>maintenance_work_mem</c> of a few hundred MB for the index builds.</para>
/// <para>Backup: use <c>pg_dump --format=custom --schema=customercore</c> and <c>pg_restore</c>, or the provider-neutral
/// JSON-lines export for moving data between providers.</para>
/// <para>Phones, emails and tags are indexed in one <c>customer_keys(kind, key, rid)</c> table; index rows carry no
/// foreign keys (their per-row checks dominated bulk loads), and the store removes them itself in the same transaction.</para>
/// <para>Citus: distribute <c>customers</c>, <c>customer_keys</c> and <c>customer_geo</c> by <c>rid</c> ranges, or use
/// the schema as a tenant.</para>
/// </remarks>
public sealed partial class PostgresCustomerStore : ICustomerStore, IInteractionStore, IReminderStore, ITransactionStore, IComplaintStore, ISurveyStore, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStorageOptions _options;
    private readonly string _s;
    private readonly CustomerSqlDialect _dialect;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Initializes the store from options; the schema is created or checked on first use.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public PostgresCustomerStore(IOptions<PostgresStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _s = _options.Schema;
        _dataSource = NpgsqlDataSource.Create(_options.ConnectionString);

        // point(x = longitude, y = latitude); <@ box includes the edges.
        _dialect = new CustomerSqlDialect(
            "@",
            $"{_s}.customers",
            $"{_s}.customer_keys",
            $"c.rid IN (SELECT rid FROM {_s}.customer_geo WHERE location <@ box(point({{p}}minLon, {{p}}minLat), point({{p}}maxLon, {{p}}maxLat)))",
            Clean);
    }

    /// <summary>Releases the connection pool.</summary>
    public void Dispose()
    {
        _dataSource.Dispose();
        _initGate.Dispose();
    }

    /// <inheritdoc/>
    public async Task<Customer?> GetAsync(CustomerId id, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT version, doc FROM {_s}.customers WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", id.Value);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadCustomer(reader) : null;
    }

    /// <inheritdoc/>
    public async Task<Customer> AddAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"INSERT INTO {_s}.customers(id, version, name_lower, owner_id, stage, updated_at, doc) VALUES (@id, 1, @name, @owner, @stage, @updated, @doc) ON CONFLICT (id) DO NOTHING RETURNING rid;", connection, tx);
        BindCustomer(command, customer);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long rid)
        {
            throw new RecordAlreadyExistsException(nameof(Customer), customer.Id.ToString());
        }

        await WriteChildrenAsync(connection, customer, rid, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return customer with { Version = 1 };
    }

    /// <inheritdoc/>
    public async Task<Customer> UpdateAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"UPDATE {_s}.customers SET version = version + 1, name_lower = @name, owner_id = @owner, stage = @stage, updated_at = @updated, doc = @doc WHERE id = @id AND version = @v RETURNING rid;", connection, tx);
        BindCustomer(command, customer);
        command.Parameters.AddWithValue("v", customer.Version);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long rid)
        {
            var actual = await CurrentVersionAsync(connection, tx, customer.Id, cancellationToken).ConfigureAwait(false);
            throw actual is null
                ? new RecordNotFoundException(nameof(Customer), customer.Id.ToString())
                : new ConcurrencyConflictException(customer.Id.ToString(), customer.Version, actual);
        }

        await DeleteChildrenAsync(connection, tx, [rid], cancellationToken).ConfigureAwait(false);
        await WriteChildrenAsync(connection, customer, rid, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return customer with { Version = customer.Version + 1 };
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"DELETE FROM {_s}.customers WHERE id = @id AND version = @v RETURNING rid;", connection, tx);
        command.Parameters.AddWithValue("id", id.Value);
        command.Parameters.AddWithValue("v", expectedVersion);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long rid)
        {
            await DeleteChildrenAsync(connection, tx, [rid], cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        var actual = await CurrentVersionAsync(connection, tx, id, cancellationToken).ConfigureAwait(false);
        return actual is null ? false : throw new ConcurrencyConflictException(id.ToString(), expectedVersion, actual);
    }

    /// <inheritdoc/>
    public async Task<Page<Customer>> QueryAsync(CustomerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Page.Validate();
        Guid? after = null;
        if (query.Page.ContinuationToken is { } token)
        {
            after = Guid.TryParseExact(token, "D", out var g) ? g : throw new ArgumentException("The continuation token is not one this store issued.", nameof(query));
        }

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand { Connection = connection };
        command.CommandText = CustomerSql.Query(query, after, _dialect, (name, value) => command.Parameters.AddWithValue(name, value));
        List<Customer> items;
        bool more;
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            (items, more) = await CustomerSql.ReadPageAsync(reader, query.Page.PageSize, r => ReadCustomer(r), cancellationToken).ConfigureAwait(false);
        }

        return new Page<Customer>(items, more ? items[^1].Id.ToString() : null);
    }

    /// <inheritdoc/>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {_s}.customers;", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Customer> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT version, doc FROM {_s}.customers ORDER BY id;", connection);
        using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadCustomer(reader);
        }
    }

    /// <inheritdoc/>
    public async Task AddAsync(Interaction interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"INSERT INTO {_s}.interactions(id, customer_id, occurred_at, doc) VALUES (@id, @c, @t, @doc) ON CONFLICT (id) DO NOTHING;", connection);
        command.Parameters.AddWithValue("id", interaction.Id.Value);
        command.Parameters.AddWithValue("c", interaction.CustomerId.Value);
        command.Parameters.AddWithValue("t", interaction.OccurredAt.UtcTicks);
        command.Parameters.AddWithValue("doc", StorageJson.Serialize(interaction));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new RecordAlreadyExistsException(nameof(Interaction), interaction.Id.ToString());
        }
    }

    /// <inheritdoc/>
    public Task<Interaction?> GetAsync(InteractionId id, CancellationToken cancellationToken = default) =>
        GetDocumentAsync<Interaction>("interactions", id.Value, cancellationToken);

    /// <inheritdoc/>
    public Task<Page<Interaction>> ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default) =>
        ListKeysetAsync<Interaction>("interactions", "occurred_at", "customer_id = @k", customerId, page, descending: true, i => (i.OccurredAt, i.Id.Value), cancellationToken);

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
        using var command = new NpgsqlCommand($"""
            INSERT INTO {_s}.reminders(id, customer_id, assignee_id, due_at, done, doc) VALUES (@id, @c, @a, @t, @done, @doc)
            ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, assignee_id = excluded.assignee_id,
                due_at = excluded.due_at, done = excluded.done, doc = excluded.doc;
            """, connection);
        command.Parameters.AddWithValue("id", reminder.Id.Value);
        command.Parameters.AddWithValue("c", reminder.CustomerId.Value);
        command.Parameters.AddWithValue("a", Clean(reminder.AssigneeId));
        command.Parameters.AddWithValue("t", reminder.DueAt.UtcTicks);
        command.Parameters.AddWithValue("done", reminder.IsDone);
        command.Parameters.AddWithValue("doc", StorageJson.Serialize(reminder));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<Reminder?> GetAsync(ReminderId id, CancellationToken cancellationToken = default) =>
        GetDocumentAsync<Reminder>("reminders", id.Value, cancellationToken);

    /// <inheritdoc/>
    Task<Page<Reminder>> IReminderStore.ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken) =>
        ListKeysetAsync<Reminder>("reminders", "due_at", "customer_id = @k", customerId, page, descending: false, r => (r.DueAt, r.Id.Value), cancellationToken);

    /// <inheritdoc/>
    public Task<Page<Reminder>> ListDueAsync(string? assigneeId, DateTimeOffset dueBefore, PageRequest page, CancellationToken cancellationToken = default)
    {
        var filter = assigneeId is null ? "NOT done AND due_at < @before" : "NOT done AND assignee_id = @a AND due_at < @before";
        return ListKeysetAsync<Reminder>("reminders", "due_at", filter, null, page, descending: false, r => (r.DueAt, r.Id.Value), cancellationToken, command =>
        {
            command.Parameters.AddWithValue("before", dueBefore.UtcTicks);
            if (assigneeId is not null)
            {
                command.Parameters.AddWithValue("a", Clean(assigneeId));
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
        using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using (var create = new NpgsqlCommand("CREATE TEMP TABLE cc_tx_stage (id uuid, customer_id uuid, occurred_at bigint, doc bytea) ON COMMIT DROP;", connection, tx))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using (var copy = await connection.BeginBinaryImportAsync("COPY cc_tx_stage (id, customer_id, occurred_at, doc) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var t in transactions)
            {
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(t.Id.Value, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(t.CustomerId.Value, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(t.OccurredAt.UtcTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(StorageJson.Serialize(t), NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        using (var merge = new NpgsqlCommand($"""
            INSERT INTO {_s}.transactions (id, customer_id, occurred_at, doc) SELECT DISTINCT ON (id) id, customer_id, occurred_at, doc FROM cc_tx_stage
            ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, occurred_at = excluded.occurred_at, doc = excluded.doc;
            """, connection, tx))
        {
            await merge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return transactions.Count;
    }

    /// <inheritdoc/>
    Task<Page<CustomerTransaction>> ITransactionStore.ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken) =>
        ListKeysetAsync<CustomerTransaction>("transactions", "occurred_at", "customer_id = @k", customerId, page, descending: false, t => (t.OccurredAt, t.Id.Value), cancellationToken);

    /// <inheritdoc/>
    async IAsyncEnumerable<CustomerTransaction> ITransactionStore.StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT doc FROM {_s}.transactions ORDER BY id;", connection);
        using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return StorageJson.Deserialize<CustomerTransaction>(reader.GetFieldValue<byte[]>(0));
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

    /// <summary>Removes NUL, which PostgreSQL text cannot hold, from values used only as lookup keys; documents keep it.</summary>
    private static string Clean(string value) => value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", string.Empty, StringComparison.Ordinal) : value;

    private static Customer ReadCustomer(System.Data.Common.DbDataReader reader)
    {
        var version = reader.GetInt64(0); // columns in order: streaming reads use sequential access
        return StorageJson.Deserialize<Customer>(reader.GetFieldValue<byte[]>(1)) with { Version = version };
    }

    private static void BindCustomer(NpgsqlCommand command, Customer customer)
    {
        command.Parameters.AddWithValue("id", customer.Id.Value);
        command.Parameters.AddWithValue("name", CustomerSql.LowerName(customer.DisplayName));
        command.Parameters.AddWithValue("owner", (object?)customer.OwnerId ?? DBNull.Value);
        command.Parameters.AddWithValue("stage", (int)customer.Stage);
        command.Parameters.AddWithValue("updated", customer.UpdatedAt.UtcTicks);
        command.Parameters.AddWithValue("doc", StorageJson.Serialize(customer with { Version = 0 }));
    }

    private async Task DeleteChildrenAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long[] rids, CancellationToken cancellationToken)
    {
        if (rids.Length == 0)
        {
            return;
        }

        using var command = new NpgsqlCommand(
            $"DELETE FROM {_s}.customer_keys WHERE rid = ANY(@r); DELETE FROM {_s}.customer_geo WHERE rid = ANY(@r);",
            connection,
            tx);
        command.Parameters.AddWithValue("r", rids);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteChildrenAsync(NpgsqlConnection connection, Customer customer, long rid, CancellationToken cancellationToken)
    {
        // COPY runs inside the connection's open transaction.
        await CopyKeysAsync(connection, [customer], [rid], cancellationToken).ConfigureAwait(false);
        await CopyGeoAsync(connection, [customer], [rid], cancellationToken).ConfigureAwait(false);
    }

    private async Task<long?> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CustomerId id, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand($"SELECT version FROM {_s}.customers WHERE id = @id;", connection, tx);
        command.Parameters.AddWithValue("id", id.Value);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long v ? v : null;
    }

    private async Task<T?> GetDocumentAsync<T>(string table, Guid id, CancellationToken cancellationToken)
        where T : class
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT doc FROM {_s}.{table} WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", id);
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
        Action<NpgsqlCommand>? bind = null)
        where T : class
    {
        page.Validate();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand { Connection = connection };
        var sql = new StringBuilder($"SELECT doc FROM {_s}.{table} WHERE {filter}");
        if (customerId is { } c)
        {
            command.Parameters.AddWithValue("k", c.Value);
        }

        bind?.Invoke(command);
        if (page.ContinuationToken is { } token)
        {
            var (ticks, id) = KeysetToken.Decode(token, nameof(page));
            var op = descending ? "<" : ">";
            sql.Append(CultureInfo.InvariantCulture, $" AND ({timeColumn}, id) {op} (@kt, @kid)");
            command.Parameters.AddWithValue("kt", ticks);
            command.Parameters.AddWithValue("kid", id);
        }

        var direction = descending ? "DESC" : "ASC";
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY {timeColumn} {direction}, id {direction} LIMIT @limit;");
        command.Parameters.AddWithValue("limit", page.PageSize + 1);
        command.CommandText = sql.ToString();
        List<T> items;
        bool more;
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            (items, more) = await CustomerSql.ReadPageAsync(reader, page.PageSize, r => StorageJson.Deserialize<T>(r.GetFieldValue<byte[]>(0)), cancellationToken).ConfigureAwait(false);
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
        using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var docs = new List<(Guid Id, byte[] Doc)>();
        using (var read = new NpgsqlCommand($"SELECT id, doc FROM {_s}.{table} WHERE id = ANY(@ids) FOR UPDATE;", connection, tx))
        {
            read.Parameters.AddWithValue("ids", ids);
            using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                docs.Add((reader.GetGuid(0), reader.GetFieldValue<byte[]>(1)));
            }
        }

        foreach (var (id, doc) in docs)
        {
            using var write = new NpgsqlCommand($"UPDATE {_s}.{table} SET customer_id = @c, doc = @doc WHERE id = @id;", connection, tx);
            write.Parameters.AddWithValue("c", target.Value);
            write.Parameters.AddWithValue("doc", repoint(doc, target));
            write.Parameters.AddWithValue("id", id);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return docs.Count;
    }

    private async Task<int> DeleteByCustomerAsync(string table, CustomerId customerId, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"DELETE FROM {_s}.{table} WHERE customer_id = @c;", connection);
        command.Parameters.AddWithValue("c", customerId.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new StorageException("Could not connect to PostgreSQL; check the connection string and that the server is running.", e);
        }

        if (!_initialized)
        {
            await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_initialized)
                {
                    await PostgresSchema.ApplyAsync(connection, _s, _options.ApplyMigrations, cancellationToken).ConfigureAwait(false);
                    _initialized = true;
                }
            }
            finally
            {
                _initGate.Release();
            }
        }

        return connection;
    }
}
