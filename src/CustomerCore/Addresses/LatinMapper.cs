using System.Text;
using CustomerCore.Addresses.Latin;

namespace CustomerCore.Addresses;

/// <summary>Maps the Latin-script parser's internal result into the public <see cref="StandardizedAddress"/>.</summary>
internal static class LatinMapper
{
    public static AddressComponentKind Map(LatinComponent component) => component switch
    {
        LatinComponent.Recipient => AddressComponentKind.Recipient,
        LatinComponent.HouseNumber => AddressComponentKind.HouseNumber,
        LatinComponent.Street => AddressComponentKind.Street,
        LatinComponent.Unit => AddressComponentKind.Unit,
        LatinComponent.Building => AddressComponentKind.Building,
        LatinComponent.PoBox => AddressComponentKind.PoBox,
        LatinComponent.City => AddressComponentKind.City,
        LatinComponent.Region => AddressComponentKind.Region,
        LatinComponent.Postcode => AddressComponentKind.Postcode,
        LatinComponent.Country => AddressComponentKind.Country,
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, "Unknown Latin component."),
    };

    public static AddressChangeKind? MapChange(string kind) => kind switch
    {
        "normalized" => AddressChangeKind.Normalized,
        "abbreviated" => AddressChangeKind.Abbreviated,
        "expanded" => AddressChangeKind.Expanded,
        "corrected" => AddressChangeKind.Corrected,
        "completed" => AddressChangeKind.Completed,
        "renamed" => AddressChangeKind.Renamed,
        _ => null,
    };

    /// <summary>Builds the public result; spans outside the input are dropped rather than thrown on.</summary>
    public static StandardizedAddress ToResult(string input, LatinParse parse, string? countryHint)
    {
        var components = new List<AddressComponent>(parse.Spans.Count);
        foreach (var span in parse.Spans)
        {
            if (span.Start < 0 || span.Length < 0 || span.Start + span.Length > input.Length)
            {
                continue;
            }

            var kind = Map(span.Component);
            string? code = kind == AddressComponentKind.Region ? parse.RegionFips : null;
            var value = kind == AddressComponentKind.Region && parse.RegionCode is not null ? parse.RegionCode : span.Value;
            components.Add(new AddressComponent(kind, input.Substring(span.Start, span.Length), span.Start, value, code));
        }

        var changes = new List<AddressChange>(parse.Changes.Count);
        foreach (var change in parse.Changes)
        {
            if (MapChange(change.Kind) is { } kind)
            {
                changes.Add(new AddressChange(Map(change.Component), kind, change.From, change.To));
            }
        }

        var country = parse.CountryCode ?? countryHint ?? (parse.RegionCode is not null ? "US" : null);
        if (components.Count == 0)
        {
            return new StandardizedAddress { Input = input, Status = AddressStatus.Unparsed, FailureReason = AddressFailureReason.NotRecognized, CountryCode = country };
        }

        return new StandardizedAddress
        {
            Input = input,
            Status = AddressStatus.Standardized,
            CountryCode = country,
            Components = components,
            Changes = changes,
            Confidence = Math.Round(Math.Clamp(parse.Confidence, 0, 1), 2),
            Formatted = FormatUs(components),
        };
    }

    /// <summary>Formats in the USPS order: <c>431 Marietta St NW Apt 5, Atlanta, GA 30313</c>.</summary>
    public static string FormatUs(IReadOnlyList<AddressComponent> components)
    {
        string? Value(AddressComponentKind kind)
        {
            foreach (var c in components)
            {
                if (c.Kind == kind)
                {
                    return c.Value;
                }
            }

            return null;
        }

        var sb = new StringBuilder(64);
        void Part(string? value, string separator)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            if (sb.Length > 0)
            {
                sb.Append(separator);
            }

            sb.Append(value);
        }

        Part(Value(AddressComponentKind.Recipient), ", ");
        Part(Value(AddressComponentKind.Building), ", ");
        var line1Start = sb.Length;
        Part(Value(AddressComponentKind.HouseNumber), sb.Length > 0 ? ", " : " ");
        Part(Value(AddressComponentKind.Street), sb.Length > line1Start ? " " : ", ");
        Part(Value(AddressComponentKind.Unit), sb.Length > line1Start ? " " : ", ");
        Part(Value(AddressComponentKind.PoBox), ", ");
        Part(Value(AddressComponentKind.City), ", ");
        Part(Value(AddressComponentKind.Region), ", ");
        Part(Value(AddressComponentKind.Postcode), " ");
        var country = Value(AddressComponentKind.Country);
        Part(country, ", ");
        return sb.ToString();
    }
}
