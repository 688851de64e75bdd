using FuzzySharp;

namespace CustomerCore.Deduplication.Internal;

/// <summary>Compares one field of two records and returns a level: -1 missing, 0 exact, 1 close, 2 similar, 3 different.</summary>
internal abstract class Comparator
{
    public const int Missing = -1;
    public const int Exact = 0;
    public const int Close = 1;
    public const int Similar = 2;
    public const int Different = 3;
    public const int LevelCount = 4;

    protected Comparator(string name) => Name = name;

    public string Name { get; }

    /// <summary>Gets the starting m probabilities (exact, close, similar, different) before EM.</summary>
    public virtual double[] InitialM => [0.85, 0.08, 0.04, 0.03];

    /// <summary>Gets a value indicating whether the field identifies a person (phone, email): true duplicates usually share
    /// it and random pairs almost never do, which bounds its m and u whatever the sample says.</summary>
    public virtual bool IsIdentifier => false;

    /// <summary>Gets the most that EM may put on the different level of m, or 1 when the field takes no bound.</summary>
    public virtual double MaxDifferentM => 1;

    public abstract bool HasValue(Features f, int i);

    public abstract int Compare(Features f, int i, int j);

    /// <summary>Returns the value whose frequency adjusts an exact match, or null when the field takes no adjustment.</summary>
    public virtual string? TfValue(Features f, int i) => null;

    public static ComparisonLevel ToPublic(int level) => level switch
    {
        Exact => ComparisonLevel.Exact,
        Close => ComparisonLevel.Close,
        Similar => ComparisonLevel.Similar,
        Different => ComparisonLevel.Different,
        _ => ComparisonLevel.Missing,
    };

    /// <summary>Builds the comparators for the fields that at least one record has.</summary>
    public static List<Comparator> For(Features f)
    {
        var all = new List<Comparator>
        {
            new NameComparator("given_name", x => x.Given, x => x.Family, isGiven: true),
            new NameComparator("family_name", x => x.Family, x => x.Given, isGiven: false),
            new PhraseComparator("name", x => x.FullName, tf: true),
            new PhraseComparator("organization", x => x.Organization, tf: true),
            new MultiComparator("phone", x => x.Phones, isEmail: false),
            new MultiComparator("email", x => x.Emails, isEmail: true),
            new PhraseComparator("street", x => x.Street, tf: false, isStreet: true),
            new CodeComparator("house_number", x => x.House, tf: false, fuzzy: false),
            new CodeComparator("city", x => x.City, tf: true, fuzzy: true),
            new CodeComparator("district", x => x.District, tf: true, fuzzy: true),
            new CodeComparator("region", x => x.Region, tf: false, fuzzy: false),
            new PostcodeComparator(),
            new DobComparator(),
            new CodeComparator("gender", x => x.Gender, tf: false, fuzzy: false),
            new GeoComparator(),
        };
        for (var a = 0; a < f.AttributeKeys.Length; a++)
        {
            var index = a;
            all.Add(new CodeComparator("attr:" + f.AttributeKeys[a], x => x.Attributes[index], tf: true, fuzzy: true));
        }

        var used = new List<Comparator>();
        foreach (var c in all)
        {
            for (var i = 0; i < f.Count; i++)
            {
                if (c.HasValue(f, i))
                {
                    used.Add(c);
                    break;
                }
            }
        }

        return used;
    }
}

/// <summary>Compares given or family names: nicknames and initials for Latin script, pinyin and character overlap for Chinese.</summary>
/// <remarks>Swapped given and family names (a frequent data-entry error) compare as close on both fields.</remarks>
internal sealed class NameComparator(string name, Func<Features, List<string?>> column, Func<Features, List<string?>> other, bool isGiven) : Comparator(name)
{
    public override bool HasValue(Features f, int i) => column(f)[i] is not null;

    public override string? TfValue(Features f, int i) => column(f)[i];

