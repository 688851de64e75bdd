using CustomerCore.Customers;
using CustomerCore.Internal;
using Microsoft.Extensions.Options;
using PhoneNumbers;
using LibPhoneNumber = PhoneNumbers.PhoneNumber;

namespace CustomerCore.Phones;

/// <summary>Normalizes phone numbers with libphonenumber (Google's numbering-plan metadata).</summary>
/// <remarks>Thread-safe; its only state is a small cache of recent results. Accepts full-width digits and the Chinese
/// extension markers 转 and 分机. Input longer than 250 characters (libphonenumber's limit) is rejected as too long.
/// The common shapes (CN mobiles and landlines, E.164 for common calling codes) take <see cref="PhoneFastPath"/>, which
/// gives the same result without libphonenumber's parser; a direct-mapped cache of 1,024 recent results answers repeats
/// (an import normalizes each number when it validates, matches and saves a row).</remarks>
internal sealed class PhoneNormalizer : IPhoneNormalizer
{
    private const int MaxLength = 250; // PhoneNumberUtil.MAX_INPUT_STRING_LENGTH
    private static readonly PhoneNumberUtil s_util = PhoneNumberUtil.GetInstance();
    private static readonly HashSet<string> s_regions = [.. s_util.GetSupportedRegions()];
    private const int CacheSize = 1024; // a power of two: the slot is the hash's low bits
    private readonly IOptions<CustomerCoreOptions> _options;
    private readonly CacheEntry?[] _cache = new CacheEntry?[CacheSize];

    public PhoneNormalizer(IOptions<CustomerCoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public PhoneResult Normalize(string? input, string? defaultRegion = null)
    {
        var raw = input ?? string.Empty;
        if (Reject(raw, defaultRegion, out var region) is { } rejected)
        {
            return rejected;
        }

        var slot = (int)((uint)HashCode.Combine(raw, region) & (CacheSize - 1));
        if (Volatile.Read(ref _cache[slot]) is { } hit && string.Equals(hit.Raw, raw, StringComparison.Ordinal) && string.Equals(hit.Region, region, StringComparison.Ordinal))
        {
            return hit.Result;
        }

        var result = PhoneFastPath.TryNormalize(raw, region) ?? Parse(raw, region);
        Volatile.Write(ref _cache[slot], new CacheEntry(raw, region, result)); // entries are immutable: a racing reader sees a whole one
        return result;
    }

    /// <summary>Normalizes with libphonenumber alone, bypassing the fast path and the cache (the reference the tests compare with).</summary>
    internal PhoneResult NormalizeWithLibPhoneNumber(string? input, string? defaultRegion = null)
    {
        var raw = input ?? string.Empty;
        return Reject(raw, defaultRegion, out var region) ?? Parse(raw, region);
    }

    /// <summary>Checks what both paths check before parsing: empty, too long, unknown region; null when the input may be parsed.</summary>
    private PhoneResult? Reject(string raw, string? defaultRegion, out string region)
    {
        region = (defaultRegion ?? _options.Value.DefaultRegion).ToUpperInvariant();
        return string.IsNullOrWhiteSpace(raw) ? new PhoneResult(raw, PhoneError.Empty)
            : raw.Length > MaxLength ? new PhoneResult(raw, PhoneError.TooLong)
            : !s_regions.Contains(region) ? new PhoneResult(raw, PhoneError.UnknownRegion)
            : null;
    }

    internal static PhoneType MapType(PhoneNumberType type) => type switch
    {
        PhoneNumberType.MOBILE => PhoneType.Mobile,
        PhoneNumberType.FIXED_LINE => PhoneType.Landline,
        PhoneNumberType.TOLL_FREE or PhoneNumberType.SHARED_COST or PhoneNumberType.UAN => PhoneType.TollFree,
        PhoneNumberType.FIXED_LINE_OR_MOBILE or PhoneNumberType.UNKNOWN => PhoneType.Unknown, // e.g. every NANP number
        _ => PhoneType.Other,
    };

    private static PhoneResult Parse(string raw, string region)
    {
        var text = TextFolding.Fold(raw);
        if (text.Contains('转', StringComparison.Ordinal) || text.Contains("分机", StringComparison.Ordinal))
        {
            // Chinese extension markers: 010-65529988转123, 分机 123.
            text = text.Replace("分机", " ext ", StringComparison.Ordinal).Replace("转", " ext ", StringComparison.Ordinal);
        }

        LibPhoneNumber number;
        try
        {
            number = s_util.Parse(text, region);
        }
        catch (NumberParseException e)
        {
            return new PhoneResult(raw, e.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => PhoneError.InvalidCountryCode,
                ErrorType.TOO_SHORT_AFTER_IDD or ErrorType.TOO_SHORT_NSN => PhoneError.TooShort,
                ErrorType.TOO_LONG => PhoneError.TooManyDigits,
                _ => PhoneError.NotANumber,
            });
        }

        if (!s_util.IsValidNumber(number))
        {
            return new PhoneResult(raw, s_util.IsPossibleNumberWithReason(number) switch
            {
                PhoneNumberUtil.ValidationResult.TOO_SHORT => PhoneError.TooShort,
                PhoneNumberUtil.ValidationResult.TOO_LONG => PhoneError.TooManyDigits,
                PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => PhoneError.InvalidCountryCode,
                _ => PhoneError.InvalidNumber,
            });
        }

        var type = MapType(s_util.GetNumberType(number));

        var extension = number.HasExtension && number.Extension.Length > 0 ? number.Extension : null;
        return new PhoneResult(
            raw,
            s_util.Format(number, PhoneNumberFormat.E164),
            s_util.Format(number, PhoneNumberFormat.NATIONAL),
            s_util.Format(number, PhoneNumberFormat.INTERNATIONAL),
            s_util.GetRegionCodeForNumber(number) ?? region,
            type,
            extension);
    }

    private sealed record CacheEntry(string Raw, string Region, PhoneResult Result);
}
