using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using CustomerCore.Customers;
using PhoneNumbers;

namespace CustomerCore.Phones;

/// <summary>Normalizes the overwhelmingly common phone shapes without libphonenumber's parser and formatter, producing
/// exactly the result libphonenumber would; anything else is left to the full path.</summary>
/// <remarks>
/// <para>Accepted input: ASCII digits with single spaces or dashes between them, optionally starting with <c>+</c> or with
/// the default region's international prefix (<c>00</c> in CN). That covers CN mobiles (<c>138 0013 8000</c>,
/// <c>+86 138-0013-8000</c>, <c>0086 13800138000</c>), CN landlines (<c>010-65529988</c>, <c>0755-86013388</c>) and E.164
/// (<c>+44 20 7946 0958</c>) for the calling codes in <see cref="s_callingCodes"/>. Parentheses, dots, letters, extensions,
/// full-width characters and every number that is not valid take the full path, which names the error.</para>
/// <para>Exactness by construction: the steps are those of libphonenumber (PhoneNumberUtil.parseHelper, getNumberTypeHelper,
/// getRegionCodeForNumberFromRegionList, chooseFormattingPatternForNumber, formatNsnUsingPattern), and every pattern,
/// possible length and format rule is read from libphonenumber's own metadata at first use, so a metadata update changes
/// both paths alike. Whenever a step would take a branch not mirrored here (a carrier code, a national prefix transform,
/// a leading zero, a stripped number of impossible length, a number starting with the region's own calling code), the
/// fast path declines. The property tests compare both paths on generated numbers of every accepted shape.</para>
/// <para>Thread-safe: the per-region rules are immutable once built and cached in a concurrent dictionary.</para>
/// </remarks>
internal static class PhoneFastPath
{
    private const int MinDigits = 3;
    private const int MaxDigits = 17; // PhoneNumberUtil.MAX_LENGTH_FOR_NSN, plus no room for a calling code: declines earlier.
    private static readonly PhoneNumberUtil s_util = PhoneNumberUtil.GetInstance();

    // The calling codes whose numbers take the fast path: CN, NANP, GB, DE, FR, JP, KR, HK, MO, TW, SG, AU.
    private static readonly HashSet<int> s_callingCodes = [86, 1, 44, 49, 33, 81, 82, 852, 853, 886, 65, 61];
    private static readonly ConcurrentDictionary<string, RegionRules?> s_regions = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Regex> s_patterns = new(StringComparer.Ordinal);
    private static readonly Regex s_firstGroup = new(@"(\$\d)", RegexOptions.CultureInvariant); // PhoneNumberUtil.FIRST_GROUP_PATTERN