    public override int Compare(Features f, int i, int j)
    {
        var col = column(f);
        var a = col[i];
        var b = col[j];
        if (a is null || b is null)
        {
            return Missing;
        }

        if (a == b)
        {
            return Exact;
        }

        if (Text.HasCjk(a) || Text.HasCjk(b))
        {
            if (Pinyin.Of(a) == Pinyin.Of(b))
            {
                return Close;
            }

            return Text.CharDice(a, b) >= 0.5 ? Similar : Different;
        }

        if (isGiven && (Nicknames.AreEquivalent(a, b) || IsInitialOf(a, b) || IsInitialOf(b, a)))
        {
            return Close;
        }

        var jw = Text.JaroWinkler(a, b);
        if (jw >= 0.92 || Text.Damerau(a, b, 1) <= 1)
        {
            return Close;
        }

        var otherCol = other(f);
        if (otherCol[i] is { } oa && otherCol[j] is { } ob && Similar2(a, ob) && Similar2(oa, b))
        {
            return Close;
        }

        return jw >= 0.8 ? Similar : Different;
    }

    private static bool Similar2(string x, string y) => x == y || Text.JaroWinkler(x, y) >= 0.92 || Text.Damerau(x, y, 1) <= 1;

    private static bool IsInitialOf(string initial, string full) => initial.Length == 1 && full[0] == initial[0];
}

/// <summary>Compares multi-token text (full names, organizations, street lines) with token-based FuzzySharp ratios.</summary>
/// <remarks>Street lines with different leading house numbers are different places on the same street: at most similar.
/// A phrase whose words all start words of the other (<c>arts deli</c> / <c>arts delicatessen</c>) is close.</remarks>
internal sealed class PhraseComparator(string name, Func<Features, List<string?>> column, bool tf, bool isStreet = false) : Comparator(name)
{
    /// <inheritdoc/>
    /// <remarks>A duplicate's street line is a typo, an abbreviation or another house number of the same line far more often
    /// than another street. EM without this bound learns otherwise when records of different sites share a line
    /// (an organization's switchboard phone): it counts those pairs as matches, and a different street then costs little.
    /// Measured on the Chicago sites (one default for every set): cluster F1 0.932 unbounded, 0.937 at 2%, 0.941 at 1%,
    /// 0.944 at 0.5%; no other evaluated set changes.</remarks>
    public override double MaxDifferentM => isStreet ? MaxStreetDifferentM : 1;

    /// <summary>Bounds m of a different street line (see <see cref="MaxDifferentM"/>).</summary>
    internal const double MaxStreetDifferentM = 0.01;

    public override int Compare(Features f, int i, int j)
    {
        var level = CompareText(f, i, j);
        if (isStreet && level is Exact or Close)
        {
            var col = column(f);
            var na = Features.LeadingNumber(col[i]);
            var nb = Features.LeadingNumber(col[j]);
            if (na is not null && nb is not null && na != nb)
            {
                return Similar;
            }
        }

        return level;
    }

    public override bool HasValue(Features f, int i) => column(f)[i] is not null;

    public override string? TfValue(Features f, int i) => tf ? column(f)[i] : null;

    private int CompareText(Features f, int i, int j)
    {
        var col = column(f);
        var a = col[i];
        var b = col[j];
        if (a is null || b is null)
        {
            return Missing;
        }

        if (a == b)
        {
            return Exact;
        }

        if (Text.HasCjk(a) || Text.HasCjk(b))
        {
            if (Pinyin.Of(a) == Pinyin.Of(b))
            {
                return Close;
            }

            var dice = Text.CharDice(a, b);
            return dice >= 0.75 ? Close : dice >= 0.5 ? Similar : Different;
        }

        if (a.Length > 300 || b.Length > 300)
        {
            return Different;
        }

        // Cheap checks first: FuzzySharp allocates, and most candidate pairs are clearly close or clearly different.
        if (Text.Damerau(a, b, 1) <= 1)
        {
            return Close;
        }

        if (!ShareToken(a, b) && Text.JaroWinkler(a, b) < 0.8)
        {
            return Different;
        }

        var sort = Fuzz.TokenSortRatio(a, b);
        if (sort >= 90)
        {
            return Close;
        }

        var set = Fuzz.TokenSetRatio(a, b);
        if (set >= 90 || (!isStreet && (Abbreviates(a, b) || Abbreviates(b, a))))
        {
            return Close;
        }

        return (set >= 75 || sort >= 75) ? Similar : Different;
    }

