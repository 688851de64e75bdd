using System.Collections.Concurrent;
using CustomerCore.Customers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerCore.Addresses;

/// <summary>Lists how precise a geocode is, from coarse to fine.</summary>
public enum GeocodePrecision
{
    /// <summary>No position.</summary>
    None,

    /// <summary>The centroid of the province or state.</summary>
    Region,

    /// <summary>The centroid of the city or prefecture.</summary>
    City,

    /// <summary>The centroid of the county or district.</summary>
    District,

    /// <summary>The centroid of the postcode area (US ZIP/ZCTA).</summary>
    Postcode,

    /// <summary>The centroid of the town or sub-district (乡镇/街道).</summary>
    Town,

    /// <summary>The position of the street address (online geocoders only).</summary>
    Address,
}

/// <summary>Lists why a geocode failed.</summary>
public enum GeocodeFailureReason
{
    /// <summary>No failure.</summary>
    None,

    /// <summary>The address was not standardized, so there is nothing to look up.</summary>
    NotStandardized,

    /// <summary>No place of the address is known to the geocoder.</summary>
    NotFound,

    /// <summary>The same lookup failed recently and is not retried until its memory expires.</summary>
    RecentlyFailed,
}

/// <summary>Represents the outcome of geocoding one address.</summary>
/// <param name="Location">The position, or null on failure.</param>
/// <param name="Precision">What the position is the centroid of.</param>
/// <param name="FailureReason">Why no position was found, or <see cref="GeocodeFailureReason.None"/>.</param>
public sealed record GeocodeResult(GeoPoint? Location, GeocodePrecision Precision, GeocodeFailureReason FailureReason)
{
    /// <summary>Gets a value indicating whether a position was found.</summary>
    public bool IsSuccess => Location is not null;
}

/// <summary>Finds the position of a standardized address; the default is offline (<see cref="GazetteerGeocoder"/>), hosts may register an online one.</summary>
public interface IGeocoder
{
    /// <summary>Geocodes one standardized address.</summary>
    /// <param name="address">The standardized address.</param>
    /// <param name="cancellationToken">The token to cancel the lookup.</param>
    /// <returns>The position and its precision, or a failure reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    Task<GeocodeResult> GeocodeAsync(StandardizedAddress address, CancellationToken cancellationToken = default);
}

/// <summary>Geocodes offline from the embedded gazetteer: town or district centroid in China, ZIP centroid in the US, city elsewhere.</summary>
/// <remarks>Failed lookups are remembered (by country and place key) for <see cref="FailureMemory"/> and answered with
/// <see cref="GeocodeFailureReason.RecentlyFailed"/> meanwhile; the memory holds at most 100,000 keys. Thread-safe.</remarks>
public sealed class GazetteerGeocoder : IGeocoder
{
    /// <summary>How long a failed lookup is remembered.</summary>
    public static readonly TimeSpan FailureMemory = TimeSpan.FromHours(1);

    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _failures = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="GazetteerGeocoder"/> class.</summary>
    /// <param name="timeProvider">The clock for the failure memory; the system clock when null.</param>
    /// <param name="logger">The logger; optional.</param>
    public GazetteerGeocoder(TimeProvider? timeProvider = null, ILogger<GazetteerGeocoder>? logger = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc/>
    public Task<GeocodeResult> GeocodeAsync(StandardizedAddress address, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Geocode(address));
    }

    /// <summary>Geocodes one standardized address synchronously (the lookup is in memory).</summary>
    /// <param name="address">The standardized address.</param>
    /// <returns>The position and its precision, or a failure reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    public GeocodeResult Geocode(StandardizedAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsSuccess)
        {
            return new GeocodeResult(null, GeocodePrecision.None, GeocodeFailureReason.NotStandardized);
        }

        var key = Key(address);
        var now = _timeProvider.GetUtcNow();
        if (_failures.TryGetValue(key, out var until))
        {
            if (until > now)
            {
                return new GeocodeResult(null, GeocodePrecision.None, GeocodeFailureReason.RecentlyFailed);
            }

            _failures.TryRemove(key, out _);
        }

        var result = Lookup(address);
        if (!result.IsSuccess)
        {
            if (_failures.Count >= MaxRemembered)
            {
                _failures.Clear();
            }

            _failures[key] = now + FailureMemory;
            Log.GeocodeFailed(_logger, result.FailureReason, now + FailureMemory);
        }

        return result;
    }

    private static string Key(StandardizedAddress a) =>
        string.Join('|', a.CountryCode, a.Get(AddressComponentKind.Postcode)?.Value, a.Get(AddressComponentKind.Region)?.Value,
            a.Get(AddressComponentKind.City)?.Value, a.Get(AddressComponentKind.District)?.Code, a.Get(AddressComponentKind.Town)?.Code);

    private static GeocodeResult Lookup(StandardizedAddress a)
    {
        var g = Gazetteer.Instance;
        if (a.CountryCode == "CN")
        {
            if (a.Get(AddressComponentKind.Town)?.Code is { } townCode && a.Get(AddressComponentKind.District)?.Code is { } parent
                && g.TownsByParent.TryGetValue(parent, out var towns))
            {
                foreach (var t in towns)
                {
                    if (t.Code == townCode && Point(t.Latitude, t.Longitude) is { } p)
                    {
                        return new GeocodeResult(p, GeocodePrecision.Town, GeocodeFailureReason.None);
                    }
                }
            }

            foreach (var (kind, precision) in (ReadOnlySpan<(AddressComponentKind, GeocodePrecision)>)
                [(AddressComponentKind.District, GeocodePrecision.District), (AddressComponentKind.City, GeocodePrecision.City), (AddressComponentKind.Region, GeocodePrecision.Region)])
            {
                if (a.Get(kind)?.Code is { } code && g.ByCode.TryGetValue(code, out var index)
                    && Point(g.Divisions[index].Latitude, g.Divisions[index].Longitude) is { } p)
                {
                    return new GeocodeResult(p, precision, GeocodeFailureReason.None);
                }
            }

            return new GeocodeResult(null, GeocodePrecision.None, GeocodeFailureReason.NotFound);
        }

        var zip = a.Get(AddressComponentKind.Postcode)?.Value;
        if (a.CountryCode is null or "US" && zip is { Length: >= 5 } && g.UsZips.TryGetValue(zip[..5], out var z) && Point(z.Lat, z.Lon) is { } zp)
        {
            return new GeocodeResult(zp, GeocodePrecision.Postcode, GeocodeFailureReason.None);
        }

        if (a.Get(AddressComponentKind.City)?.Value is { } city)
        {
            var region = a.Get(AddressComponentKind.Region)?.Value;
            if (a.CountryCode is null or "US" && region is not null && g.UsPlaces.TryGetValue(region.ToUpperInvariant() + "|" + city.ToLowerInvariant(), out var c)
                && Point(c.Lat, c.Lon) is { } cp)
            {
                return new GeocodeResult(cp, GeocodePrecision.City, GeocodeFailureReason.None);
            }

            if (a.CountryCode is { } cc && g.WorldCities.TryGetValue(cc + "|" + city.ToLowerInvariant(), out var w) && Point(w.Lat, w.Lon) is { } wp)
            {
                return new GeocodeResult(wp, GeocodePrecision.City, GeocodeFailureReason.None);
            }
        }

        return new GeocodeResult(null, GeocodePrecision.None, GeocodeFailureReason.NotFound);
    }

    private static GeoPoint? Point(double lat, double lon)
    {
        var p = new GeoPoint(lat, lon);
        return p.IsValid ? p : null;
    }
}
