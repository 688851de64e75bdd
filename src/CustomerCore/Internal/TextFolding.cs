using System.Buffers;
using System.Globalization;
using System.Text;

namespace CustomerCore.Internal;

/// <summary>Folds user-typed text to a comparable form: full-width to half-width (NFKC), no control characters, single spaces.</summary>
internal static class TextFolding
{
    /// <summary>The longest input any normalizer looks at; longer input is rejected, not truncated.</summary>
    public const int MaxInputLength = 4096;

    private static readonly SearchValues<char> s_needsWork = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F\u00A0\u3000\u200B\uFEFF  ");

    /// <summary>Applies NFKC (so full-width letters, digits and punctuation become ASCII), drops control and
    /// zero-width characters, and collapses whitespace runs to one space, trimmed.</summary>
    public static string Fold(string text)
    {
        // Normalization throws on a lone surrogate (a cut emoji, a bad decoder): replace those first, never throw.
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
        {
            text = ReplaceLoneSurrogates(text);
        }

        var s = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        if (s.AsSpan().IndexOfAny(s_needsWork) < 0 && s.Length == s.AsSpan().Trim().Length)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        var pendingSpace = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++; // a valid pair
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    /// <summary>Determines whether the character is a CJK ideograph (Unified Ideographs and Extension A).</summary>
    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
