using CustomerCore.Customers;
using Npgsql;
using NpgsqlTypes;

namespace CustomerCore.Storage.Postgres;

/// <summary>The batch write paths: binary COPY straight into the tables for batches of new customers, and a staged
/// <c>INSERT ... ON CONFLICT</c> merge for batches that replace stored ones.</summary>
public sealed partial class PostgresCustomerStore
{
    /// <inheritdoc/>
    /// <remarks>One transaction per call. A batch of only new ids (checked with one index probe) is copied straight into
    /// the tables with row ids drawn from the identity sequence; a batch holding stored ids, or one that loses a race
    /// with another writer adding the same id, is merged through a staging table instead. Documents are serialized on a
    /// worker thread while the server writes the lookup keys.</remarks>
    public async Task<int> UpsertBatchAsync(IReadOnlyList<Customer> customers, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        StoreBatch.Check(customers);
        cancellationToken.ThrowIfCancellationRequested();
        await WriteBatchAsync(customers, replace: true, progress, cancellationToken).ConfigureAwait(false);
        progress?.Report(customers.Count);
        return customers.Count;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<bool>> AddManyAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default)
    {
        StoreBatch.Check(customers);
        cancellationToken.ThrowIfCancellationRequested();
        return await WriteBatchAsync(customers, replace: false, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the number of customers <see cref="BulkLoadAsync"/> writes per transaction.</summary>
    public static int BulkBatchSize => 20_000;

    /// <summary>Loads a stream of customers in transactions of <see cref="BulkBatchSize"/>; into an empty store it builds
    /// the secondary indexes once at the end instead of row by row.</summary>
    /// <param name="customers">The customers, read once and never held beyond two batches; an id may appear once per batch.</param>
    /// <param name="progress">Receives the number of customers committed so far, after each batch.</param>
    /// <param name="cancellationToken">Cancels the load; batches already committed stay.</param>
    /// <returns>The number of customers written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">A batch holds a null customer or one id twice.</exception>
    /// <remarks>
    /// <para>Each batch is written as <see cref="UpsertBatchAsync(IReadOnlyList{Customer}, IProgress{int}?, CancellationToken)"/>
    /// writes it (all of it or none; a stored id is replaced), while the next batch is read from the source. When the customers table is empty at the start, the name,
    /// owner, stage, updated-at, lookup-key and geo indexes are dropped first and rebuilt with sorted (and, where
    /// <c>max_parallel_maintenance_workers</c> allows, parallel) builds at the end, also when the load fails or is
    /// cancelled; the row-id and customer-id keys stay, so a repeated id is merged, never duplicated. If the process
    /// dies mid-load, the next store start rebuilds the missing indexes. Until the rebuild, queries by those fields scan
    /// the tables: run an initial load before the store serves traffic. A non-empty store keeps its indexes.</para>
    /// <para>Give the server <c>maintenance_work_mem</c> of a few hundred MB for the rebuild.</para>
    /// </remarks>
    public async Task<long> BulkLoadAsync(IAsyncEnumerable<Customer> customers, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var deferred = await DeferIndexesIfEmptyAsync(cancellationToken).ConfigureAwait(false);
        long written = 0;
        var enumerator = customers.GetAsyncEnumerator(cancellationToken);
        Task<List<Customer>>? next = null;
        try
        {
            next = NextBatchAsync(enumerator, cancellationToken);
            while (true)
            {
                var batch = await next.ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                // Read (and generate) the next batch while this one is written.
                next = Task.Run(() => NextBatchAsync(enumerator, cancellationToken), cancellationToken);
                StoreBatch.Check(batch);
                await WriteBatchAsync(batch, replace: true, null, cancellationToken, probe: !deferred).ConfigureAwait(false);
                written += batch.Count;
                progress?.Report(written);
            }
        }
        finally
        {
            if (next is not null)
            {
                // The enumerator must not be disposed while a read runs; its outcome no longer matters.
                await ((Task)next).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            }

            await enumerator.DisposeAsync().ConfigureAwait(false);
            if (deferred)
            {
                await RebuildIndexesAsync().ConfigureAwait(false);
            }
        }

        return written;
    }

    private static async Task<List<Customer>> NextBatchAsync(IAsyncEnumerator<Customer> enumerator, CancellationToken cancellationToken)
    {
        var batch = new List<Customer>(BulkBatchSize);
        while (batch.Count < BulkBatchSize && await enumerator.MoveNextAsync().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Add(enumerator.Current);
        }

        return batch;
    }

    /// <summary>Drops the deferrable indexes when the customers table is empty; true when it did.</summary>
    private async Task<bool> DeferIndexesIfEmptyAsync(CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await PostgresSchema.LockAsync(connection, tx, _s, cancellationToken).ConfigureAwait(false);
        using (var empty = new NpgsqlCommand($"SELECT NOT EXISTS (SELECT 1 FROM {_s}.customers);", connection, tx))
        {
            if (await empty.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return false;
            }
        }

        await PostgresSchema.ExecuteAsync(connection, tx, PostgresSchema.DropDeferrableIndexes(_s), cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Builds the deferred indexes; not cancellable, so a cancelled load still leaves a usable store.</summary>
    private async Task RebuildIndexesAsync()
    {
        using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        using var tx = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        await PostgresSchema.LockAsync(connection, tx, _s, CancellationToken.None).ConfigureAwait(false);
        using (var build = new NpgsqlCommand(PostgresSchema.CreateDeferrableIndexes(_s), connection, tx) { CommandTimeout = 0 })
        {
            await build.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Writes a batch in one transaction; returns one flag per customer, true when it was written.</summary>
    /// <remarks>Without <paramref name="probe"/> (a load into a store that was empty) the batch is copied without first
    /// looking for stored ids; a taken id still surfaces as a unique violation, and the batch is then merged.</remarks>
    private async Task<bool[]> WriteBatchAsync(IReadOnlyList<Customer> customers, bool replace, IProgress<int>? progress, CancellationToken cancellationToken, bool probe = true)
    {
        var serializing = Task.Run(() => PostgresBatchDocuments.Serialize(customers, cancellationToken), cancellationToken);
        try
        {
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            if (customers.Count > 0 && await TryCopyNewAsync(connection, customers, serializing, progress, probe, cancellationToken).ConfigureAwait(false))
            {
                var all = new bool[customers.Count];
                Array.Fill(all, true);
                return all;
            }

            var documents = await serializing.ConfigureAwait(false);
            return await MergeAsync(connection, customers, documents, replace, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The pooled buffer goes back however the batch ended, also when it failed before the worker finished.
            _ = serializing.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }

    /// <summary>Copies a batch of new customers straight into the tables; false (nothing written) when an id is taken.</summary>
    private async Task<bool> TryCopyNewAsync(NpgsqlConnection connection, IReadOnlyList<Customer> customers, Task<PostgresBatchDocuments> serializing, IProgress<int>? progress, bool probe, CancellationToken cancellationToken)
    {
        var ids = new Guid[customers.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = customers[i].Id.Value;
        }

        using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long[]? rids;
        using (var command = new NpgsqlCommand($"""
            SELECT CASE WHEN @probe AND EXISTS (SELECT 1 FROM {_s}.customers WHERE id = ANY(@ids)) THEN NULL
                ELSE ARRAY(SELECT nextval('{_s}.customers_rid_seq') FROM generate_series(1, @n)) END;
            """, connection, tx))
        {
            command.Parameters.AddWithValue("probe", probe);
            command.Parameters.AddWithValue("ids", probe ? ids : []);
            command.Parameters.AddWithValue("n", ids.Length);
            rids = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long[];
        }

        if (rids is null)
        {
            return false;
        }

        try
        {
            // Lookup keys and points first (no foreign keys), so the worker serializes documents while the server indexes.
            await CopyKeysAsync(connection, customers, rids, cancellationToken).ConfigureAwait(false);
            await CopyGeoAsync(connection, customers, rids, cancellationToken).ConfigureAwait(false);
            var documents = await serializing.ConfigureAwait(false);
            await CopyCustomersAsync(connection, customers, rids, documents, progress, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected)
        {
            // Another writer added one of these ids after the probe: nothing of this attempt stays; merge instead.
            await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Stages the batch and merges it with one <c>INSERT ... ON CONFLICT</c>, then rewrites the lookup rows.</summary>
    private async Task<bool[]> MergeAsync(NpgsqlConnection connection, IReadOnlyList<Customer> customers, PostgresBatchDocuments documents, bool replace, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using (var create = new NpgsqlCommand("CREATE TEMP TABLE cc_stage (id uuid, name_lower text COLLATE \"C\", owner_id text, stage int, updated_at bigint, doc bytea) ON COMMIT DROP;", connection, tx))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using (var copy = await connection.BeginBinaryImportAsync("COPY cc_stage (id, name_lower, owner_id, stage, updated_at, doc) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < customers.Count; i++)
            {
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(customers[i].Id.Value, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                await WriteColumnsAsync(copy, customers[i], documents[i], cancellationToken).ConfigureAwait(false);
                Report(progress, i);
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        var written = new Dictionary<Guid, (long Rid, long Version)>(customers.Count);
        var onConflict = replace
            ? """
              DO UPDATE SET version = c.version + 1, name_lower = excluded.name_lower, owner_id = excluded.owner_id,
                  stage = excluded.stage, updated_at = excluded.updated_at, doc = excluded.doc
              """
            : "DO NOTHING";
        using (var merge = new NpgsqlCommand($"""
            INSERT INTO {_s}.customers AS c (id, version, name_lower, owner_id, stage, updated_at, doc)
            SELECT id, 1, name_lower, owner_id, stage, updated_at, doc FROM cc_stage
            ON CONFLICT (id) {onConflict}
            RETURNING id, rid, version;
            """, connection, tx))
        {
            using var reader = await merge.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                written[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }

        var rids = new long[customers.Count];
        var replaced = new List<long>();
        var flags = new bool[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            if (written.TryGetValue(customers[i].Id.Value, out var row))
            {
                rids[i] = row.Rid;
                flags[i] = true;
                if (row.Version > 1)
                {
                    replaced.Add(row.Rid);
                }
            }
        }

        await DeleteChildrenAsync(connection, tx, [.. replaced], cancellationToken).ConfigureAwait(false);
        await CopyKeysAsync(connection, customers, rids, cancellationToken).ConfigureAwait(false);
        await CopyGeoAsync(connection, customers, rids, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return flags;
    }

    private async Task CopyCustomersAsync(NpgsqlConnection connection, IReadOnlyList<Customer> customers, long[] rids, PostgresBatchDocuments documents, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using var copy = await connection.BeginBinaryImportAsync($"COPY {_s}.customers (rid, id, version, name_lower, owner_id, stage, updated_at, doc) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < customers.Count; i++)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(rids[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(customers[i].Id.Value, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(1L, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await WriteColumnsAsync(copy, customers[i], documents[i], cancellationToken).ConfigureAwait(false);
            Report(progress, i);
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes name_lower, owner_id, stage, updated_at and doc.</summary>
    private static async Task WriteColumnsAsync(NpgsqlBinaryImporter copy, Customer c, ReadOnlyMemory<byte> doc, CancellationToken cancellationToken)
    {
        await copy.WriteAsync(CustomerSql.LowerName(c.DisplayName), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        if (c.OwnerId is null)
        {
            await copy.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await copy.WriteAsync(c.OwnerId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }

        await copy.WriteAsync((int)c.Stage, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync(c.UpdatedAt.UtcTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync(doc, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the lookup keys of every customer whose row id is not 0; a key repeated on one customer is written once.</summary>
    private async Task CopyKeysAsync(NpgsqlConnection connection, IReadOnlyList<Customer> customers, long[] rids, CancellationToken cancellationToken)
    {
        using var copy = await connection.BeginBinaryImportAsync($"COPY {_s}.customer_keys (kind, key, rid) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        var keys = new List<(short Kind, string Key)>(8);
        for (var i = 0; i < customers.Count; i++)
        {
            if (rids[i] == 0)
            {
                continue;
            }

            // The primary key refuses a repeated (kind, key) on one customer, which a record may hold; COPY cannot skip it.
            keys.Clear();
            foreach (var (kind, key) in CustomerSql.Keys(customers[i]))
            {
                var entry = ((short)kind, Clean(key));
                if (!keys.Contains(entry))
                {
                    keys.Add(entry);
                }
            }

            foreach (var (kind, key) in keys)
            {
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(kind, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(key, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(rids[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the valid address locations of every customer whose row id is not 0.</summary>
    private async Task CopyGeoAsync(NpgsqlConnection connection, IReadOnlyList<Customer> customers, long[] rids, CancellationToken cancellationToken)
    {
        using var copy = await connection.BeginBinaryImportAsync($"COPY {_s}.customer_geo (rid, location) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < customers.Count; i++)
        {
            if (rids[i] == 0)
            {
                continue;
            }

            foreach (var address in customers[i].Addresses)
            {
                if (address.Location is { IsValid: true } p)
                {
                    await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(rids[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(new NpgsqlPoint(p.Longitude, p.Latitude), NpgsqlDbType.Point, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Report(IProgress<int>? progress, int index)
    {
        if (progress is not null && (index + 1) % 1000 == 0)
        {
            progress.Report(index + 1);
        }
    }
}
