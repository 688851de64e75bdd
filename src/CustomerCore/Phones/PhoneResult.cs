using System.Diagnostics.CodeAnalysis;
using CustomerCore.Customers;

namespace CustomerCore.Phones;

/// <summary>Names why a phone number could not be normalized.</summary>
public enum PhoneError
{
    /// <summary>No error: the number is valid.</summary>
    None = 0,

    /// <summary>The input is empty or whitespace.</summary>
    Empty = 1,

    /// <summary>The input is longer than the normalizer accepts.</summary>
    TooLong = 2,

    /// <summary>The input is not a phone number (letters, no digits, bad structure).</summary>
    NotANumber = 3,

    /// <summary>The country calling code is unknown, or no region was given for a national number.</summary>
    InvalidCountryCode = 4,

    /// <summary>The number has too few digits to be valid.</summary>
    TooShort = 5,

    /// <summary>The number has too many digits to be valid.</summary>
    TooManyDigits = 6,

    /// <summary>The number parses but is not a valid number in its region's numbering plan.</summary>
    InvalidNumber = 7,

    /// <summary>The default region is not a known ISO 3166-1 alpha-2 code.</summary>
    UnknownRegion = 8,
}

/// <summary>Holds the outcome of normalizing one phone number; the raw input is always kept.</summary>
public sealed class PhoneResult
{
    private readonly IPhoneFormats? _formats;
    private string? _national;
    private string? _international;

    internal PhoneResult(string raw, PhoneError error)
    {
        Raw = raw;
        Error = error;
    }

    internal PhoneResult(string raw, string e164, string national, string international, string regionCode, PhoneType type, string? extension)
    {
        Raw = raw;
        E164 = e164;
        _national = national;
        _international = international;
        RegionCode = regionCode;
        Type = type;
        Extension = extension;
    }

    /// <summary>Initializes a valid result whose display formats are computed on first use (most callers, such as the
    /// customer validator, keep only the E.164 form, and formatting runs the numbering plan's regular expressions).</summary>
    internal PhoneResult(string raw, string e164, string regionCode, PhoneType type, string? extension, IPhoneFormats formats)
    {
        Raw = raw;
        E164 = e164;
        _formats = formats;
        RegionCode = regionCode;
        Type = type;
        Extension = extension;
    }

    /// <summary>Gets the text as given.</summary>
    public string Raw { get; }

    /// <summary>Gets a value indicating whether the number is valid and normalized.</summary>
    [MemberNotNullWhen(true, nameof(E164), nameof(National), nameof(International), nameof(RegionCode))]
    public bool IsSuccess => Error == PhoneError.None;

    /// <summary>Gets why normalization failed, or <see cref="PhoneError.None"/>.</summary>
    public PhoneError Error { get; }

    /// <summary>Gets the E.164 form, e.g. <c>+861065529988</c>.</summary>
    public string? E164 { get; }

    /// <summary>Gets the national format, e.g. <c>010 6552 9988</c>.</summary>
    public string? National => _national ??= _formats?.FormatNational(); // an idempotent race: both threads compute the same text

    /// <summary>Gets the international format, e.g. <c>+86 10 6552 9988</c>.</summary>
    public string? International => _international ??= _formats?.FormatInternational();

    /// <summary>Gets the ISO 3166-1 alpha-2 region the number belongs to.</summary>
    public string? RegionCode { get; }

    /// <summary>Gets the kind of line.</summary>
    public PhoneType Type { get; }

    /// <summary>Gets the extension, when one was given.</summary>
    public string? Extension { get; }

    /// <summary>Converts the result to the domain's phone number, keeping the raw input even when invalid.</summary>
    /// <param name="isVerified">Whether the number is confirmed to reach the customer.</param>
    /// <returns>The phone number.</returns>
    public PhoneNumber ToPhoneNumber(bool isVerified = false) =>
        new() { Raw = Raw, E164 = E164, Extension = Extension, Type = Type, IsVerified = isVerified };
}

/// <summary>Formats a valid number for display on demand (see <see cref="PhoneResult.National"/>).</summary>
internal interface IPhoneFormats
{
    /// <summary>Formats the number as dialled within its country.</summary>
    /// <returns>The national format.</returns>
    string FormatNational();

    /// <summary>Formats the number with its calling code.</summary>
    /// <returns>The international format.</returns>
    string FormatInternational();
}
