namespace CustomerCore.Addresses;

/// <summary>Standardizes free-text postal addresses (Chinese and Latin-script) into components.</summary>
public interface IAddressStandardizer
{
    /// <summary>Standardizes one address; never throws on any string content.</summary>
    /// <param name="raw">The address as entered.</param>
    /// <param name="hints">Optional hints (country, preferred codes).</param>
    /// <returns>The result; unparseable input comes back with <see cref="AddressStatus.Unparsed"/> and a reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="raw"/> is null.</exception>
    StandardizedAddress Standardize(string raw, AddressHints? hints = null);
}
