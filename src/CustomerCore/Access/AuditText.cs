using System.Globalization;
using System.Text.Json;
using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.Access;

/// <summary>The column forms SQL audit stores share: customer ids comma-joined, field names as a JSON array, and paging by
/// the last sequence returned.</summary>
internal static class AuditText
{
    public static string JoinIds(IReadOnlyList<CustomerId> ids) => string.Join(',', ids.Select(id => id.Value.ToString("D")));

    public static IReadOnlyList<CustomerId> SplitIds(string text) =>
        text.Length == 0 ? [] : [.. text.Split(',').Select(s => new CustomerId(Guid.Parse(s)))];

    public static string JoinFields(IReadOnlyList<string> fields) => JsonSerializer.Serialize(fields.ToArray(), AuditJsonContext.Default.StringArray);

    public static IReadOnlyList<string> SplitFields(string json) => JsonSerializer.Deserialize(json, AuditJsonContext.Default.StringArray) ?? [];

    public static long ParseToken(string? token, string paramName) =>
        token is null ? 0
        : long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after
        : throw new ArgumentException("The continuation token is not one this store issued.", paramName);

    /// <summary>Builds the SQL of an audit query page (filters, sequence order, one row more than the page) and binds its parameters.</summary>
    /// <param name="query">The query.</param>
    /// <param name="selectFrom">The <c>SELECT ... FROM table</c> start.</param>
    /// <param name="prefix">The provider's parameter marker (<c>$</c> or <c>@</c>).</param>
    /// <param name="customerCondition">The provider's condition for "concerns the customer", using <c>{p}customer</c>.</param>
    /// <param name="customerValue">Converts the customer id to the provider's parameter value.</param>
    /// <param name="bind">Adds a parameter by name (without the marker) and value.</param>
    /// <returns>The SQL text.</returns>
    public static string Query(AuditQuery query, string selectFrom, string prefix, string customerCondition, Func<CustomerId, object> customerValue, Action<string, object> bind)
    {
        var sql = new System.Text.StringBuilder(selectFrom).Append(" WHERE seq > ").Append(prefix).Append("after");
        bind("after", ParseToken(query.Page.ContinuationToken, nameof(query)));
        void Where(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition).Append(prefix).Append(name);
            bind(name, value);
        }

        if (query.ActorId is { } actor)
        {
            Where("actor = ", "actor", actor);
        }

        if (query.Action is { } action)
        {
            Where("action = ", "action", (int)action);
        }

        if (query.From is { } from)
        {
            Where("at >= ", "from", from.UtcTicks);
        }

        if (query.To is { } to)
        {
            Where("at < ", "to", to.UtcTicks);
        }

        if (query.CustomerId is { } customer)
        {
            sql.Append(" AND ").Append(customerCondition.Replace("{p}", prefix, StringComparison.Ordinal));
            bind("customer", customerValue(customer));
        }

        sql.Append(" ORDER BY seq LIMIT ").Append(prefix).Append("n;");
        bind("n", query.Page.PageSize + 1);
        return sql.ToString();
    }

    /// <summary>Cuts a list read with one row more than the page into the page and its continuation token.</summary>
    public static Page<AuditEntry> ToPage(List<AuditEntry> items, int pageSize)
    {
        var more = items.Count > pageSize;
        if (more)
        {
            items.RemoveRange(pageSize, items.Count - pageSize);
        }

        return new Page<AuditEntry>(items, more ? items[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class AuditJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
