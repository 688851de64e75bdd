using System.Globalization;
using System.Text;
using CustomerCore.Internal;

namespace CustomerCore.Customers;

/// <summary>Normalizes personal and organization names: whitespace, full-width to half-width, and case for Latin names.</summary>
/// <remarks>Spaces between Han characters are removed (<c>张 伟</c> → <c>张伟</c>) because Chinese names are written without
/// them. Latin names typed all upper or all lower case are title-cased (<c>JOHN o'neil</c> → <c>John O'Neil</c>);
/// mixed-case names are left as typed, since <c>McDonald</c> or <c>van der Berg</c> are already deliberate.</remarks>
public static class NameNormalizer
{
    /// <summary>Normalizes a name.</summary>
    /// <param name="name">The name as typed; may be null.</param>
    /// <returns>The normalized name; an empty string for null or whitespace input.</returns>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var text = TextFolding.Fold(name);
        text = RemoveSpacesBetweenHan(text);
        return NeedsCasing(text) ? TitleCase(text) : text;
    }

    private static string RemoveSpacesBetweenHan(string text)
    {
        if (!text.Contains(' ', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ' && i > 0 && i < text.Length - 1 && TextFolding.IsHan(text[i - 1]) && TextFolding.IsHan(text[i + 1]))
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool NeedsCasing(string text)
    {
        bool hasUpper = false, hasLower = false;
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                hasUpper = true;
            }
            else if (char.IsLower(c))
            {
                hasLower = true;
            }
        }

        return hasUpper != hasLower;
    }

    private static string TitleCase(string text)
    {
        var chars = text.ToLowerInvariant().ToCharArray();
        var startOfWord = true;
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsLetter(chars[i]))
            {
                if (startOfWord)
                {
                    chars[i] = char.ToUpper(chars[i], CultureInfo.InvariantCulture);
                }

                startOfWord = false;
            }
            else
            {
                // A new word starts after a space, hyphen or apostrophe: Jean-Luc, O'Neil.
                startOfWord = chars[i] is ' ' or '-' or '\'' or '.';
            }
        }

        return new string(chars);
    }
}
