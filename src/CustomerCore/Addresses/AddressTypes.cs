namespace CustomerCore.Addresses;

/// <summary>Lists the components an address is split into.</summary>
public enum AddressComponentKind
{
    /// <summary>The country.</summary>
    Country,

    /// <summary>The province or state.</summary>
    Region,

    /// <summary>The city or prefecture.</summary>
    City,

    /// <summary>The county or district.</summary>
    District,

    /// <summary>The township or sub-district (乡镇/街道).</summary>
    Town,

    /// <summary>The street or road, with its type and directionals.</summary>
    Street,

    /// <summary>The house number on the street.</summary>
    HouseNumber,

    /// <summary>The building, estate or point of interest.</summary>
    Building,

    /// <summary>The unit (单元, apartment, suite), with its type.</summary>
    Unit,

    /// <summary>The floor.</summary>
    Floor,

    /// <summary>The room.</summary>
    Room,

    /// <summary>The postcode (ZIP, ZIP+4).</summary>
    Postcode,

    /// <summary>The post office box.</summary>
    PoBox,

    /// <summary>The recipient (person or organization).</summary>
    Recipient,
}

/// <summary>Lists the kinds of change the standardizer makes, so each change is explainable.</summary>
public enum AddressChangeKind
{
    /// <summary>A missing component was inferred (e.g. the province of a district).</summary>
    Completed,

    /// <summary>A misspelling was corrected against the gazetteer.</summary>
    Corrected,

    /// <summary>An old name was mapped to the current one (e.g. 襄樊市 to 襄阳市).</summary>
    Renamed,

    /// <summary>Characters or spacing were normalized (full-width, traditional or lookalike characters, case).</summary>
    Normalized,

    /// <summary>A short form was expanded (e.g. 浙江 to 浙江省, Street to its full name).</summary>
    Expanded,

    /// <summary>A long form was abbreviated to the standard form (e.g. Street to St).</summary>
    Abbreviated,
}

/// <summary>Lists the outcomes of standardizing one address.</summary>
public enum AddressStatus
{
    /// <summary>The address was parsed; every inferred component was unambiguous.</summary>
    Standardized,

    /// <summary>The address was parsed, but a division could not be decided; see the candidates.</summary>
    Ambiguous,

    /// <summary>Nothing could be recognized; see the failure reason.</summary>
    Unparsed,
}

/// <summary>Lists why an address could not be standardized.</summary>
public enum AddressFailureReason
{
    /// <summary>No failure.</summary>
    None,

    /// <summary>The input is empty or only whitespace and control characters.</summary>
    Empty,

    /// <summary>The input is longer than the standardizer accepts.</summary>
    TooLong,

    /// <summary>No address component was recognized in the input.</summary>
    NotRecognized,
}

/// <summary>Represents one component: where it was found in the input and its standardized value.</summary>
/// <param name="Kind">The component kind.</param>
/// <param name="Text">The exact substring of the input that holds the component, or null when it was inferred.</param>
/// <param name="Start">The offset of <paramref name="Text"/> in the input, or -1 when inferred.</param>
/// <param name="Value">The standardized value.</param>
/// <param name="Code">The administrative code when known (Chinese 6-digit adcode, 9-digit town code, US state FIPS).</param>
public sealed record AddressComponent(AddressComponentKind Kind, string? Text, int Start, string Value, string? Code = null);

/// <summary>Represents one change made between the input and the standardized address.</summary>
/// <param name="Component">The component changed.</param>
/// <param name="Kind">What was done.</param>
/// <param name="From">The text before the change, or null when the component was inferred.</param>
/// <param name="To">The value after the change.</param>
public sealed record AddressChange(AddressComponentKind Component, AddressChangeKind Kind, string? From, string? To);

/// <summary>Represents one possible reading of an ambiguous division.</summary>
/// <param name="Region">The province or state.</param>
/// <param name="City">The city or prefecture, when any.</param>
/// <param name="District">The county or district, when any.</param>
/// <param name="Code">The administrative code of the most precise division.</param>
public sealed record AddressCandidate(string Region, string? City, string? District, string Code);

/// <summary>Holds optional hints that steer standardization.</summary>
public sealed record AddressHints
{
    /// <summary>Gets the ISO 3166-1 alpha-2 country to assume ("CN", "US"), or null to detect it.</summary>
    public string? Country { get; init; }

    /// <summary>Gets administrative codes (or code prefixes such as "11" for Beijing) preferred when a name is ambiguous.</summary>
    public IReadOnlyList<string> PreferredCodes { get; init; } = [];
}
