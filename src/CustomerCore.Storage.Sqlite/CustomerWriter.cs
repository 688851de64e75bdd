using System.Text;
using CustomerCore.Customers;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CustomerCore.Storage.Sqlite;

/// <summary>Writes customers, their lookup keys and their locations with prepared native statements reused across one
/// transaction; every single-customer write and every batch goes through it.</summary>
/// <remarks>
/// <para>Why native statements: Microsoft.Data.Sqlite resolves every parameter by name on every execution (a linear
/// search in SQLite), which made multi-row statements quadratic and single-row ones slow; binding by position on
/// statements prepared once per transaction leaves SQLite's own B-tree work as the main cost (measured in
/// <c>evaluate storage</c>, see the CHANGELOG).</para>
/// <para>Lookup keys (normalized phones, emails, tags) live in one <c>customer_keys(kind, key, rid)</c> WITHOUT ROWID
/// table: one B-tree insert per key. There is no index by <c>rid</c>; a replaced or deleted customer's keys are found
/// from its stored document, which is what wrote them. The document never carries the version (the column does).</para>
/// <para>Batches arrive as <see cref="CustomerRows"/> chunks encoded on another thread (texts as UTF-8, the document
/// as relaxed-escaped JSON, keys and locations pre-sorted), so this thread only binds and steps. A chunk's rows go
/// first, then its keys in primary-key order, then its points in Z-order: per customer that measured about 14 µs of
/// SQLite work plus 4 µs at commit (100,000 customers), of which the R*Tree insert alone is 6-7 µs.</para>
/// <para>Not thread-safe: one writer per connection and transaction, which the caller owns.</para>
/// </remarks>
internal sealed class CustomerWriter : IDisposable
{
    private readonly sqlite3 _db;
    private readonly CustomerRows _single = new();
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _select;
    private readonly sqlite3_stmt _update;
    private readonly sqlite3_stmt _delete;
    private readonly sqlite3_stmt _key;
    private readonly sqlite3_stmt _unkey;
    private readonly sqlite3_stmt _geo;
    private readonly sqlite3_stmt _ungeo;
    private long[] _rids = new long[64];
    private PendingLocation[] _pending = new PendingLocation[1024];
    private ulong[] _pendingOrder = new ulong[1024];
    private int _pendingCount;

    public CustomerWriter(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _insert = Prepare("INSERT INTO customers(id, name_lower, owner_id, stage, updated_at, doc, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1) ON CONFLICT(id) DO NOTHING;");
        _select = Prepare("SELECT rid, version, doc FROM customers WHERE id = ?1;");
        _update = Prepare("UPDATE customers SET name_lower = ?2, owner_id = ?3, stage = ?4, updated_at = ?5, doc = ?6, version = version + 1 WHERE rid = ?1 AND version = ?7;");
        _delete = Prepare("DELETE FROM customers WHERE rid = ?1;");
        _key = Prepare("INSERT OR IGNORE INTO customer_keys(kind, key, rid) VALUES (?1, ?2, ?3);");
        _unkey = Prepare("DELETE FROM customer_keys WHERE kind = ?1 AND key = ?2 AND rid = ?3;");
        _geo = Prepare("INSERT INTO customer_geo(id, min_lat, max_lat, min_lon, max_lon, rid, lat, lon) VALUES (?1, ?2, ?2, ?3, ?3, ?4, ?2, ?3);");
        _ungeo = Prepare("DELETE FROM customer_geo WHERE id BETWEEN ?1 AND ?2;");
    }

    /// <summary>Inserts a new customer with version 1; returns false, writing nothing, when the id is taken.</summary>
    public bool TryInsert(Customer customer)
    {
        _single.Encode([customer], 0);
        if (InsertRow(_single, 0) is not { } rid)
        {
            return false;
        }

        WriteIndexes(rid, _single, 0);
        return true;
    }

