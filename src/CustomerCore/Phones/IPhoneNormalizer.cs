namespace CustomerCore.Phones;

/// <summary>Normalizes phone numbers to E.164 and says what kind of line they are.</summary>
public interface IPhoneNormalizer
{
    /// <summary>Normalizes one phone number.</summary>
    /// <param name="input">The number as typed: <c>138 0013 8000</c>, <c>010-65529988</c>, <c>+86 10 6552 9988</c>,
    /// <c>(415) 555-2671</c>, full-width digits, with an extension (<c>ext. 12</c>, <c>转12</c>).</param>
    /// <param name="defaultRegion">The ISO 3166-1 alpha-2 region for numbers without a country code; <see langword="null"/> uses the configured default.</param>
    /// <returns>The result; never throws for bad input.</returns>
    PhoneResult Normalize(string? input, string? defaultRegion = null);
}
