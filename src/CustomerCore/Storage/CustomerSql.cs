using System.Data.Common;
using System.Globalization;
using System.Text;
using CustomerCore.Customers;

namespace CustomerCore.Storage;

/// <summary>Says how one SQL provider spells the parts of a customer query that differ between databases.</summary>
/// <param name="ParameterPrefix">The parameter marker, <c>$</c> (SQLite) or <c>@</c> (PostgreSQL).</param>
/// <param name="Customers">The qualified customers table.</param>
/// <param name="Keys">The qualified <c>customer_keys(kind, key, rid)</c> lookup table.</param>
/// <param name="GeoFilter">A condition on <c>c.rid</c> that uses the parameters minLat, maxLat, minLon and maxLon, where
/// <c>{p}</c> stands for the parameter marker.</param>
/// <param name="Clean">Maps a lookup value to its stored form (PostgreSQL text cannot hold NUL).</param>
internal sealed record CustomerSqlDialect(string ParameterPrefix, string Customers, string Keys, string GeoFilter, Func<string, string> Clean);

/// <summary>Builds the SQL both relational providers share: customer queries and the lookup keys a customer is found by.</summary>
/// <remarks>Every value is a parameter (never spliced into the text); only table names from options are.</remarks>
internal static class CustomerSql
{
    /// <summary>The <c>customer_keys.kind</c> of a normalized phone (E.164).</summary>
    public const int KindPhone = 1;

    /// <summary>The <c>customer_keys.kind</c> of a normalized email.</summary>
    public const int KindEmail = 2;

    /// <summary>The <c>customer_keys.kind</c> of a tag.</summary>
    public const int KindTag = 3;

    /// <summary>Lists the lookup keys a customer is found by; writes and deletes both derive them from here.</summary>
    public static IEnumerable<(int Kind, string Key)> Keys(Customer customer)
    {
        foreach (var phone in customer.Phones)
        {
            if (phone.E164 is { } e164)
            {
                yield return (KindPhone, e164);
            }
        }

        foreach (var email in customer.Emails)
        {
            if (email.Normalized is { } normalized)
            {
                yield return (KindEmail, normalized);
            }
        }

        foreach (var tag in customer.Tags)
        {
            yield return (KindTag, tag);
        }
    }

    /// <summary>Lower-cases a name for the name index; NUL is dropped (PostgreSQL text cannot hold it).</summary>
    public static string LowerName(string name) =>
        (name.Contains('\0', StringComparison.Ordinal) ? name.Replace("\0", string.Empty, StringComparison.Ordinal) : name).ToLowerInvariant();

    /// <summary>Builds <c>SELECT c.version, c.doc ...</c> for a query page and binds its parameters.</summary>
    /// <param name="query">The query.</param>
    /// <param name="after">The id to continue after, in the provider's id type, or null for the first page.</param>
    /// <param name="dialect">The provider's spelling.</param>
    /// <param name="bind">Adds a parameter by name (without the marker) and value.</param>
    /// <returns>The SQL text.</returns>
    public static string Query(CustomerQuery query, object? after, CustomerSqlDialect dialect, Action<string, object> bind)
    {
        var p = dialect.ParameterPrefix;
        var sql = new StringBuilder("SELECT c.version, c.doc FROM ").Append(dialect.Customers).Append(" c WHERE 1 = 1");
        void Where(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition);
            bind(name, value);
        }

        if (after is not null)
        {
            Where($"c.id > {p}after", "after", after);
        }

        if (query.OwnerId is not null)
        {
            Where($"c.owner_id = {p}owner", "owner", query.OwnerId);
        }

        if (query.UnownedOnly)
        {
            sql.Append(" AND c.owner_id IS NULL");
        }

        if (query.OwnerIds is { } owners)
        {
            // An access scope (a rep's or a team's owners): pushed down so pages are full; an empty scope matches nothing.
            if (owners.Count == 0)
            {
                sql.Append(" AND 1 = 0");
            }
            else
            {
                sql.Append(" AND c.owner_id IN (");
                var i = 0;
                foreach (var owner in owners)
                {
                    var name = "own" + i.ToString(CultureInfo.InvariantCulture);
                    sql.Append(i++ == 0 ? string.Empty : ", ").Append(p).Append(name);
                    bind(name, owner);
                }

                sql.Append(')');
            }
        }

        if (query.Stage is { } stage)
        {
            Where($"c.stage = {p}stage", "stage", (int)stage);
        }

        if (query.UpdatedSince is { } since)
        {
            Where($"c.updated_at >= {p}since", "since", since.UtcTicks);
        }

        if (query.NamePrefix is { } prefix)
        {
            // A range on the lower-cased column: index-friendly, and % or _ in the prefix are plain characters.
            var lower = LowerName(prefix);
            Where($"c.name_lower >= {p}prefix", "prefix", lower);
            Where($"c.name_lower < {p}prefixEnd", "prefixEnd", lower + "\U0010FFFF");
        }

        AddKey(query.Phone, KindPhone, "phone");
        AddKey(query.Email, KindEmail, "email");
        AddKey(query.Tag, KindTag, "tag");
        if (query.Within is { } box)
        {
            sql.Append(" AND ").Append(dialect.GeoFilter.Replace("{p}", p, StringComparison.Ordinal));
            bind("minLat", box.MinLatitude);
            bind("maxLat", box.MaxLatitude);
            bind("minLon", box.MinLongitude);
            bind("maxLon", box.MaxLongitude);
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY c.id LIMIT {p}limit;");
        bind("limit", query.Page.PageSize + 1);
        return sql.ToString();

        void AddKey(string? value, int kind, string name)
        {
            if (value is not null)
            {
                Where($"c.rid IN (SELECT rid FROM {dialect.Keys} WHERE kind = {kind.ToString(CultureInfo.InvariantCulture)} AND key = {p}{name})", name, dialect.Clean(value));
            }
        }
    }

    /// <summary>Reads one page from a query that asked for one row more than the page holds.</summary>
    /// <param name="reader">The open reader.</param>
    /// <param name="pageSize">The page size; the query's limit is one more.</param>
    /// <param name="read">Reads the current row.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The items, and whether another page follows.</returns>
    public static async Task<(List<T> Items, bool More)> ReadPageAsync<T>(DbDataReader reader, int pageSize, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var items = new List<T>(Math.Min(pageSize, 256));
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == pageSize)
            {
                return (items, true);
            }

            items.Add(read(reader));
        }

        return (items, false);
    }

    /// <summary>Runs a query whose first column is a stored document and reads every row.</summary>
    /// <param name="command">The command, with its connection open.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The documents, in the query's order.</returns>
    public static async Task<IReadOnlyList<T>> ReadDocumentsAsync<T>(DbCommand command, CancellationToken cancellationToken)
        where T : class
    {
        var items = new List<T>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(StorageJson.Deserialize<T>(reader.GetFieldValue<byte[]>(0)));
        }

        return items;
    }
}
