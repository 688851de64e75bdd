using System.Globalization;
using System.Text;

namespace CustomerCore.Deduplication.Internal;

/// <summary>Normalizes text and measures string similarity without allocating in the comparison paths.</summary>
internal static class Text
{
    /// <summary>Lower-cases, strips diacritics and punctuation, and collapses whitespace; CJK characters are kept.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // ASCII needs no decomposition; skipping it saves an allocation per value on large imports.
        var decomposed = Ascii.IsValid(value) ? value : value.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            var cat = CharUnicodeInfo.GetUnicodeCategory(c);
            if (cat == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                space = false;
                sb.Append(c switch { 'ß' => 's', _ => char.ToLowerInvariant(c) });
                if (c == 'ß')
                {
                    sb.Append('s');
                }
            }
            else if (c != '\'' && c != '\u2019')
            {
                // Apostrophes join ("o'brien" = "obrien"); every other separator splits tokens.
                space = true;
            }
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>Keeps only ASCII digits.</summary>
    public static string? Digits(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (c is >= '0' and <= '9')
            {
                buffer[n++] = c;
            }
        }

        return n == 0 ? null : new string(buffer[..n]);
    }

    public static bool HasCjk(string s)
    {
        foreach (var c in s)
        {
            if (IsCjk(c))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>Computes the Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters).</summary>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        if (a.SequenceEqual(b))
        {
            return 1;
        }

        if (a.Length > 64 || b.Length > 64)
        {
            // Long values: fall back to a bounded prefix comparison; names and codes are never this long.
            a = a[..Math.Min(a.Length, 64)];
            b = b[..Math.Min(b.Length, 64)];
        }

        var range = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        ulong aMatched = 0, bMatched = 0;
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var lo = Math.Max(0, i - range);
            var hi = Math.Min(b.Length - 1, i + range);
            for (var j = lo; j <= hi; j++)
            {
                if ((bMatched & (1UL << j)) == 0 && a[i] == b[j])
                {
                    aMatched |= 1UL << i;
                    bMatched |= 1UL << j;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var t = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if ((aMatched & (1UL << i)) == 0)
            {
                continue;
            }

            while ((bMatched & (1UL << k)) == 0)
            {
                k++;
            }

            if (a[i] != b[k])
            {
                t++;
            }

            k++;
        }

        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (t / 2.0)) / m)) / 3.0;
        var prefix = 0;
        var maxPrefix = Math.Min(4, Math.Min(a.Length, b.Length));
        while (prefix < maxPrefix && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    /// <summary>Computes the optimal-string-alignment (Damerau) distance, stopping early once it exceeds <paramref name="max"/>.</summary>
    public static int Damerau(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (a.Length > 128 || b.Length > 128)
        {
            return a.SequenceEqual(b) ? 0 : max + 1;
        }

        Span<int> prev2 = stackalloc int[b.Length + 1];
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }

                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var tmp = prev2;
            prev2 = prev;
            prev = cur;
            cur = tmp;
        }

        return prev[b.Length];
    }

    /// <summary>Computes the Dice coefficient over the characters of two strings (for CJK names).</summary>
    public static double CharDice(string a, string b)
    {
        var common = 0;
        Span<bool> used = b.Length <= 256 ? stackalloc bool[b.Length] : new bool[b.Length];
        foreach (var c in a)
        {
            if (c == ' ')
            {
                continue;
            }

            for (var j = 0; j < b.Length; j++)
            {
                if (!used[j] && b[j] == c)
                {
                    used[j] = true;
                    common++;
                    break;
                }
            }
        }

        var total = a.Replace(" ", string.Empty, StringComparison.Ordinal).Length + b.Replace(" ", string.Empty, StringComparison.Ordinal).Length;
        return total == 0 ? 0 : 2.0 * common / total;
    }

    /// <summary>Computes American Soundex (4 characters) of the first token; CJK text is returned as its pinyin.</summary>
    public static string? Soundex(string? normalized)
    {
        if (string.IsNullOrEmpty(normalized))
        {
            return null;
        }

        if (HasCjk(normalized))
        {
            return Pinyin.Of(normalized);
        }

        Span<char> code = stackalloc char[4];
        var n = 0;
        var last = '\0';
        foreach (var ch in normalized)
        {
            if (ch == ' ')
            {
                if (n > 0)
                {
                    break;
                }

                continue;
            }

            if (!char.IsAsciiLetter(ch))
            {
                continue;
            }

            var d = ch switch
            {
                'b' or 'f' or 'p' or 'v' => '1',
                'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
                'd' or 't' => '3',
                'l' => '4',
                'm' or 'n' => '5',
                'r' => '6',
                'h' or 'w' => '-',
                _ => '0',
            };
            if (n == 0)
            {
                code[n++] = ch;
                last = d;
                continue;
            }

            if (d == '-')
            {
                continue;
            }

            if (d != '0' && d != last)
            {
                code[n++] = d;
                if (n == 4)
                {
                    break;
                }
            }

            last = d;
        }

        if (n == 0)
        {
            return normalized.Length <= 4 ? normalized : normalized[..4];
        }

        while (n < 4)
        {
            code[n++] = '0';
        }

        return new string(code);
    }

    /// <summary>Splits normalized text on spaces.</summary>
    public static string[] Tokens(string? normalized) =>
        string.IsNullOrEmpty(normalized) ? [] : normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