    /// <summary>Normalizes <paramref name="raw"/> when it has one of the accepted shapes and is valid.</summary>
    /// <param name="raw">The input, at most 250 characters.</param>
    /// <param name="region">The upper-case default region, known to libphonenumber.</param>
    /// <returns>The result libphonenumber would give, or <see langword="null"/> when the full path must decide.</returns>
    public static PhoneResult? TryNormalize(string raw, string region)
    {
        Span<char> digits = stackalloc char[MaxDigits];
        if (!TryExtractDigits(raw, digits, out var count, out var plus))
        {
            return null;
        }

        var defaultRules = RulesFor(region);
        if (defaultRules is null && !plus)
        {
            return null;
        }

        ReadOnlySpan<char> rest = digits[..count];
        int callingCode;
        var international = true;
        if (plus)
        {
            if (!TryExtractCallingCode(rest, out callingCode, out rest))
            {
                return null;
            }
        }
        else if (defaultRules!.InternationalPrefix is { } idd && idd.Match(rest.ToString()) is { Success: true } iddMatch)
        {
            // The default region's international prefix (00 in CN, 011 in the US) followed by a calling code; a following 0
            // makes libphonenumber read the digits as national instead.
            rest = rest[iddMatch.Length..];
            if (rest.IsEmpty || rest[0] == '0' || !TryExtractCallingCode(rest, out callingCode, out rest))
            {
                return null;
            }
        }
        else
        {
            international = false;
            callingCode = defaultRules.CallingCode;
            if (rest.StartsWith(defaultRules.CallingCodeText, StringComparison.Ordinal))
            {
                return null; // libphonenumber may read it as the calling code written without '+'.
            }
        }

        if (!s_callingCodes.Contains(callingCode))
        {
            return null;
        }

        // Formats come from the calling code's main region; the national prefix is stripped with the default region's rules
        // for a national number and with the main region's for an international one (PhoneNumberUtil.parseHelper).
        var rules = RulesFor(s_util.GetRegionCodeForCountryCode(callingCode));
        if (rules is null || rules.CallingCode != callingCode)
        {
            return null;
        }

        var nationalNumber = StripNationalPrefix(rest.ToString(), international ? rules : defaultRules!);
        if (nationalNumber is null || nationalNumber.Length < 2 || nationalNumber[0] == '0')
        {
            return null; // Too short, a leading zero (Italian style), or a branch not mirrored here.
        }

        var numberRegion = RegionForNumber(callingCode, nationalNumber);
        if (numberRegion is null)
        {
            return null;
        }

        var type = TypeOf(nationalNumber, numberRegion);
        if (type == PhoneNumberType.UNKNOWN)
        {
            return null; // Invalid: the full path names the reason.
        }

        var e164 = string.Concat("+", rules.CallingCodeText, nationalNumber);
        return new PhoneResult(raw, e164, numberRegion.Region, PhoneNormalizer.MapType(type), extension: null, new DeferredFormats(rules, nationalNumber));
    }

    /// <summary>Collects the digits of <c>[+]d([ -]?d)*</c>; anything else declines.</summary>
    private static bool TryExtractDigits(string raw, Span<char> digits, out int count, out bool plus)
    {
        count = 0;
        plus = raw.Length > 0 && raw[0] == '+';
        var start = plus ? 1 : 0;
        var previousWasDigit = false;
        for (var i = start; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
                previousWasDigit = true;
            }
            else if ((c == ' ' || c == '-') && previousWasDigit && i + 1 < raw.Length)
            {
                previousWasDigit = false;
            }
            else
            {
                return false; // Also "+ 86 …", a doubled separator, or one at either end: rare, and left to the full path.
            }
        }