    /// <summary>Writes an encoded chunk (the batch path): inserts each new customer; with <paramref name="upsert"/>
    /// replaces those whose id is taken. The new rows' keys and locations follow, each set in index order.</summary>
    /// <param name="rows">The encoded chunk; its ids are distinct (a checked batch).</param>
    /// <param name="customers">The batch the chunk was encoded from.</param>
    /// <param name="start">The index in <paramref name="customers"/> of the chunk's first row.</param>
    /// <param name="upsert">Whether to replace existing customers (otherwise they are left alone).</param>
    /// <param name="inserted">Receives, from <paramref name="start"/> on, whether each customer was new; or null.</param>
    public void WriteChunk(CustomerRows rows, IReadOnlyList<Customer> customers, int start, bool upsert, bool[]? inserted)
    {
        if (_rids.Length < rows.Count)
        {
            _rids = new long[rows.Count];
        }

        for (var row = 0; row < rows.Count; row++)
        {
            var rid = InsertRow(rows, row);
            _rids[row] = rid ?? 0;
            if (inserted is not null)
            {
                inserted[start + row] = rid is not null;
            }

            if (rid is null && upsert)
            {
                // Safe before the chunk's deferred keys: ids in a batch are distinct, so this customer was stored
                // before the chunk, and every key row and R*Tree id includes the customer's own rid.
                Replace(customers[start + row], null);
            }
        }

        // Deferred and sorted: inserting B-tree keys in key order and R*Tree points in Z-order keeps the pages each
        // insert touches in the CPU cache (measured in evaluate storage, see the CHANGELOG).
        foreach (var index in rows.KeyOrder)
        {
            var kind = rows.Key(index, out var key, out var row);
            if (_rids[row] != 0)
            {
                ExecuteKey(_key, kind, key, _rids[row]);
            }
        }

        var order = rows.LocationOrder;
        for (var i = 0; i < order.Length; i++)
        {
            var (row, ordinal, latitude, longitude) = rows.Location(order[i]);
            if (_rids[row] != 0)
            {
                if (_pendingCount == _pending.Length)
                {
                    Array.Resize(ref _pending, _pending.Length * 2);
                    Array.Resize(ref _pendingOrder, _pending.Length);
                }

                _pendingOrder[_pendingCount] = rows.SpatialKey(i);
                _pending[_pendingCount++] = new PendingLocation(_rids[row], ordinal, latitude, longitude);
            }
        }
    }

    /// <summary>Writes the R*Tree points deferred by <see cref="WriteChunk"/>, all of the batch in one Z-order run
    /// (the longer the run, the fewer tree nodes each insert has to touch); call before committing.</summary>
    public void FlushLocations()
    {
        Array.Sort(_pendingOrder, _pending, 0, _pendingCount);
        for (var i = 0; i < _pendingCount; i++)
        {
            var p = _pending[i];
            InsertLocation(p.Rid, p.Ordinal, p.Latitude, p.Longitude);
        }

        _pendingCount = 0;
    }

    /// <summary>Inserts one encoded customer row with version 1; returns its rid, or null (nothing written) when the id is taken.</summary>
    private long? InsertRow(CustomerRows rows, int row)
    {
        raw.sqlite3_bind_text(_insert, 1, rows.Id(row));
        BindColumns(_insert, rows, row);

        // No RETURNING: SQLite buffers returned rows in a temporary table, which measured 2x slower per row.
        Done(_insert, raw.sqlite3_step(_insert));
        return raw.sqlite3_changes(_db) == 0 ? null : raw.sqlite3_last_insert_rowid(_db);
    }

    /// <summary>Replaces a stored customer; with an expected version, only if it still has that version.</summary>
    /// <returns>The stored version before the write, or null when there is no such customer; when it differs from
    /// <paramref name="expectedVersion"/> nothing was written.</returns>
    public long? Replace(Customer customer, long? expectedVersion)
    {
        if (Find(customer.Id, out var rid, out var version, out var old) is false)
        {
            return null;
        }

        if (expectedVersion is { } expected && expected != version)
        {
            return version;
        }

        DeleteIndexes(rid, old!);
        _single.Encode([customer], 0);
        BindColumns(_update, _single, 0);
        raw.sqlite3_bind_int64(_update, 1, rid);
        raw.sqlite3_bind_int64(_update, 7, version); // the version is checked in SQL too, not only by the read above
        Done(_update, raw.sqlite3_step(_update));
        if (raw.sqlite3_changes(_db) != 1)
        {
            throw new StorageException("A customer changed between its read and its update inside one write transaction.", null);
        }

        WriteIndexes(rid, _single, 0);
        return version;
    }

    /// <summary>Deletes a customer if it has the expected version.</summary>
    /// <returns>The stored version before the call (equal to <paramref name="expectedVersion"/> when deleted), or null
    /// when there is no such customer.</returns>
    public long? Delete(CustomerId id, long expectedVersion)
    {
        if (Find(id, out var rid, out var version, out var old) is false)
        {
            return null;
        }

        if (version != expectedVersion)
        {
            return version;
        }

        DeleteIndexes(rid, old!);
        raw.sqlite3_bind_int64(_delete, 1, rid);
        Done(_delete, raw.sqlite3_step(_delete));
        return version;
    }

