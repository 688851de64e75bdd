namespace CustomerCore.Deduplication.Internal;

/// <summary>One blocking key: records that share a key value become candidate pairs.</summary>
internal sealed class BlockingRule(string name, Action<Features, int, List<ulong>> keys)
{
    public string Name { get; } = name;

    /// <summary>Gets a tighter block size limit for weak keys, or 0 to use the configured limit.</summary>
    public int MaxBlockSize { get; init; }

    public void Keys(Features f, int i, List<ulong> output) => keys(f, i, output);

    /// <summary>Builds the default multi-key set: contact points, phonetic names with dates and places, addresses, codes.</summary>
    public static List<BlockingRule> Defaults(Features f)
    {
        var rules = new List<BlockingRule>
        {
            new("phone", (x, i, o) => { foreach (var p in x.Phones[i]) { o.Add(Hash.Of(1, p)); } }),
            new("email", (x, i, o) => { foreach (var e in x.Emails[i]) { o.Add(Hash.Of(2, e)); } }),
            new("name_phonetic", (x, i, o) => AddPair(o, 3, x.GivenSoundex[i], x.FamilySoundex[i], ordered: false)),
            new("given_dob", (x, i, o) => AddPair(o, 4, x.Given[i], Dob(x, i))),
            new("family_dob", (x, i, o) => AddPair(o, 5, x.Family[i], Dob(x, i))),
            new("dob_postcode", (x, i, o) => AddPair(o, 6, Dob(x, i), x.Postcode[i])),
            new("family_postcode", (x, i, o) => AddPair(o, 7, x.FamilySoundex[i], x.Postcode[i])),
            new("given_postcode", (x, i, o) => AddPair(o, 8, x.GivenSoundex[i], x.Postcode[i])),
            new("family_city", (x, i, o) => AddPair(o, 9, x.FamilySoundex[i], x.City[i] ?? x.District[i])),
            new("given_city_dob_year", (x, i, o) => AddPair(o, 10, x.Given[i], x.City[i] is null ? null : x.City[i] + Year(x, i))),
            new("house_street", (x, i, o) => AddPair(o, 11, x.House[i] ?? Features.LeadingNumber(x.Street[i]), Prefix(StreetName(x.Street[i]), 4) + (x.City[i] is { } city ? city[..1] : string.Empty))),
            new("name_tokens", NameTokens),
            new("dob_given_initial", (x, i, o) => AddPair(o, 13, Dob(x, i), x.Given[i] is null ? null : x.Given[i]![..1] + x.FamilySoundex[i])),
            new("dob_given_first", (x, i, o) => AddPair(o, 14, Dob(x, i), x.Given[i]?[..1])),
            new("dob_family_first", (x, i, o) => AddPair(o, 15, Dob(x, i), x.Family[i]?[..1])),
            new("family_birth_month", (x, i, o) => AddPair(o, 17, x.Family[i], Month(x, i))) { MaxBlockSize = 50 },
            new("email_local", (x, i, o) => { foreach (var e in x.Emails[i]) { var at = e.IndexOf('@', StringComparison.Ordinal); if (at >= 3) { o.Add(Hash.Of(16, e[..at])); } } }),

            // Typos in one name: the other name exactly plus the first two letters of the damaged one.
            new("given_family2", (x, i, o) => AddPair(o, 18, x.Given[i], Prefix(x.Family[i], 2))) { MaxBlockSize = 8 },
            new("family_given2", (x, i, o) => AddPair(o, 19, x.Family[i], Prefix(x.Given[i], 2))) { MaxBlockSize = 8 },

            // Dates with a typo: any name (given or family, so swapped fields also meet) with the birth year.
            new("name_birth_year", NameYear) { MaxBlockSize = 8 },
            new("dob", DobOrSwapped) { MaxBlockSize = 12 },
            // Typos in the family name and a missing or damaged date: the given name's sound in the same place.
            new("given_phonetic_city", (x, i, o) => AddPair(o, 23, x.GivenSoundex[i], x.City[i] ?? x.District[i])) { MaxBlockSize = 12 },

            // A rare e-mail domain (a family or a small company) with any local part; common providers exceed the limit.
            new("email_domain", EmailDomain) { MaxBlockSize = 20 },
            new("initials_dob_month", (x, i, o) => AddPair(o, 21, Prefix(x.Given[i], 1) + Prefix(x.Family[i], 1), x.Dob[i] == 0 ? null : (x.Dob[i] / 100).ToString(System.Globalization.CultureInfo.InvariantCulture))) { MaxBlockSize = 8 },
        };

        for (var a = 0; a < f.AttributeKeys.Length; a++)
        {
            var index = a;
            rules.Add(new("attr:" + f.AttributeKeys[a], (x, i, o) =>
            {
                var v = x.Attributes[index][i];
                if (v is { Length: >= 4 })
                {
                    o.Add(Hash.Of((ulong)(100 + index), v));
                }
            }));
        }

        return rules;
    }

