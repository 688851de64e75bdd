using System.Globalization;
using System.Text;
using CustomerCore.Import;

namespace CustomerCore.Storage.Sqlite;

/// <summary>Answers which phone/email keys the store holds, many at once, from the <c>customer_keys</c> primary key (one
/// index seek per key, one statement per 500 keys), so an import into a non-empty store searches only rows that may match.</summary>
public sealed partial class SqliteCustomerStore : IContactKeyLookup
{
    private const int KeysPerStatement = 500; // well under SQLite's 32,766 host parameters, and short statements to prepare

    /// <inheritdoc/>
    async Task<IReadOnlyCollection<string>> IContactKeyLookup.FindStoredKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        List<string> found = [];
        if (keys.Count == 0)
        {
            return found;
        }

        // Kinds of customer_keys: 1 = E.164 phone, 2 = normalized email (see SqliteSchema).
        var (phones, emails) = ContactKeys.Split(keys);
        var wanted = new List<(int Kind, string Key)>(phones.Length + emails.Length);
        wanted.AddRange(phones.Select(p => (1, p)));
        wanted.AddRange(emails.Select(e => (2, e)));

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        for (var start = 0; start < wanted.Count; start += KeysPerStatement)
        {
            var end = Math.Min(wanted.Count, start + KeysPerStatement);
            using var command = connection.CreateCommand();
            var sql = new StringBuilder("SELECT DISTINCT kind, key FROM customer_keys WHERE ");
            for (var i = start; i < end; i++)
            {
                sql.Append(i == start ? string.Empty : " OR ").Append(CultureInfo.InvariantCulture, $"(kind = $k{i - start} AND key = $v{i - start})");
                command.Parameters.AddWithValue("$k" + (i - start).ToString(CultureInfo.InvariantCulture), wanted[i].Kind);
                command.Parameters.AddWithValue("$v" + (i - start).ToString(CultureInfo.InvariantCulture), wanted[i].Key);
            }

            command.CommandText = sql.Append(';').ToString();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add((reader.GetInt32(0) == 1 ? ContactKeys.PhonePrefix : ContactKeys.EmailPrefix) + reader.GetString(1));
            }
        }

        return found;
    }
}
