using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerCore.Customers;

namespace CustomerCore.Samples.Web;

/// <summary>Is one row of the customer list.</summary>
internal sealed record CustomerSummary(
    CustomerId Id, string DisplayName, string? OwnerId, LifecycleStage Stage, IReadOnlyList<string> Tags,
    string? Segment, string? City, string? Region, string? Phone, string? Email, GeoPoint? Location, long Version)
{
    /// <summary>The attribute that carries a customer's segment until the segmentation capability is wired in.</summary>
    public const string SegmentAttribute = "segment";

    public static string? SegmentOf(Customer c) => c.Attributes.TryGetValue(SegmentAttribute, out var s) ? s : null;

    public static CustomerSummary From(Customer c)
    {
        var address = c.Addresses.Count > 0 ? c.Addresses[0] : null;
        return new(c.Id, c.DisplayName, c.OwnerId, c.Stage, c.Tags, SegmentOf(c), address?.City, address?.Region,
            c.Phones.Count > 0 ? c.Phones[0].E164 ?? c.Phones[0].Raw : null,
            c.Emails.Count > 0 ? c.Emails[0].Normalized ?? c.Emails[0].Raw : null,
            c.Addresses.Select(a => a.Location).FirstOrDefault(l => l is not null), c.Version);
    }
}

internal sealed record CustomerListResponse(IReadOnlyList<CustomerSummary> Items, string? ContinuationToken);

internal sealed record CustomerDetail(Customer Customer, string? Segment, IReadOnlyList<Interaction> Timeline, IReadOnlyList<Reminder> Reminders);

/// <summary>Is the body of create and update calls.</summary>
internal sealed record CustomerInput
{
    public string? DisplayName { get; init; }
    public CustomerKind Kind { get; init; }
    public string? OwnerId { get; init; }
    public LifecycleStage Stage { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyList<string>? Phones { get; init; }
    public IReadOnlyList<string>? Emails { get; init; }
    public string? Segment { get; init; }
    public string? Notes { get; init; }
    public long Version { get; init; }

    public Customer ToCustomer(CustomerId id) => ApplyTo(new Customer { Id = id, DisplayName = DisplayName ?? string.Empty });

    public Customer ApplyTo(Customer c)
    {
        var attributes = new Dictionary<string, string>(c.Attributes);
        if (Segment is not null)
        {
            attributes[CustomerSummary.SegmentAttribute] = Segment;
        }

        return c with
        {
            DisplayName = DisplayName ?? c.DisplayName,
            Kind = Kind,
            OwnerId = OwnerId ?? c.OwnerId,
            Stage = Stage,
            Tags = Tags ?? c.Tags,
            Phones = Phones is null ? c.Phones : [.. Phones.Select(p => new PhoneNumber { Raw = p })],
            Emails = Emails is null ? c.Emails : [.. Emails.Select(e => new EmailAddress { Raw = e })],
            Attributes = attributes,
            Notes = Notes ?? c.Notes,
            Version = Version == 0 ? c.Version : Version,
        };
    }
}

internal sealed record InteractionInput(InteractionKind Kind, string? Subject, string? Notes, string? Outcome);

/// <summary>Writes the id value types as plain GUID strings.</summary>
internal sealed class IdJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(CustomerId) || typeToConvert == typeof(InteractionId) || typeToConvert == typeof(ReminderId) || typeToConvert == typeof(TransactionId);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(CustomerId) ? new IdConverter<CustomerId>(g => new(g), i => i.Value)
        : typeToConvert == typeof(InteractionId) ? new IdConverter<InteractionId>(g => new(g), i => i.Value)
        : typeToConvert == typeof(ReminderId) ? new IdConverter<ReminderId>(g => new(g), i => i.Value)
        : new IdConverter<TransactionId>(g => new(g), i => i.Value);

    private sealed class IdConverter<T>(Func<Guid, T> create, Func<T, Guid> value) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => create(reader.GetGuid());

        public override void Write(Utf8JsonWriter writer, T value1, JsonSerializerOptions options) => writer.WriteStringValue(value(value1));
    }
}
