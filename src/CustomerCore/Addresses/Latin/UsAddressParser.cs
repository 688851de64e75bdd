namespace CustomerCore.Addresses.Latin;

// Internal contract between the address standardizer (Addresses/) and the US/Latin-script parser (Addresses/Latin/).
// The standardizer maps LatinParse into its public result; the parser owns tokenizing, labelling and USPS forms.

/// <summary>Lists the components the Latin-script parser can label.</summary>
internal enum LatinComponent
{
    Recipient,
    HouseNumber,
    Street,
    Unit,
    Building,
    PoBox,
    City,
    Region,
    Postcode,
    Country,
}

/// <summary>Holds one labelled component: its exact input span and its standardized (USPS) value.</summary>
internal readonly record struct LatinSpan(LatinComponent Component, int Start, int Length, string Value);

/// <summary>Records one explainable change; Kind is "normalized", "abbreviated", "expanded", "corrected" or "completed".</summary>
internal readonly record struct LatinChange(LatinComponent Component, string Kind, string? From, string? To);

/// <summary>Holds the result of parsing one Latin-script address.</summary>
/// <param name="Spans">Components in input order; spans never overlap.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 code when known ("US"), else null.</param>
/// <param name="RegionCode">USPS state code ("GA") when known.</param>
/// <param name="RegionFips">Two-digit state FIPS code ("13") when known.</param>
/// <param name="Confidence">0..1, how sure the parser is about the labelling.</param>
/// <param name="Changes">Every change made from input text to standardized values.</param>
internal sealed record LatinParse(
    IReadOnlyList<LatinSpan> Spans,
    string? CountryCode,
    string? RegionCode,
    string? RegionFips,
    double Confidence,
    IReadOnlyList<LatinChange> Changes);

/// <summary>Parses US (and generic Latin-script) addresses into labelled spans.</summary>
/// <remarks>A hand-written tokenizer (no regular expressions) and ordered rules in <see cref="UsAddressLabeller"/>;
/// reference data (USPS Pub 28 suffixes, states, GeoNames cities) loads once from an embedded resource.</remarks>
internal static class UsAddressParser
{
    private static readonly LatinParse s_empty = new([], null, null, null, 0, []);

    /// <summary>Parses one address; never throws on any string (empty input gives an empty parse).</summary>
    public static LatinParse Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tokens = LatinTokenizer.Tokenize(input);
        if (tokens.Count == 0)
        {
            return s_empty;
        }

        return new UsAddressLabeller(input, tokens).Run();
    }
}
