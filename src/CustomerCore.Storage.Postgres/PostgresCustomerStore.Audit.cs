using CustomerCore.Access;
using CustomerCore.Customers;
using Npgsql;

namespace CustomerCore.Storage.Postgres;

/// <summary>The access audit log in the same schema (version 4): one row per entry keyed by its sequence, the customers it
/// concerns as a uuid array under a GIN index for queries by customer.</summary>
public sealed partial class PostgresCustomerStore : IAuditStore
{
    private const string AuditColumns = "seq, at, offset_min, actor, action, operation, customers, fields, previous_hash, hash";

    /// <inheritdoc/>
    async Task<AuditEntry?> IAuditStore.GetLastAsync(CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT {AuditColumns} FROM {_s}.audit_log ORDER BY seq DESC LIMIT 1;", connection);
        var entries = await ReadAuditAsync(command, cancellationToken).ConfigureAwait(false);
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
        using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long last;
        using (var head = new NpgsqlCommand($"SELECT COALESCE(MAX(seq), 0) FROM {_s}.audit_log;", connection, tx))
        {
            last = (long)(await head.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is null || entries[i].Sequence != last + 1 + i)
            {
                throw new ConcurrencyConflictException("audit:" + (last + 1 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), last + i, last);
            }
        }

        try
        {
            foreach (var e in entries)
            {
                using var insert = new NpgsqlCommand(
                    $"INSERT INTO {_s}.audit_log ({AuditColumns}) VALUES (@seq, @at, @off, @actor, @action, @op, @customers, @fields, @prev, @hash);", connection, tx);
                insert.Parameters.AddWithValue("seq", e.Sequence);
                insert.Parameters.AddWithValue("at", e.Time.UtcTicks);
                insert.Parameters.AddWithValue("off", (int)e.Time.Offset.TotalMinutes);
                insert.Parameters.AddWithValue("actor", Clean(e.ActorId));
                insert.Parameters.AddWithValue("action", (int)e.Action);
                insert.Parameters.AddWithValue("op", Clean(e.Operation));
                insert.Parameters.AddWithValue("customers", e.CustomerIds.Select(c => c.Value).ToArray());
                insert.Parameters.AddWithValue("fields", Clean(AuditText.JoinFields(e.Fields)));
                insert.Parameters.AddWithValue("prev", e.PreviousHash);
                insert.Parameters.AddWithValue("hash", e.Hash);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another writer appended the same sequence between our read and our insert.
            throw new ConcurrencyConflictException("audit:" + entries[0].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), last, null);
        }
    }

    /// <inheritdoc/>
    async Task<IReadOnlyList<AuditEntry>> IAuditStore.ReadRangeAsync(long fromSequence, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT {AuditColumns} FROM {_s}.audit_log WHERE seq >= @from ORDER BY seq LIMIT @n;", connection);
        command.Parameters.AddWithValue("from", fromSequence);
        command.Parameters.AddWithValue("n", maxCount);
        return await ReadAuditAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    async Task<Page<AuditEntry>> IAuditStore.QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Page.Validate();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand { Connection = connection };
        command.CommandText = AuditText.Query(query, $"SELECT {AuditColumns} FROM {_s}.audit_log", "@", "customers @> ARRAY[{p}customer]::uuid[]",
            id => id.Value, (name, value) => command.Parameters.AddWithValue(name, value is string text ? Clean(text) : value));
        var items = await ReadAuditAsync(command, cancellationToken).ConfigureAwait(false);
        return AuditText.ToPage(items, query.Page.PageSize);
    }

    private static async Task<List<AuditEntry>> ReadAuditAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<AuditEntry>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new AuditEntry(
                reader.GetInt64(0),
                new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(reader.GetInt32(2))),
                reader.GetString(3),
                (AuditAction)reader.GetInt32(4),
                reader.GetString(5),
                [.. reader.GetFieldValue<Guid[]>(6).Select(g => new CustomerId(g))],
                AuditText.SplitFields(reader.GetString(7)),
                reader.GetString(8),
                reader.GetString(9)));
        }

        return list;
    }
}
