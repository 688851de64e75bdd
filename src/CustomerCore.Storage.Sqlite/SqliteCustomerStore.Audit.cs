using System.Globalization;
using CustomerCore.Access;
using CustomerCore.Customers;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CustomerCore.Storage.Sqlite;

/// <summary>The access audit log in the same file (schema version 4): one row per entry, keyed by its sequence, with the
/// customers it concerns in a side table for queries by customer.</summary>
public sealed partial class SqliteCustomerStore : IAuditStore
{
    private const string AuditColumns = "seq, at, offset_min, actor, action, operation, customers, fields, previous_hash, hash";

    /// <inheritdoc/>
    async Task<AuditEntry?> IAuditStore.GetLastAsync(CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditColumns} FROM audit_log ORDER BY seq DESC LIMIT 1;";
        var entries = await ReadAuditAsync(command, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return entries.Count == 0 ? null : entries[0];
    }

    /// <inheritdoc/>
    async Task IAuditStore.AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // The audit of a bulk write commits right after it, with the batch's pages still in the WAL: checkpointing them at
        // this commit (SQLite's default once the WAL passes 1,000 pages) stalled every 10,000-customer batch of an import by
        // about 34 ms. A large entry skips it and leaves the copy to a background checkpoint, as the batch write does.
        var customers = 0;
        foreach (var e in entries)
        {
            customers += e?.CustomerIds.Count ?? 0;
        }

        var large = customers >= BackgroundCheckpointMinimum;
        if (large)
        {
            SqliteSchema.Execute(connection, AutoCheckpointOff);
        }

        try
        {
            await AppendAuditAsync(connection, entries, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (large)
            {
                SqliteSchema.Execute(connection, s_autoCheckpointOn);
            }
        }

        if (large)
        {
            _ = CheckpointInBackground();
        }
    }

    /// <summary>Appends the entries and their customer links in one IMMEDIATE transaction, checking the sequence continues.</summary>
    private static async Task AppendAuditAsync(SqliteConnection connection, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        using var tx = connection.BeginTransaction(deferred: false); // IMMEDIATE: the last sequence cannot move under us
        long last;
        using (var head = connection.CreateCommand())
        {
            head.Transaction = tx;
            head.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM audit_log;";
            last = Convert.ToInt64(await head.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is null || entries[i].Sequence != last + 1 + i)
            {
                throw new ConcurrencyConflictException("audit:" + (last + 1 + i).ToString(CultureInfo.InvariantCulture), last + i, last);
            }
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO audit_log({AuditColumns}) VALUES ($seq, $at, $off, $actor, $action, $op, $customers, $fields, $prev, $hash);";
        string[] names = ["$seq", "$at", "$off", "$actor", "$action", "$op", "$customers", "$fields", "$prev", "$hash"];
        foreach (var name in names)
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        // One link row per customer (a bulk create audits thousands at once): a native statement bound by position, with
        // the id formatted as UTF-8 on the stack, as CustomerWriter does; the command path resolved both parameters by name
        // and allocated a string, a boxed number and a reader per row.
        var db = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO audit_customers(customer_id, seq) VALUES (?1, ?2);", out var link), db);
        using var linkStatement = link;
        foreach (var e in entries)
        {
            object[] values =
            [
                e.Sequence, e.Time.UtcTicks, (long)e.Time.Offset.TotalMinutes, e.ActorId, (long)e.Action, e.Operation,
                AuditText.JoinIds(e.CustomerIds), AuditText.JoinFields(e.Fields), e.PreviousHash, e.Hash,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                insert.Parameters[i].Value = values[i];
            }

            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            LinkCustomers(db, link, e);
        }

        tx.Commit();
    }

    /// <inheritdoc/>
    /// <summary>Links every customer of an audit entry to its sequence (what "the audit of one customer" reads).</summary>
    private static void LinkCustomers(sqlite3 db, sqlite3_stmt link, AuditEntry entry)
    {
        Span<byte> utf8 = stackalloc byte[36];
        foreach (var id in entry.CustomerIds)
        {
            id.Value.TryFormat(utf8, out _, "D"); // the same text as Key(id), without allocating
            raw.sqlite3_bind_text(link, 1, utf8);
            raw.sqlite3_bind_int64(link, 2, entry.Sequence);
            var rc = raw.sqlite3_step(link);
            raw.sqlite3_reset(link);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
    }

    async Task<IReadOnlyList<AuditEntry>> IAuditStore.ReadRangeAsync(long fromSequence, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditColumns} FROM audit_log WHERE seq >= $from ORDER BY seq LIMIT $n;";
        command.Parameters.AddWithValue("$from", fromSequence);
        command.Parameters.AddWithValue("$n", maxCount);
        return await ReadAuditAsync(command, int.MaxValue, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    async Task<Page<AuditEntry>> IAuditStore.QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Page.Validate();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = AuditText.Query(query, $"SELECT {AuditColumns} FROM audit_log", "$", "seq IN (SELECT seq FROM audit_customers WHERE customer_id = {p}customer)",
            id => Key(id.Value), (name, value) => command.Parameters.AddWithValue("$" + name, value));
        var items = await ReadAuditAsync(command, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return AuditText.ToPage(items, query.Page.PageSize);
    }

    private static async Task<List<AuditEntry>> ReadAuditAsync(SqliteCommand command, int max, CancellationToken cancellationToken)
    {
        var list = new List<AuditEntry>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (list.Count < max && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new AuditEntry(
                reader.GetInt64(0),
                new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(reader.GetInt64(2))),
                reader.GetString(3),
                (AuditAction)reader.GetInt64(4),
                reader.GetString(5),
                AuditText.SplitIds(reader.GetString(6)),
                AuditText.SplitFields(reader.GetString(7)),
                reader.GetString(8),
                reader.GetString(9)));
        }

        return list;
    }
}
