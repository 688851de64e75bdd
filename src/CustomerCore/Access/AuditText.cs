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
