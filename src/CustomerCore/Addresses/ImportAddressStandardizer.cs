using CustomerCore.Customers;
using CustomerCore.Import;

namespace CustomerCore.Addresses;

/// <summary>Standardizes imported addresses with the registered <see cref="IAddressStandardizer"/>: components, admin code
/// and postcode are filled in; the text as imported stays in <see cref="PostalAddress.Original"/>.</summary>
/// <remarks>Only unambiguous results are applied: an ambiguous or unrecognized address is kept exactly as imported, so an
/// import never invents a province it is not sure of.</remarks>
internal sealed class ImportAddressStandardizer(IAddressStandardizer standardizer) : IImportAddressStandardizer
{
    public PostalAddress Standardize(PostalAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Original is not { Length: > 0 } raw)
        {
            return address;
        }

        var hints = address.CountryCode is { Length: 2 } country ? new AddressHints { Country = country } : null;
        var result = standardizer.Standardize(raw, hints);
        if (result.Status != AddressStatus.Standardized)
        {
            return address;
        }

        var standardized = result.ToPostalAddress(address.Location);
        return address.Label is null ? standardized : standardized with { Label = address.Label };
    }
}