        return previousWasDigit && count >= MinDigits;
    }

    /// <summary>Reads the calling code as PhoneNumberUtil.extractCountryCode does: the shortest known prefix of 1 to 3 digits.</summary>
    private static bool TryExtractCallingCode(ReadOnlySpan<char> digits, out int callingCode, out ReadOnlySpan<char> rest)
    {
        callingCode = 0;
        rest = default;
        if (digits.IsEmpty || digits[0] == '0')
        {
            return false;
        }

        for (var length = 1; length <= 3 && length <= digits.Length; length++)
        {
            var candidate = int.Parse(digits[..length], NumberStyles.None, CultureInfo.InvariantCulture);
            if (s_util.GetRegionCodeForCountryCode(candidate) != "ZZ")
            {
                callingCode = candidate;
                rest = digits[length..];
                return true;
            }
        }

        return false;
    }

    /// <summary>Mirrors PhoneNumberUtil.maybeStripNationalPrefixAndCarrierCode plus parseHelper's length check; null declines.</summary>
    private static string? StripNationalPrefix(string number, RegionRules rules)
    {
        if (rules.NationalPrefixForParsing is not { } prefix)
        {
            return number;
        }

        var match = prefix.Match(number);
        if (!match.Success)
        {
            return number;
        }

        var groups = match.Groups.Count - 1;
        if (groups > 0 && match.Groups[groups].Success)
        {
            return null; // A carrier code or a transform rule: not mirrored.
        }

        var stripped = number[match.Length..];
        if (FullMatch(rules.GeneralPattern, number) && !FullMatch(rules.GeneralPattern, stripped))
        {
            return number; // The original is viable and the stripped one is not: libphonenumber keeps the original.
        }

        // parseHelper keeps the stripped number only when its length is possible (not too short, not local-only); decline
        // the other cases instead of mirroring them.
        return rules.PossibleLengths.Contains(stripped.Length) && !rules.LocalOnlyLengths.Contains(stripped.Length) ? stripped : null;
    }

    /// <summary>Mirrors PhoneNumberUtil.getRegionCodeForNumber; null when no region's plan has the number.</summary>
    private static RegionRules? RegionForNumber(int callingCode, string nationalNumber)
    {
        var regions = s_util.GetRegionCodesForCountryCode(callingCode);
        if (regions.Count == 1)
        {
            return RulesFor(regions[0]);
        }

        foreach (var region in regions)
        {
            var rules = RulesFor(region);
            if (rules is null)
            {
                return null;
            }

            if (rules.LeadingDigits is { } leading)
            {
                if (leading.IsMatch(nationalNumber))
                {
                    return rules;
                }
            }
            else if (TypeOf(nationalNumber, rules) != PhoneNumberType.UNKNOWN)
            {
                return rules;
            }
        }

        return null;
    }

    /// <summary>Mirrors PhoneNumberUtil.getNumberTypeHelper.</summary>
    private static PhoneNumberType TypeOf(string nationalNumber, RegionRules rules)
    {
        if (!rules.General.Matches(nationalNumber))
        {
            return PhoneNumberType.UNKNOWN;
        }

        foreach (var (type, desc) in rules.Special)
        {
            if (desc.Matches(nationalNumber))
            {
                return type;
            }
        }

        if (rules.FixedLine.Matches(nationalNumber))
        {
            return rules.SameMobileAndFixedLinePattern || rules.Mobile.Matches(nationalNumber) ? PhoneNumberType.FIXED_LINE_OR_MOBILE : PhoneNumberType.FIXED_LINE;
        }

        return !rules.SameMobileAndFixedLinePattern && rules.Mobile.Matches(nationalNumber) ? PhoneNumberType.MOBILE : PhoneNumberType.UNKNOWN;
    }

    /// <summary>Mirrors PhoneNumberUtil.formatNsn without a carrier code.</summary>
    private static string Format(string nationalNumber, FormatRule[] formats, bool national)
    {
        foreach (var format in formats)
        {
            if ((format.LeadingDigits is null || format.LeadingDigits.IsMatch(nationalNumber)) && format.Pattern.IsMatch(nationalNumber))
            {
                return format.Pattern.Replace(nationalNumber, national ? format.NationalRule : format.Rule);
            }
        }

        return nationalNumber;
    }

    private static bool FullMatch(Regex? pattern, string value) => pattern is not null && pattern.IsMatch(value);

    private static RegionRules? RulesFor(string region) => s_regions.GetOrAdd(region, static r => RegionRules.Create(r));

    private static Regex Anchored(string pattern, bool whole) =>
        s_patterns.GetOrAdd((whole ? "A:" : "B:") + pattern, static key =>
            new Regex(key[0] == 'A' ? "^(?:" + key[2..] + ")$" : "^(?:" + key[2..] + ")", RegexOptions.CultureInvariant | RegexOptions.Compiled));

    /// <summary>One number type's possible lengths and full-match pattern (PhoneNumberUtil.isNumberMatchingDesc).</summary>
    private sealed class DescRule(IReadOnlyCollection<int> lengths, Regex? pattern)
    {
        public bool Matches(string nationalNumber) =>
            pattern is not null && (lengths.Count == 0 || lengths.Contains(nationalNumber.Length)) && pattern.IsMatch(nationalNumber);
    }

    /// <summary>One number format: the leading-digits check (the last, most detailed pattern), the full pattern and its rules.</summary>
    /// <summary>Formats a number the fast path accepted, when a caller asks (the same text libphonenumber gives).</summary>
    private sealed class DeferredFormats(RegionRules rules, string nationalNumber) : IPhoneFormats
    {
        public string FormatNational() => Format(nationalNumber, rules.Formats, national: true);

        public string FormatInternational() => string.Concat("+", rules.CallingCodeText, " ", Format(nationalNumber, rules.IntlFormats, national: false));
    }

    private sealed record FormatRule(Regex? LeadingDigits, Regex Pattern, string Rule, string NationalRule);

    /// <summary>The metadata of one region, compiled once.</summary>
    private sealed class RegionRules
    {
        public required string Region { get; init; }

        public required int CallingCode { get; init; }

        public required string CallingCodeText { get; init; }

        public required Regex? InternationalPrefix { get; init; }

        public required Regex? NationalPrefixForParsing { get; init; }

        public required Regex? GeneralPattern { get; init; }

        public required HashSet<int> PossibleLengths { get; init; }

        public required HashSet<int> LocalOnlyLengths { get; init; }

        public required Regex? LeadingDigits { get; init; }

        public required DescRule General { get; init; }

        public required (PhoneNumberType Type, DescRule Desc)[] Special { get; init; }

        public required DescRule FixedLine { get; init; }

        public required DescRule Mobile { get; init; }

        public required bool SameMobileAndFixedLinePattern { get; init; }

        public required FormatRule[] Formats { get; init; }

        public required FormatRule[] IntlFormats { get; init; }

        public static RegionRules? Create(string region)
        {
            var m = s_util.GetMetadataForRegion(region);
            if (m is null || !m.GeneralDesc.HasNationalNumberPattern || m.NationalPrefixTransformRule is { Length: > 0 })
            {
                return null; // No patterns (validity by length only) or a transform rule: the full path decides.
            }

            var formats = m.NumberFormatList.Select(f => ToRule(f)).ToArray();
            return new RegionRules
            {
                Region = region,
                CallingCode = m.CountryCode,
                CallingCodeText = m.CountryCode.ToString(CultureInfo.InvariantCulture),
                InternationalPrefix = m.InternationalPrefix is { Length: > 0 } idd ? Anchored(idd, whole: false) : null,
                NationalPrefixForParsing = m.NationalPrefixForParsing is { Length: > 0 } npfp ? Anchored(npfp, whole: false) : null,
                GeneralPattern = Anchored(m.GeneralDesc.NationalNumberPattern, whole: true),
                PossibleLengths = [.. m.GeneralDesc.PossibleLengthList],
                LocalOnlyLengths = [.. m.GeneralDesc.PossibleLengthLocalOnlyList],
                LeadingDigits = m.HasLeadingDigits && m.LeadingDigits.Length > 0 ? Anchored(m.LeadingDigits, whole: false) : null,
                General = Desc(m.GeneralDesc),
                Special =
                [
                    (PhoneNumberType.PREMIUM_RATE, Desc(m.PremiumRate)),
                    (PhoneNumberType.TOLL_FREE, Desc(m.TollFree)),
                    (PhoneNumberType.SHARED_COST, Desc(m.SharedCost)),
                    (PhoneNumberType.VOIP, Desc(m.Voip)),
                    (PhoneNumberType.PERSONAL_NUMBER, Desc(m.PersonalNumber)),
                    (PhoneNumberType.PAGER, Desc(m.Pager)),
                    (PhoneNumberType.UAN, Desc(m.Uan)),
                    (PhoneNumberType.VOICEMAIL, Desc(m.Voicemail)),
                ],
                FixedLine = Desc(m.FixedLine),
                Mobile = Desc(m.Mobile),
                SameMobileAndFixedLinePattern = m.SameMobileAndFixedLinePattern,
                Formats = formats,
                IntlFormats = m.IntlNumberFormatCount == 0 ? formats : [.. m.IntlNumberFormatList.Select(f => ToRule(f))],
            };
        }

        private static DescRule Desc(PhoneNumberDesc? desc) =>
            desc is { NationalNumberPattern.Length: > 0 }
                ? new DescRule([.. desc.PossibleLengthList], Anchored(desc.NationalNumberPattern, whole: true))
                : new DescRule([], null);

        private static FormatRule ToRule(NumberFormat f)
        {
            var count = f.LeadingDigitsPatternCount;
            var rule = f.Format;
            var national = f.NationalPrefixFormattingRule is { Length: > 0 } npfr ? s_firstGroup.Replace(rule, npfr, 1) : rule;
            return new FormatRule(count == 0 ? null : Anchored(f.LeadingDigitsPatternList[count - 1], whole: false), Anchored(f.Pattern, whole: true), rule, national);
        }
    }
}