    // Every word of the short phrase starts the word at the same position of the long one, and at least one is shortened.
    private static bool Abbreviates(string shorter, string longer)
    {
        var s = shorter.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var l = longer.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length != l.Length || s.Length == 0)
        {
            return false;
        }

        var shortened = false;
        for (var k = 0; k < s.Length; k++)
        {
            if (s[k] == l[k])
            {
                continue;
            }

            if (s[k].Length < 3 || !l[k].StartsWith(s[k], StringComparison.Ordinal))
            {
                return false;
            }

            shortened = true;
        }

        return shortened;
    }

    private static bool ShareToken(string a, string b)
    {
        foreach (var range in a.AsSpan().Split(' '))
        {
            var token = a.AsSpan(range.Start.Value, range.End.Value - range.Start.Value);
            if (token.Length >= 3)
            {
                var at = b.AsSpan().IndexOf(token, StringComparison.Ordinal);
                if (at >= 0 && (at == 0 || b[at - 1] == ' ') && (at + token.Length == b.Length || b[at + token.Length] == ' '))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>Compares short codes and place names: exact, then one edit or Jaro-Winkler for fuzzy fields.</summary>
internal sealed class CodeComparator(string name, Func<Features, List<string?>> column, bool tf, bool fuzzy) : Comparator(name)
{
    public override double[] InitialM => fuzzy ? [0.85, 0.08, 0.04, 0.03] : [0.9, 0.01, 0.01, 0.08];

    public override bool HasValue(Features f, int i) => column(f)[i] is not null;

    public override string? TfValue(Features f, int i) => tf ? column(f)[i] : null;

    public override int Compare(Features f, int i, int j)
    {
        var col = column(f);
        var a = col[i];
        var b = col[j];
        if (a is null || b is null)
        {
            return Missing;
        }

        if (a == b)
        {
            return Exact;
        }

        if (!fuzzy)
        {
            return Text.Damerau(a, b, 1) <= 1 && a.Length > 1 ? Close : Different;
        }

        if (Text.Damerau(a, b, 1) <= 1)
        {
            return Close;
        }

        var jw = Text.JaroWinkler(a, b);
        return jw >= 0.9 ? Close : jw >= 0.8 ? Similar : Different;
    }
}

/// <summary>Compares postal codes: exact, one edit, same leading three characters.</summary>
internal sealed class PostcodeComparator() : Comparator("postcode")
{
    public override bool HasValue(Features f, int i) => f.Postcode[i] is not null;

    public override string? TfValue(Features f, int i) => f.Postcode[i];

    public override int Compare(Features f, int i, int j)
    {
        var a = f.Postcode[i];
        var b = f.Postcode[j];
        if (a is null || b is null)
        {
            return Missing;
        }

        if (a == b)
        {
            return Exact;
        }

        if (Text.Damerau(a, b, 1) <= 1)
        {
            return Close;
        }

        return a.Length >= 3 && b.Length >= 3 && a.AsSpan(0, 3).SequenceEqual(b.AsSpan(0, 3)) ? Similar : Different;
    }
}

/// <summary>Compares dates of birth: exact; one typo, a transposition or a day/month swap; same year or close date; different.</summary>
internal sealed class DobComparator() : Comparator("date_of_birth")
{
    public override bool HasValue(Features f, int i) => f.Dob[i] != 0;

    public override int Compare(Features f, int i, int j)
    {
        var a = f.Dob[i];
        var b = f.Dob[j];
        if (a == 0 || b == 0)
        {
            return Missing;
        }

        if (a == b)
        {
            return Exact;
        }

        int ya = a / 10000, ma = a / 100 % 100, da = a % 100;
        int yb = b / 10000, mb = b / 100 % 100, db = b % 100;
        if (ya == yb && ma == db && da == mb)
        {
            return Close;
        }

        // One wrong component (a mistyped year, month or day) keeps the other two: close, as the EM weights confirm.
        if ((ya == yb ? 1 : 0) + (ma == mb ? 1 : 0) + (da == db ? 1 : 0) == 2)
        {
            return Close;
        }

        Span<char> sa = stackalloc char[8];
        Span<char> sb = stackalloc char[8];
        a.TryFormat(sa, out _, "D8", System.Globalization.CultureInfo.InvariantCulture);
        b.TryFormat(sb, out _, "D8", System.Globalization.CultureInfo.InvariantCulture);
        if (Text.Damerau(sa, sb, 1) <= 1)
        {
            return Close;
        }

        var days = Math.Abs(new DateOnly(ya, ma, da).DayNumber - new DateOnly(yb, mb, db).DayNumber);
        return ya == yb || days <= 400 || Text.Damerau(sa, sb, 2) <= 2 ? Similar : Different;
    }
}

/// <summary>Compares multi-valued phones or e-mails: the best level over all value pairs.</summary>
internal sealed class MultiComparator(string name, Func<Features, List<string[]>> column, bool isEmail) : Comparator(name)
{
    public override double[] InitialM => [0.8, 0.1, 0.03, 0.07];

    public override bool IsIdentifier => true;

    public override bool HasValue(Features f, int i) => column(f)[i].Length > 0;

    public override string? TfValue(Features f, int i)
    {
        var v = column(f)[i];
        return v.Length > 0 ? v[0] : null;
    }


    public override int Compare(Features f, int i, int j)
    {
        var col = column(f);
        var a = col[i];
        var b = col[j];
        if (a.Length == 0 || b.Length == 0)
        {
            return Missing;
        }

        var best = Different;
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                best = Math.Min(best, isEmail ? CompareEmail(x, y) : ComparePhone(x, y));
                if (best == Exact)
                {
                    return Exact;
                }
            }
        }

        return best;
    }

    private static int ComparePhone(string x, string y)
    {
        if (x == y)
        {
            return Exact;
        }

        // One typo or a swapped pair of digits in the national number.
        return Text.Damerau(x, y, 1) <= 1 ? Close : Different;
    }

    private static int CompareEmail(string x, string y)
    {
        if (x == y)
        {
            return Exact;
        }

        var ax = x.IndexOf('@', StringComparison.Ordinal);
        var ay = y.IndexOf('@', StringComparison.Ordinal);
        if (ax > 0 && ax == ay && x.AsSpan(0, ax).SequenceEqual(y.AsSpan(0, ay)))
        {
            return Close;
        }

        var jw = Text.JaroWinkler(x, y);
        return jw >= 0.9 ? Close : jw >= 0.8 ? Similar : Different;
    }
}

/// <summary>Compares geographic positions by great-circle distance.</summary>
internal sealed class GeoComparator() : Comparator("location")
{
    public override bool HasValue(Features f, int i) => !double.IsNaN(f.Lat[i]);

    public override int Compare(Features f, int i, int j)
    {
        if (double.IsNaN(f.Lat[i]) || double.IsNaN(f.Lat[j]))
        {
            return Missing;
        }

        var d = new Customers.GeoPoint(f.Lat[i], f.Lon[i]).DistanceMetresTo(new Customers.GeoPoint(f.Lat[j], f.Lon[j]));
        return d <= 50 ? Exact : d <= 300 ? Close : d <= 2000 ? Similar : Different;
    }
}
