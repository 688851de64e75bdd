namespace CustomerCore.Addresses.Latin;

/// <summary>Holds one token of a Latin-script address: its input range and its comparison key.</summary>
/// <param name="Start">Offset of the first character in the input.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Key">Upper-case text with periods removed (<c>Ave.</c> → <c>AVE</c>, <c>N.Y.</c> → <c>NY</c>).</param>
/// <param name="BreakAfter">True when a comma or semicolon separates this token from the next one.</param>
internal readonly record struct LatinToken(int Start, int End, string Key, bool BreakAfter)
{
    /// <summary>Gets a value indicating whether the key starts with a digit.</summary>
    public bool StartsWithDigit => Key.Length > 0 && char.IsAsciiDigit(Key[0]);

    /// <summary>Gets a value indicating whether the key is made of ASCII digits only.</summary>
    public bool IsDigits => Key.Length > 0 && !Key.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>Gets a value indicating whether the key holds at least one digit.</summary>
    public bool HasDigit => Key.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

    /// <summary>Gets a value indicating whether the key holds letters only (apostrophes and hyphens allowed).</summary>
    public bool IsWord
    {
        get
        {
            if (Key.Length == 0 || !char.IsLetter(Key[0]))
            {
                return false;
            }

            foreach (var c in Key)
            {
                if (!char.IsLetter(c) && c != '\'' && c != '-')
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>Splits an address into tokens by hand (no regular expressions): words keep inner periods, hyphens,
/// slashes, apostrophes and ampersands; <c>#</c> is a token of its own; commas and semicolons mark breaks.</summary>
internal static class LatinTokenizer
{
    /// <summary>Limits the tokens read from one input; the rest of a very long input is ignored.</summary>
    public const int MaxTokens = 256;

    /// <summary>Tokenizes the input; never throws.</summary>
    public static List<LatinToken> Tokenize(string input)
    {
        var tokens = new List<LatinToken>(16);
        Span<char> buffer = stackalloc char[64];
        var i = 0;
        while (i < input.Length && tokens.Count < MaxTokens)
        {
            var c = input[i];
            if (c is ',' or ';')
            {
                if (tokens.Count > 0)
                {
                    tokens[^1] = tokens[^1] with { BreakAfter = true };
                }

                i++;
                continue;
            }

            if (c == '#')
            {
                tokens.Add(new LatinToken(i, i + 1, "#", false));
                i++;
                continue;
            }

            if (!IsWordChar(c) || c is '.' or '-' or '/' or '\'' or '&' && !StartsWordWithPunctuation(input, i))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < input.Length && IsWordChar(input[i]))
            {
                i++;
            }

            var length = i - start;
            var key = MakeKey(input.AsSpan(start, length), buffer);
            if (key.Length == 0)
            {
                continue;
            }

            tokens.Add(new LatinToken(start, i, key, false));
        }

        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '-' or '/' or '\'' or '&';

    // A token may start with '&' (street intersections) but not with a stray period, hyphen, slash or apostrophe.
    private static bool StartsWordWithPunctuation(string input, int i) => input[i] == '&';

    private static string MakeKey(ReadOnlySpan<char> text, Span<char> buffer)
    {
        // Trailing hyphens and apostrophes are punctuation, not part of the word.
        while (text.Length > 0 && text[^1] is '-' or '\'' or '/')
        {
            text = text[..^1];
        }

        if (text.Length > buffer.Length)
        {
            return text.ToString().Replace(".", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        }

        var n = 0;
        foreach (var c in text)
        {
            if (c != '.')
            {
                buffer[n++] = char.ToUpperInvariant(c);
            }
        }

        return n == 0 ? string.Empty : new string(buffer[..n]);
    }
}
