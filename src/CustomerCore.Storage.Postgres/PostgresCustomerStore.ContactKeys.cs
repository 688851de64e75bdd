using CustomerCore.Import;
using Npgsql;

namespace CustomerCore.Storage.Postgres;

/// <summary>Answers which phone/email keys the store holds, many at once, from the <c>customer_keys</c> index (one
/// statement with two array parameters), so an import into a non-empty store searches only rows that may match.</summary>
public sealed partial class PostgresCustomerStore : IContactKeyLookup
{
    /// <inheritdoc/>
    async Task<IReadOnlyCollection<string>> IContactKeyLookup.FindStoredKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        List<string> found = [];
        var (phones, emails) = ContactKeys.Split(keys);
        if (phones.Length + emails.Length == 0)
        {
            return found;
        }

        // Kinds of customer_keys: 1 = E.164 phone, 2 = normalized email (see PostgresSchema).
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"SELECT DISTINCT kind, key FROM {_s}.customer_keys WHERE (kind = 1 AND key = ANY(@phones)) OR (kind = 2 AND key = ANY(@emails));",
            connection);
        command.Parameters.AddWithValue("phones", phones);
        command.Parameters.AddWithValue("emails", emails);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add((reader.GetInt16(0) == 1 ? ContactKeys.PhonePrefix : ContactKeys.EmailPrefix) + reader.GetString(1));
        }

        return found;
    }
}
