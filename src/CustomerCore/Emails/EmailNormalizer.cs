using System.Globalization;
using CustomerCore.Internal;

namespace CustomerCore.Emails;

/// <summary>Normalizes email addresses: NFKC folding (full-width <c>＠</c>), trimming, lower case, IDN domains to punycode.</summary>
/// <remarks>Accepts the dot-atom form of RFC 5322 with UTF-8 local parts (RFC 6531); quoted local parts and IP-literal
/// domains are rejected as they never occur in customer data worth keeping. The whole address is lower-cased because
/// virtually every mail system treats local parts case-insensitively, which exact lookup and duplicate detection need.</remarks>
internal sealed class EmailNormalizer : IEmailNormalizer
{
    private const int MaxLength = 254; // RFC 5321 section 4.5.3.1.3, path minus angle brackets
    private const int MaxLocalLength = 64;
    private static readonly IdnMapping s_idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    public EmailResult Normalize(string? input) => Normalize(input, asciiFastPath: true);

    /// <summary>Normalizes an address; <paramref name="asciiFastPath"/> off forces every domain through <see cref="IdnMapping"/>
    /// (the reference the fast path is tested against).</summary>
    internal static EmailResult Normalize(string? input, bool asciiFastPath)
    {
        var raw = input ?? string.Empty;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new EmailResult(raw, EmailError.Empty, null);
        }

        if (raw.Length > MaxLength * 2)
        {
            return new EmailResult(raw, EmailError.TooLong, null);
        }

        var text = TextFolding.Fold(raw);
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..];
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.IndexOf('@', StringComparison.Ordinal) != at)
        {
            return new EmailResult(raw, at <= 0 || at == text.Length - 1 ? EmailError.MissingAt : EmailError.InvalidLocalPart, null);
        }

        var local = text[..at];
        var domain = text[(at + 1)..].TrimEnd('.');
        if (!IsValidLocal(local))
        {
            return new EmailResult(raw, EmailError.InvalidLocalPart, null);
        }

        string asciiDomain;
        if (asciiFastPath && IsPlainAsciiDomain(domain))
        {
            // Letters, digits, hyphens and dots only, and no label of the reserved "ab--" form (such as xn-- punycode, which
            // IdnMapping checks): IdnMapping would return it unchanged, so only the case folding remains. The label rules
            // IdnMapping applies to such a name (lengths, hyphen at either end, empty labels) IsValidDomain checks below.
            asciiDomain = domain.ToLowerInvariant();
        }
        else
        {
            try
            {
                asciiDomain = s_idn.GetAscii(domain).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return new EmailResult(raw, EmailError.InvalidDomain, null);
            }
        }

        if (!IsValidDomain(asciiDomain))
        {
            return new EmailResult(raw, EmailError.InvalidDomain, null);
        }

        var normalized = string.Concat(local.ToLowerInvariant(), "@", asciiDomain);
        return normalized.Length > MaxLength
            ? new EmailResult(raw, EmailError.TooLong, null)
            : new EmailResult(raw, EmailError.None, normalized);
    }

    private static bool IsPlainAsciiDomain(string domain)
    {
        var labelStart = 0;
        for (var i = 0; i < domain.Length; i++)
        {
            var c = domain[i];
            if (c == '.')
            {
                labelStart = i + 1;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
            else if (c == '-' && i == labelStart + 3 && domain[i - 1] == '-')
            {
                return false; // "ab--": reserved for IDNA (xn--) and checked by IdnMapping
            }
        }

        return true;
    }

    private static bool IsValidLocal(string local)
    {
        if (local.Length is 0 or > MaxLocalLength || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal) || c > 0x7F && !char.IsWhiteSpace(c) && !char.IsControl(c);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidDomain(string domain)
    {
        if (domain.Length is 0 or > 253)
        {
            return false;
        }

        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        // The top-level domain is never all digits (RFC 3696 section 2).
        return !labels[^1].All(char.IsAsciiDigit);
    }
}
