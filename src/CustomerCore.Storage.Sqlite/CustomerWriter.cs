using System.Buffers;
using System.Text;
using System.Text.Json;
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
/// <para>Not thread-safe: one writer per connection and transaction, which the caller owns.</para>
/// </remarks>
internal sealed class CustomerWriter : IDisposable
{
    private readonly sqlite3 _db;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _select;
    private readonly sqlite3_stmt _update;
    private readonly sqlite3_stmt _delete;
    private readonly sqlite3_stmt _key;
    private readonly sqlite3_stmt _unkey;
    private readonly sqlite3_stmt _geo;
    private readonly sqlite3_stmt _ungeo;

    public CustomerWriter(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
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
        BindId(_insert, 1, customer.Id.Value);
        BindColumns(_insert, customer);

        // No RETURNING: SQLite buffers returned rows in a temporary table, which measured 2x slower per row.
        Done(_insert, raw.sqlite3_step(_insert));
        if (raw.sqlite3_changes(_db) == 0)
        {
            return false;
        }

        WriteIndexes(raw.sqlite3_last_insert_rowid(_db), customer);
        return true;
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
        BindColumns(_update, customer);
        raw.sqlite3_bind_int64(_update, 1, rid);
        raw.sqlite3_bind_int64(_update, 7, version); // the version is checked in SQL too, not only by the read above
        Done(_update, raw.sqlite3_step(_update));
        if (raw.sqlite3_changes(_db) != 1)
        {
            throw new StorageException("A customer changed between its read and its update inside one write transaction.", null);
        }

        WriteIndexes(rid, customer);
        return version;
    }

    /// <summary>Inserts or replaces a customer (the batch path): inserts first, replaces only when the id is taken.</summary>
    public void Upsert(Customer customer)
    {
        if (!TryInsert(customer))
        {
            Replace(customer, null);
        }
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

        _json.Dispose();
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
    private void BindColumns(sqlite3_stmt statement, Customer customer)
    {
        BindText(statement, 2, CustomerSql.LowerName(customer.DisplayName));
        if (customer.OwnerId is null)
        {
            raw.sqlite3_bind_null(statement, 3);
        }
        else
        {
            BindText(statement, 3, customer.OwnerId);
        }

        raw.sqlite3_bind_int64(statement, 4, (int)customer.Stage);
        raw.sqlite3_bind_int64(statement, 5, customer.UpdatedAt.UtcTicks);
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        StorageJson.Serialize(_json, customer.Version == 0 ? customer : customer with { Version = 0 });
        raw.sqlite3_bind_blob(statement, 6, _buffer.WrittenSpan);
    }

    private static void BindId(sqlite3_stmt statement, int index, Guid id)
    {
        Span<byte> utf8 = stackalloc byte[36];
        id.TryFormat(utf8, out _, "D"); // the same text as SqliteCustomerStore.Key, without allocating
        raw.sqlite3_bind_text(statement, index, utf8);
    }

    /// <summary>Binds text as UTF-8 with its length, so NUL characters are kept as Microsoft.Data.Sqlite keeps them.</summary>
    private static void BindText(sqlite3_stmt statement, int index, string value)
    {
        if (value.Length <= 128)
        {
            Span<byte> utf8 = stackalloc byte[128 * 3];
            raw.sqlite3_bind_text(statement, index, utf8[..Encoding.UTF8.GetBytes(value, utf8)]);
        }
        else
        {
            raw.sqlite3_bind_text(statement, index, Encoding.UTF8.GetBytes(value));
        }
    }

    private void WriteIndexes(long rid, Customer customer)
    {
        foreach (var (kind, key) in CustomerSql.Keys(customer))
        {
            ExecuteKey(_key, kind, key, rid);
        }

        var index = 0;
        foreach (var address in customer.Addresses)
        {
            if (address.Location is { IsValid: true } point && index < SqliteCustomerStore.MaxLocations)
            {
                raw.sqlite3_bind_int64(_geo, 1, SqliteCustomerStore.LocationId(rid, index++));
                raw.sqlite3_bind_double(_geo, 2, point.Latitude);
                raw.sqlite3_bind_double(_geo, 3, point.Longitude);
                raw.sqlite3_bind_int64(_geo, 4, rid);
                Done(_geo, raw.sqlite3_step(_geo));
            }
        }
    }

    private void DeleteIndexes(long rid, Customer stored)
    {
        foreach (var (kind, key) in CustomerSql.Keys(stored))
        {
            ExecuteKey(_unkey, kind, key, rid);
        }

        raw.sqlite3_bind_int64(_ungeo, 1, SqliteCustomerStore.LocationId(rid, 0));
        raw.sqlite3_bind_int64(_ungeo, 2, SqliteCustomerStore.LocationId(rid, SqliteCustomerStore.MaxLocations - 1));
        Done(_ungeo, raw.sqlite3_step(_ungeo));
    }

    private void ExecuteKey(sqlite3_stmt statement, int kind, string key, long rid)
    {
        raw.sqlite3_bind_int64(statement, 1, kind);
        BindText(statement, 2, key);
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
}
