using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerCore.Customers;

namespace CustomerCore.Storage;

/// <summary>Serializes stored records as UTF-8 JSON documents, the one format providers and backups share.</summary>
/// <remarks>Source-generated, so no reflection at run time. Well-formed strings round-trip exactly, NUL and surrogate
/// pairs included; ill-formed UTF-16 (a lone surrogate) becomes U+FFFD. Times keep their offset; decimals their scale.</remarks>
internal static class StorageJson
{
    public static byte[] Serialize(Customer value) => JsonSerializer.SerializeToUtf8Bytes(value, StorageJsonContext.Default.Customer);

    public static void Serialize(Utf8JsonWriter writer, Customer value)
    {
        JsonSerializer.Serialize(writer, value, StorageJsonContext.Default.Customer);
        writer.Flush();
    }

    public static byte[] Serialize(Interaction value) => JsonSerializer.SerializeToUtf8Bytes(value, StorageJsonContext.Default.Interaction);

    public static byte[] Serialize(Reminder value) => JsonSerializer.SerializeToUtf8Bytes(value, StorageJsonContext.Default.Reminder);

    public static byte[] Serialize(CustomerTransaction value) => JsonSerializer.SerializeToUtf8Bytes(value, StorageJsonContext.Default.CustomerTransaction);

    public static byte[] Serialize(CustomerCore.Activities.Complaint value) => JsonSerializer.SerializeToUtf8Bytes(value, StorageJsonContext.Default.Complaint);

    public static byte[] Serialize(CustomerCore.Activities.SurveyResponse value) => JsonSerializer.SerializeToUtf8Bytes(value, StorageJsonContext.Default.SurveyResponse);

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8)
        where T : class =>
        (T?)JsonSerializer.Deserialize(utf8, typeof(T), StorageJsonContext.Default)
        ?? throw new StorageException($"A stored {typeof(T).Name} document is empty.", null);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Customer))]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(Reminder))]
[JsonSerializable(typeof(CustomerTransaction))]
[JsonSerializable(typeof(CustomerCore.Activities.Complaint))]
[JsonSerializable(typeof(CustomerCore.Activities.SurveyResponse))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
