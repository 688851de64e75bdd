using System.Diagnostics.CodeAnalysis;
using CustomerCore.Customers;

namespace CustomerCore.Addresses;

/// <summary>Represents the result of standardizing one address: components, formatted line, confidence and changes.</summary>
public sealed record StandardizedAddress
{
    /// <summary>Gets the input exactly as given.</summary>
    public required string Input { get; init; }

    /// <summary>Gets the outcome.</summary>
    public AddressStatus Status { get; init; }

    /// <summary>Gets why nothing was recognized, or <see cref="AddressFailureReason.None"/>.</summary>
    public AddressFailureReason FailureReason { get; init; }

    /// <summary>Gets the detected ISO 3166-1 alpha-2 country code, or null when unknown.</summary>
    public string? CountryCode { get; init; }

    /// <summary>Gets the components in input order, inferred ones first.</summary>
    public IReadOnlyList<AddressComponent> Components { get; init; } = [];

    /// <summary>Gets the address on one line in the country's convention.</summary>
    public string Formatted { get; init; } = "";

    /// <summary>Gets how sure the standardizer is, from 0 to 1.</summary>
    public double Confidence { get; init; }

    /// <summary>Gets every change made from the input to the standardized values.</summary>
    public IReadOnlyList<AddressChange> Changes { get; init; } = [];

    /// <summary>Gets the possible readings when <see cref="Status"/> is <see cref="AddressStatus.Ambiguous"/>.</summary>
    public IReadOnlyList<AddressCandidate> Candidates { get; init; } = [];

    /// <summary>Gets a value indicating whether at least one component was recognized.</summary>
    public bool IsSuccess => Status != AddressStatus.Unparsed;

    /// <summary>Finds the component of a kind.</summary>
    /// <param name="kind">The component kind.</param>
    /// <returns>The component, or null when absent.</returns>
    public AddressComponent? Get(AddressComponentKind kind)
    {
        // Indexed, not foreach: ToPostalAddress asks for every kind, and foreach over the interface boxes an enumerator each time.
        var components = Components;
        for (var i = 0; i < components.Count; i++)
        {
            if (components[i].Kind == kind)
            {
                return components[i];
            }
        }

        return null;
    }

    /// <summary>Tries to find the component of a kind.</summary>
    /// <param name="kind">The component kind.</param>
    /// <param name="component">The component when found.</param>
    /// <returns>True when the component is present.</returns>
    public bool TryGet(AddressComponentKind kind, [NotNullWhen(true)] out AddressComponent? component)
    {
        component = Get(kind);
        return component is not null;
    }

    /// <summary>Converts the result into the customer model's postal address.</summary>
    /// <param name="location">The geocoded position, when known.</param>
    /// <returns>The postal address; <see cref="PostalAddress.Original"/> keeps the input.</returns>
    public PostalAddress ToPostalAddress(GeoPoint? location = null)
    {
        string? code = Get(AddressComponentKind.Town)?.Code ?? Get(AddressComponentKind.District)?.Code
            ?? Get(AddressComponentKind.City)?.Code ?? Get(AddressComponentKind.Region)?.Code;
        return new PostalAddress
        {
            Original = Input,
            CountryCode = CountryCode,
            Region = Get(AddressComponentKind.Region)?.Value,
            City = Get(AddressComponentKind.City)?.Value,
            District = Get(AddressComponentKind.District)?.Value,
            Town = Get(AddressComponentKind.Town)?.Value,
            Street = Get(AddressComponentKind.Street)?.Value,
            HouseNumber = Get(AddressComponentKind.HouseNumber)?.Value,
            Building = Get(AddressComponentKind.Building)?.Value,
            Unit = Get(AddressComponentKind.Unit)?.Value,
            Floor = Get(AddressComponentKind.Floor)?.Value,
            Room = Get(AddressComponentKind.Room)?.Value,
            Postcode = Get(AddressComponentKind.Postcode)?.Value,
            AdminCode = code,
            Location = location,
        };
    }
}