    private static void NameTokens(Features x, int i, List<ulong> o)
    {
        // Full names and organizations: each distinctive token; blocks of common tokens exceed the size limit and drop out.
        foreach (var source in (ReadOnlySpan<string?>)[x.FullName[i], x.Organization[i]])
        {
            if (source is null)
            {
                continue;
            }

            if (Text.HasCjk(source))
            {
                o.Add(Hash.Of(12, Pinyin.Of(source)));
                continue;
            }

            foreach (var t in Text.Tokens(source))
            {
                if (t.Length >= 3 && !IsStopWord(t))
                {
                    o.Add(Hash.Of(12, t));
                }
            }
        }
    }

    private static void EmailDomain(Features x, int i, List<ulong> o)
    {
        foreach (var e in x.Emails[i])
        {
            var at = e.IndexOf('@', StringComparison.Ordinal);
            if (at >= 0 && e.Length - at > 3)
            {
                o.Add(Hash.Of(24, e[(at + 1)..]));
            }
        }
    }

    private static void NameYear(Features x, int i, List<ulong> o)
    {
        if (x.Dob[i] == 0)
        {
            return;
        }

        var year = Year(x, i);
        if (x.Given[i] is { } g)
        {
            o.Add(Hash.Of(20, g, year));
        }

        if (x.Family[i] is { } f && f != x.Given[i])
        {
            o.Add(Hash.Of(20, f, year));
        }
    }

    // The date itself, and with day and month swapped when that is a valid date too (US and European order mixed up).
    private static void DobOrSwapped(Features x, int i, List<ulong> o)
    {
        var d = x.Dob[i];
        if (d == 0)
        {
            return;
        }

        var day = d % 100;
        var month = d / 100 % 100;
        o.Add(Hash.Of(22, Features.DobText(d)));
        if (day != month && day <= 12)
        {
            o.Add(Hash.Of(22, Features.DobText((d / 10000 * 10000) + (day * 100) + month)));
        }
    }

    private static bool IsStopWord(string t) => t is "the" or "and" or "of" or "for" or "inc" or "ltd" or "cafe" or "restaurant" or "center" or "centre" or "school" or "day" or "care" or "child" or "early" or "head" or "start" or "learning" or "academy" or "chicago";

    private static string? StreetName(string? street)
    {
        if (street is null)
        {
            return null;
        }

        foreach (var t in Text.Tokens(street))
        {
            if (!char.IsAsciiDigit(t[0]) && t.Length > 1 && t is not ("n" or "s" or "e" or "w"))
            {
                return t;
            }
        }

        return null;
    }

    private static string? Prefix(string? s, int n) => s is null ? null : s.Length <= n ? s : s[..n];

    private static string? Dob(Features x, int i) => x.Dob[i] == 0 ? null : Features.DobText(x.Dob[i]);

    private static string? Month(Features x, int i) => x.Dob[i] == 0 ? null : (x.Dob[i] / 100 % 100).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Year(Features x, int i) => x.Dob[i] == 0 ? string.Empty : (x.Dob[i] / 10000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AddPair(List<ulong> o, ulong rule, string? a, string? b, bool ordered = true)
    {
        if (a is null || b is null)
        {
            return;
        }

        if (!ordered && string.CompareOrdinal(a, b) > 0)
        {
            (a, b) = (b, a);
        }

        o.Add(Hash.Of(rule, a, b));
    }
}

/// <summary>Hashes key parts with 64-bit FNV-1a; collisions only add a few harmless candidate pairs.</summary>
internal static class Hash
{
    public static ulong Of(ulong rule, string a, string? b = null)
    {
        var h = 14695981039346656037UL ^ rule;
        h *= 1099511628211UL;
        foreach (var c in a)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h = (h ^ 0xFFFF) * 1099511628211UL;
        if (b is not null)
        {
            foreach (var c in b)
            {
                h = (h ^ c) * 1099511628211UL;
            }
        }

        return h;
    }
}
