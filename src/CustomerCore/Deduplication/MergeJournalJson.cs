using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.Deduplication;

/// <summary>Serializes merge journal entries and the customer documents inside them.</summary>
/// <remarks>Customers use the storage document format (<see cref="StorageJson"/>), so originals restore exactly. Durable
/// journal stores in provider packages store whole entries with <see cref="Serialize(MergeJournalEntry)"/>.</remarks>
internal static class MergeJournalJson
{
    public static string Write(Customer customer) => Encoding.UTF8.GetString(StorageJson.Serialize(customer));

    public static Customer ReadCustomer(string json) => StorageJson.Deserialize<Customer>(Encoding.UTF8.GetBytes(json));

    public static byte[] Serialize(MergeJournalEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry, MergeJournalJsonContext.Default.MergeJournalEntry);

    public static byte[] WriteLine(MergeJournalLine line) => JsonSerializer.SerializeToUtf8Bytes(line, MergeJournalJsonContext.Default.MergeJournalLine);

    public static MergeJournalLine? TryReadLine(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, MergeJournalJsonContext.Default.MergeJournalLine);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static MergeJournalEntry Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, MergeJournalJsonContext.Default.MergeJournalEntry)
        ?? throw new StorageException("A stored merge journal entry is empty.", null);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MergeJournalEntry))]
[JsonSerializable(typeof(MergeJournalLine))]
internal sealed partial class MergeJournalJsonContext : JsonSerializerContext;
