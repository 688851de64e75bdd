using System.Globalization;
using System.Text;
using CustomerCore.Customers;
using Microsoft.Data.Sqlite;

namespace CustomerCore.Storage.Sqlite;

/// <summary>Upserts many customers with multi-row statements: one statement per <see cref="Chunk"/> customers and one per
/// <see cref="Chunk"/> index rows, instead of several statements per customer.</summary>
/// <remarks>Statement overhead, not SQLite itself, dominates small inserts through ADO.NET; multi-row VALUES amortize it.
/// Statements for a full chunk are prepared once and reused; the last, shorter chunk gets its own.</remarks>
internal sealed class BulkCustomerWriter(SqliteConnection connection, SqliteTransaction tx) : IDisposable
{
    private const int Chunk = 100;
    private readonly Dictionary<(string Kind, int Rows), SqliteCommand> _commands = [];

    public void Upsert(IReadOnlyList<Customer> customers, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var phones = new List<(long, string)>();
        var emails = new List<(long, string)>();
        var tags = new List<(long, string)>();
        var geo = new List<(long Id, long Rid, double Lat, double Lon)>();
        var updated = new List<long>();
        for (var start = 0; start < customers.Count; start += Chunk)
        {
            cancellationToken.ThrowIfCancellationRequested(); // leaving without commit rolls the whole batch back
            if (start > 0 && start % 1000 == 0)
            {
                progress?.Report(start);
            }

            var n = Math.Min(Chunk, customers.Count - start);
            var command = Command("upsert", n, UpsertSql);
            for (var i = 0; i < n; i++)
            {
                var c = customers[start + i];
                var p = command.Parameters;
                p[(i * 6) + 0].Value = SqliteCustomerStore.Key(c.Id.Value);
                p[(i * 6) + 1].Value = SqliteCustomerStore.LowerName(c.DisplayName);
                p[(i * 6) + 2].Value = (object?)c.OwnerId ?? DBNull.Value;
                p[(i * 6) + 3].Value = (int)c.Stage;
                p[(i * 6) + 4].Value = c.UpdatedAt.UtcTicks;
                p[(i * 6) + 5].Value = StorageJson.Serialize(c with { Version = 0 });
            }

            var rids = new Dictionary<string, long>(n, StringComparer.Ordinal);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var rid = reader.GetInt64(1);
                    rids[reader.GetString(0)] = rid;
                    if (reader.GetInt64(2) > 1)
                    {
                        updated.Add(rid);
                    }
                }
            }

            for (var i = 0; i < n; i++)
            {
                var c = customers[start + i];
                var rid = rids[SqliteCustomerStore.Key(c.Id.Value)];
                foreach (var phone in c.Phones)
                {
                    if (phone.E164 is { } e)
                    {
                        phones.Add((rid, e));
                    }
                }

                foreach (var email in c.Emails)
                {
                    if (email.Normalized is { } e)
                    {
                        emails.Add((rid, e));
                    }
                }

                foreach (var tag in c.Tags)
                {
                    tags.Add((rid, tag));
                }

                var index = 0;
                foreach (var a in c.Addresses)
                {
                    if (a.Location is { IsValid: true } point && index < SqliteCustomerStore.MaxLocations)
                    {
                        geo.Add((SqliteCustomerStore.LocationId(rid, index++), rid, point.Latitude, point.Longitude));
                    }
                }
            }
        }

        // Replaced customers lose their old index rows before the new ones go in.
        foreach (var rid in updated)
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM customer_phones WHERE rid = $r; DELETE FROM customer_emails WHERE rid = $r; DELETE FROM customer_tags WHERE rid = $r; DELETE FROM customer_geo WHERE id BETWEEN $lo AND $hi;";
            delete.Parameters.AddWithValue("$r", rid);
            delete.Parameters.AddWithValue("$lo", SqliteCustomerStore.LocationId(rid, 0));
            delete.Parameters.AddWithValue("$hi", SqliteCustomerStore.LocationId(rid, SqliteCustomerStore.MaxLocations - 1));
            delete.ExecuteNonQuery();
        }

        InsertPairs("customer_phones(rid, e164)", phones);
        InsertPairs("customer_emails(rid, email)", emails);
        InsertPairs("customer_tags(rid, tag)", tags);
        for (var start = 0; start < geo.Count; start += Chunk)
        {
            var n = Math.Min(Chunk, geo.Count - start);
            var command = Command("geo", n, GeoSql);
            for (var i = 0; i < n; i++)
            {
                var g = geo[start + i];
                command.Parameters[(i * 4) + 0].Value = g.Id;
                command.Parameters[(i * 4) + 1].Value = g.Lat;
                command.Parameters[(i * 4) + 2].Value = g.Lon;
                command.Parameters[(i * 4) + 3].Value = g.Rid;
            }

            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (var c in _commands.Values)
        {
            c.Dispose();
        }
    }

    private void InsertPairs(string target, List<(long Rid, string Value)> rows)
    {
        for (var start = 0; start < rows.Count; start += Chunk)
        {
            var n = Math.Min(Chunk, rows.Count - start);
            var command = Command(target, n, (rowsInChunk, sb) =>
            {
                sb.Append("INSERT INTO ").Append(target).Append(" VALUES ");
                for (var i = 0; i < rowsInChunk; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"($r{i}, $v{i})");
                }
            });
            for (var i = 0; i < n; i++)
            {
                command.Parameters[i * 2].Value = rows[start + i].Rid;
                command.Parameters[(i * 2) + 1].Value = rows[start + i].Value;
            }

            command.ExecuteNonQuery();
        }
    }

    private static void UpsertSql(int rows, StringBuilder sb)
    {
        sb.Append("INSERT INTO customers(id, name_lower, owner_id, stage, updated_at, doc, version) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sb.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"($i{i}, $n{i}, $o{i}, $s{i}, $u{i}, $d{i}, 1)");
        }

        sb.Append(" ON CONFLICT(id) DO UPDATE SET version = version + 1, name_lower = excluded.name_lower, owner_id = excluded.owner_id,")
          .Append(" stage = excluded.stage, updated_at = excluded.updated_at, doc = excluded.doc RETURNING id, rid, version;");
    }

    private static void GeoSql(int rows, StringBuilder sb)
    {
        sb.Append("INSERT INTO customer_geo(id, min_lat, max_lat, min_lon, max_lon, rid, lat, lon) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sb.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"($g{i}, $a{i}, $a{i}, $b{i}, $b{i}, $r{i}, $a{i}, $b{i})");
        }
    }

    private SqliteCommand Command(string kind, int rows, Action<int, StringBuilder> sql)
    {
        if (_commands.TryGetValue((kind, rows), out var existing))
        {
            return existing;
        }

        var sb = new StringBuilder();
        sql(rows, sb);
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sb.ToString();

        // Parameters in the order the loops above fill them, by position.
        var names = System.Text.RegularExpressions.Regex.Matches(command.CommandText, @"\$[a-z]+\d+").Select(m => m.Value).Distinct().ToList();
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        _commands[(kind, rows)] = command;
        return command;
    }
}
