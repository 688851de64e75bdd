namespace CustomerCore.Customers;

/// <summary>Represents a phone number as entered and, when valid, in normalized form.</summary>
/// <remarks>The raw input is always kept, so normalizing never loses what the user typed.</remarks>
public sealed record PhoneNumber
{
    /// <summary>Gets the text as entered.</summary>
    public required string Raw { get; init; }

    /// <summary>Gets the number in E.164 form (<c>+8613800138000</c>), or <see langword="null"/> when it is not valid.</summary>
    public string? E164 { get; init; }

    /// <summary>Gets the extension, when one was given.</summary>
    public string? Extension { get; init; }

    /// <summary>Gets the kind of line.</summary>
    public PhoneType Type { get; init; }

    /// <summary>Gets a value indicating whether the number was confirmed to reach the customer (for hard duplicate matches).</summary>
    public bool IsVerified { get; init; }
}

/// <summary>Represents an email address as entered and, when valid, in normalized form.</summary>
public sealed record EmailAddress
{
    /// <summary>Gets the text as entered.</summary>
    public required string Raw { get; init; }

    /// <summary>Gets the normalized address (trimmed, domain lower-cased and in ASCII/punycode), or <see langword="null"/> when invalid.</summary>
    public string? Normalized { get; init; }

    /// <summary>Gets a value indicating whether the address was confirmed to reach the customer.</summary>
    public bool IsVerified { get; init; }
}

/// <summary>Represents a postal address in structured components, with the original one-line text.</summary>
/// <remarks>Components follow the address standardizer's vocabulary: region is a province or state, district a
/// county or urban district, town a township or sub-district (乡镇/街道).</remarks>
public sealed record PostalAddress
{
    /// <summary>Gets the address as entered, on one line.</summary>
    public string? Original { get; init; }

    /// <summary>Gets the ISO 3166-1 alpha-2 country code.</summary>
    public string? CountryCode { get; init; }

    /// <summary>Gets the province or state.</summary>
    public string? Region { get; init; }

    /// <summary>Gets the city.</summary>
    public string? City { get; init; }

    /// <summary>Gets the county or district.</summary>
    public string? District { get; init; }

    /// <summary>Gets the township or sub-district.</summary>
    public string? Town { get; init; }

    /// <summary>Gets the street or road, with its type and directionals.</summary>
    public string? Street { get; init; }

    /// <summary>Gets the house number.</summary>
    public string? HouseNumber { get; init; }

    /// <summary>Gets the building, estate or point of interest.</summary>
    public string? Building { get; init; }

    /// <summary>Gets the unit (单元, apartment, suite).</summary>
    public string? Unit { get; init; }

    /// <summary>Gets the floor.</summary>
    public string? Floor { get; init; }

    /// <summary>Gets the room.</summary>
    public string? Room { get; init; }

    /// <summary>Gets the postcode.</summary>
    public string? Postcode { get; init; }

    /// <summary>Gets the administrative code of the most precise division known (Chinese 6-digit adcode, US state FIPS).</summary>
    public string? AdminCode { get; init; }

    /// <summary>Gets the geocoded position, when known.</summary>
    public GeoPoint? Location { get; init; }

    /// <summary>Gets what the address is used for (e.g. <c>billing</c>, <c>shipping</c>, <c>office</c>).</summary>
    public string? Label { get; init; }
}

/// <summary>Represents a person at an organization customer and their role in the decision chain.</summary>
public sealed record KeyContact
{
    /// <summary>Gets the contact's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the job title.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the role in the decision chain.</summary>
    public DecisionRole Role { get; init; }

    /// <summary>Gets the contact's phone numbers.</summary>
    public IReadOnlyList<PhoneNumber> Phones { get; init; } = [];

    /// <summary>Gets the contact's email addresses.</summary>
    public IReadOnlyList<EmailAddress> Emails { get; init; } = [];
}
