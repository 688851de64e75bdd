using CustomerCore.Customers;

namespace CustomerCore.Deduplication;

/// <summary>Represents one record as the duplicate engine sees it: an id and typed, possibly missing, fields.</summary>
/// <remarks>Values are kept as given; the engine normalizes its own copies, so the raw input is never lost.
/// Empty or whitespace values count as missing: they neither help nor hurt a match.</remarks>
public sealed record DedupeRecord
{
    /// <summary>Gets the caller's identifier of the record; it is echoed in every result.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the full name when it is not split into parts (a person or, for businesses, a site name).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the given (first) name.</summary>
    public string? GivenName { get; init; }

    /// <summary>Gets the family name (surname).</summary>
    public string? FamilyName { get; init; }

    /// <summary>Gets the organization name; legal suffixes such as Ltd, GmbH or 有限公司 are ignored when comparing.</summary>
    public string? Organization { get; init; }

    /// <summary>Gets the phone numbers, preferably in E.164 form.</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];

    /// <summary>Gets the e-mail addresses.</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>Gets a one-line address when it is not split into parts.</summary>
    public string? Address { get; init; }

    /// <summary>Gets the street name.</summary>
    public string? Street { get; init; }

    /// <summary>Gets the house number.</summary>
    public string? HouseNumber { get; init; }

    /// <summary>Gets the city or town.</summary>
    public string? City { get; init; }

    /// <summary>Gets the district, suburb or locality.</summary>
    public string? District { get; init; }

    /// <summary>Gets the region, state or province.</summary>
    public string? Region { get; init; }

    /// <summary>Gets the postal code.</summary>
    public string? Postcode { get; init; }

    /// <summary>Gets the country as an ISO 3166-1 code or name.</summary>
    public string? Country { get; init; }

    /// <summary>Gets the date of birth.</summary>
    public DateOnly? DateOfBirth { get; init; }

    /// <summary>Gets the gender as given.</summary>
    public string? Gender { get; init; }

    /// <summary>Gets the geographic position.</summary>
    public GeoPoint? Location { get; init; }

    /// <summary>Gets the source system or channel the record came from, used by the most-trusted-source survivorship rule.</summary>
    public string? Source { get; init; }

    /// <summary>Gets when the record was last updated, used by the most-recent survivorship rule.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets further free-text attributes, compared by exact and near-exact value per key.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>(0);

    /// <summary>Creates the engine's view of a stored customer: names, E.164 phones, normalized emails, the first address and the date of birth.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The record; its id is the customer id text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <remarks>An organization's display name becomes <see cref="Organization"/>; a person's becomes <see cref="Name"/> unless
    /// the given or family name is known separately.
    /// Phones and emails fall back to the raw text when they have no normalized form. Tags and attributes are not compared.</remarks>
    public static DedupeRecord FromCustomer(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var address = customer.Addresses.Count > 0 ? customer.Addresses[0] : null;
        var structured = address is not null && (address.Street is not null || address.HouseNumber is not null);
        var isOrganization = customer.Kind == CustomerKind.Organization;
        return new DedupeRecord
        {
            Id = customer.Id.ToString(),
            // A person's split names are compared part by part; the full name is only used when no part is known, so the
            // same evidence is not counted twice and common first names do not form huge blocks.
            Name = isOrganization || customer.GivenName is not null || customer.FamilyName is not null ? null : customer.DisplayName,
            GivenName = customer.GivenName,
            FamilyName = customer.FamilyName,
            Organization = isOrganization ? customer.DisplayName : null,
            Phones = [.. customer.Phones.Select(p => p.E164 ?? p.Raw)],
            Emails = [.. customer.Emails.Select(e => e.Normalized ?? e.Raw)],
            Address = structured ? null : address?.Original,
            Street = address?.Street,
            HouseNumber = address?.HouseNumber,
            City = address?.City,
            District = address?.District,
            Region = address?.Region,
            Postcode = address?.Postcode,
            Country = address?.CountryCode,
            Location = address?.Location,
            DateOfBirth = customer.DateOfBirth,
            Source = customer.SourceChannel,
            UpdatedAt = customer.UpdatedAt,
        };
    }
}
