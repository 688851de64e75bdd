using System.Globalization;
using System.Text.RegularExpressions;

namespace CustomerCore.Deduplication.Internal;

/// <summary>Holds the normalized comparison values of every record, column by column (struct of arrays).</summary>
/// <remarks>Records are appended; a comparison reads two row indexes. Not thread-safe for writes; reads are safe.</remarks>
internal sealed partial class Features
{
    private readonly DeduplicationOptions _options;

    public Features(DeduplicationOptions options, IEnumerable<string> attributeKeys)
    {
        _options = options;
        AttributeKeys = [.. attributeKeys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Attributes = new List<string?>[AttributeKeys.Length];
        for (var i = 0; i < Attributes.Length; i++)
        {
            Attributes[i] = [];
        }
    }

    public int Count => Ids.Count;

    public List<string> Ids { get; } = [];

    public List<string?> Given { get; } = [];

    public List<string?> Family { get; } = [];

    public List<string?> FullName { get; } = [];

    public List<string?> GivenSoundex { get; } = [];

    public List<string?> FamilySoundex { get; } = [];

    public List<string?> Organization { get; } = [];

    public List<string[]> Phones { get; } = [];

    public List<string[]> Emails { get; } = [];

    public List<string?> Street { get; } = [];

    public List<string?> House { get; } = [];

    public List<string?> City { get; } = [];

    public List<string?> District { get; } = [];

    public List<string?> Region { get; } = [];

    public List<string?> Postcode { get; } = [];

    public List<int> Dob { get; } = [];

    public List<string?> Gender { get; } = [];

    public List<double> Lat { get; } = [];

    public List<double> Lon { get; } = [];

    public string[] AttributeKeys { get; }

    public List<string?>[] Attributes { get; }

    public void Add(DedupeRecord record)
    {
        if (_options.RecordStandardizer is { } standardize)
        {
            record = standardize(record);
        }

        Ids.Add(record.Id);
        Given.Add(Text.Normalize(record.GivenName));
        Family.Add(Text.Normalize(record.FamilyName));
        FullName.Add(Text.Normalize(record.Name));
        GivenSoundex.Add(Text.Soundex(Given[^1]));
        FamilySoundex.Add(Text.Soundex(Family[^1]));
        Organization.Add(StripLegalSuffixes(Text.Normalize(record.Organization)));
        Phones.Add(NormalizePhones(record.Phones));
        Emails.Add(NormalizeEmails(record.Emails));
        var street = Text.Normalize(record.Street);
        var address = Text.Normalize(record.Address);
        var streetLine = street is null ? address : address is null ? street : street + " " + address;
        Street.Add(StandardizeStreet(streetLine));
        House.Add(Text.Normalize(record.HouseNumber));
        City.Add(Text.Normalize(record.City));
        District.Add(Text.Normalize(record.District));
        Region.Add(Text.Normalize(record.Region));
        var postcode = Text.Normalize(record.Postcode);
        Postcode.Add(postcode?.Replace(" ", string.Empty, StringComparison.Ordinal));
        var dob = record.DateOfBirth;
        Dob.Add(dob is { } d ? (d.Year * 10000) + (d.Month * 100) + d.Day : 0);
        Gender.Add(NormalizeGender(record.Gender));
        var loc = record.Location;
        Lat.Add(loc is { IsValid: true } p ? p.Latitude : double.NaN);
        Lon.Add(loc is { IsValid: true } q ? q.Longitude : double.NaN);
        for (var a = 0; a < AttributeKeys.Length; a++)
        {
            Attributes[a].Add(record.Attributes.TryGetValue(AttributeKeys[a], out var v) ? Text.Normalize(v) : null);
        }
    }

    public void RemoveLast()
    {
        var i = Count - 1;
        Ids.RemoveAt(i);
        Given.RemoveAt(i);
        Family.RemoveAt(i);
        FullName.RemoveAt(i);
        GivenSoundex.RemoveAt(i);
        FamilySoundex.RemoveAt(i);
        Organization.RemoveAt(i);
        Phones.RemoveAt(i);
        Emails.RemoveAt(i);
        Street.RemoveAt(i);
        House.RemoveAt(i);
        City.RemoveAt(i);
        District.RemoveAt(i);
        Region.RemoveAt(i);
        Postcode.RemoveAt(i);
        Dob.RemoveAt(i);
        Gender.RemoveAt(i);
        Lat.RemoveAt(i);
        Lon.RemoveAt(i);
        foreach (var list in Attributes)
        {
            list.RemoveAt(i);
        }
    }

    private string[] NormalizePhones(IReadOnlyList<string> phones)
    {
        if (phones.Count == 0)
        {
            return [];
        }

        var result = new List<string>(phones.Count);
        foreach (var raw in phones)
        {
            var value = raw;
            if (_options.PhoneNormalizer is { } normalize && raw is not null)
            {
                value = normalize(raw);
            }

            // The last nine digits stand for the national number, so +49 30 ... and 030 ... agree.
            var digits = Text.Digits(value);
            if (digits is { Length: >= 5 })
            {
                var key = digits.Length > 9 ? digits[^9..] : digits;
                if (!result.Contains(key))
                {
                    result.Add(key);
                }
            }
        }

        return [.. result];
    }

    private static string[] NormalizeEmails(IReadOnlyList<string> emails)
    {
        if (emails.Count == 0)
        {
            return [];
        }

        var result = new List<string>(emails.Count);
        foreach (var raw in emails)
        {
            var e = raw?.Trim().ToLowerInvariant();
            if (!string.IsNullOrEmpty(e) && e.Contains('@', StringComparison.Ordinal) && !result.Contains(e))
            {
                result.Add(e);
            }
        }

        return [.. result];
    }

    private static string? NormalizeGender(string? g)
    {
        var n = Text.Normalize(g);
        return n switch
        {
            null => null,
            "m" or "male" or "man" or "男" or "mann" or "herr" or "mr" => "m",
            "f" or "female" or "woman" or "女" or "frau" or "w" or "mrs" or "ms" => "f",
            _ => n,
        };
    }

    private static readonly string[] s_legalSuffixes =
    [
        "股份有限公司", "有限责任公司", "有限公司", "集团", "公司",
        "incorporated", "corporation", "company", "limited", "gmbh", "mbh", "ltd", "llc", "llp", "inc", "corp", "co", "plc",
        "ag", "kg", "ohg", "ug", "se", "sa", "sarl", "sas", "srl", "spa", "bv", "nv", "oy", "ab", "as", "pty", "kk",
    ];

    internal static string? StripLegalSuffixes(string? normalized)
    {
        if (normalized is null)
        {
            return null;
        }

        var s = normalized;
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var suffix in s_legalSuffixes)
            {
                if (Text.IsCjk(suffix[0]))
                {
                    if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.Ordinal))
                    {
                        s = s[..^suffix.Length].TrimEnd();
                        changed = true;
                    }
                }
                else if (s.Length > suffix.Length + 1 && s.EndsWith(" " + suffix, StringComparison.Ordinal))
                {
                    s = s[..^(suffix.Length + 1)];
                    changed = true;
                }
            }
        }

        return s;
    }

    private static readonly Dictionary<string, string> s_streetWords = new(StringComparer.Ordinal)
    {
        ["street"] = "st", ["str"] = "st", ["strasse"] = "str", ["avenue"] = "ave", ["av"] = "ave", ["road"] = "rd",
        ["boulevard"] = "blvd", ["blv"] = "blvd", ["drive"] = "dr", ["lane"] = "ln", ["place"] = "pl", ["court"] = "ct",
        ["square"] = "sq", ["highway"] = "hwy", ["parkway"] = "pkwy", ["circuit"] = "cct", ["crescent"] = "cres",
        ["terrace"] = "tce", ["north"] = "n", ["south"] = "s", ["east"] = "e", ["west"] = "w",
        ["first"] = "1st", ["second"] = "2nd", ["third"] = "3rd", ["fourth"] = "4th", ["fifth"] = "5th", ["sixth"] = "6th",
        ["seventh"] = "7th", ["eighth"] = "8th", ["ninth"] = "9th", ["tenth"] = "10th",
    };

    internal static string? StandardizeStreet(string? normalized)
    {
        if (normalized is null)
        {
            return null;
        }

        var tokens = Text.Tokens(normalized);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (s_streetWords.TryGetValue(tokens[i], out var abbr))
            {
                tokens[i] = abbr;
            }
        }

        return string.Join(' ', tokens);
    }

    /// <summary>Returns the leading house number of a street line, if any.</summary>
    internal static string? LeadingNumber(string? streetLine)
    {
        if (streetLine is null)
        {
            return null;
        }

        var m = LeadingNumberRegex().Match(streetLine);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumberRegex();

    internal static string DobText(int dob) => dob.ToString("D8", CultureInfo.InvariantCulture);
}