    public void Dispose()
    {
        foreach (var statement in new[] { _insert, _select, _update, _delete, _key, _unkey, _geo, _ungeo })
        {
            statement.Dispose();
        }

        _single.Dispose();
    }

    private bool Find(CustomerId id, out long rid, out long version, out Customer? stored)
    {
        BindId(_select, 1, id.Value);
        var rc = raw.sqlite3_step(_select);
        if (rc != raw.SQLITE_ROW)
        {
            Done(_select, rc);
            (rid, version, stored) = (0, 0, null);
            return false;
        }

        rid = raw.sqlite3_column_int64(_select, 0);
        version = raw.sqlite3_column_int64(_select, 1);
        stored = StorageJson.Deserialize<Customer>(raw.sqlite3_column_blob(_select, 2));
        Done(_select, raw.sqlite3_step(_select));
        return true;
    }

    /// <summary>Binds the indexed columns and the document to parameters 2 to 6, the same in the insert and the update.</summary>
    private static void BindColumns(sqlite3_stmt statement, CustomerRows rows, int row)
    {
        raw.sqlite3_bind_text(statement, 2, rows.Name(row));
        if (rows.TryGetOwner(row, out var owner))
        {
            raw.sqlite3_bind_text(statement, 3, owner);
        }
        else
        {
            raw.sqlite3_bind_null(statement, 3);
        }

        raw.sqlite3_bind_int64(statement, 4, rows.Stage(row));
        raw.sqlite3_bind_int64(statement, 5, rows.UpdatedTicks(row));
        raw.sqlite3_bind_blob(statement, 6, rows.Document(row));
    }

    private static void BindId(sqlite3_stmt statement, int index, Guid id)
    {
        Span<byte> utf8 = stackalloc byte[36];
        id.TryFormat(utf8, out _, "D"); // the same text as SqliteCustomerStore.Key, without allocating
        raw.sqlite3_bind_text(statement, index, utf8);
    }

    private void WriteIndexes(long rid, CustomerRows rows, int row)
    {
        var (keyStart, keyCount, locationStart, locationCount) = rows.Indexes(row);
        for (var i = keyStart; i < keyStart + keyCount; i++)
        {
            var kind = rows.Key(i, out var key, out _);
            ExecuteKey(_key, kind, key, rid);
        }

        for (var i = locationStart; i < locationStart + locationCount; i++)
        {
            var (_, ordinal, latitude, longitude) = rows.Location(i);
            InsertLocation(rid, ordinal, latitude, longitude);
        }
    }

    private void InsertLocation(long rid, int ordinal, double latitude, double longitude)
    {
        raw.sqlite3_bind_int64(_geo, 1, SqliteCustomerStore.LocationId(rid, ordinal));
        raw.sqlite3_bind_double(_geo, 2, latitude);
        raw.sqlite3_bind_double(_geo, 3, longitude);
        raw.sqlite3_bind_int64(_geo, 4, rid);
        Done(_geo, raw.sqlite3_step(_geo));
    }

    private void DeleteIndexes(long rid, Customer stored)
    {
        foreach (var (kind, key) in CustomerSql.Keys(stored))
        {
            ExecuteKey(_unkey, kind, Utf8(key), rid);
        }

        raw.sqlite3_bind_int64(_ungeo, 1, SqliteCustomerStore.LocationId(rid, 0));
        raw.sqlite3_bind_int64(_ungeo, 2, SqliteCustomerStore.LocationId(rid, SqliteCustomerStore.MaxLocations - 1));
        Done(_ungeo, raw.sqlite3_step(_ungeo));
    }

    private static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);

    private void ExecuteKey(sqlite3_stmt statement, int kind, ReadOnlySpan<byte> key, long rid)
    {
        raw.sqlite3_bind_int64(statement, 1, kind);
        raw.sqlite3_bind_text(statement, 2, key);
        raw.sqlite3_bind_int64(statement, 3, rid);
        Done(statement, raw.sqlite3_step(statement));
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        return statement;
    }

    /// <summary>Resets a statement after its last step and turns an error code into the provider's exception.</summary>
    private void Done(sqlite3_stmt statement, int rc)
    {
        raw.sqlite3_reset(statement);
        if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private readonly record struct PendingLocation(long Rid, int Ordinal, double Latitude, double Longitude);
}
