using System.Globalization;

namespace CustomerCore.Customers;

/// <summary>Represents a WGS 84 position (EPSG:4326) in decimal degrees.</summary>
/// <param name="Latitude">The latitude in degrees, from -90 to 90.</param>
/// <param name="Longitude">The longitude in degrees, from -180 to 180.</param>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>Gets a value indicating whether both coordinates are finite and inside their ranges.</summary>
    public bool IsValid => double.IsFinite(Latitude) && double.IsFinite(Longitude)
        && Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    /// <summary>Creates a point after checking both coordinates.</summary>
    /// <param name="latitude">The latitude in degrees, from -90 to 90.</param>
    /// <param name="longitude">The longitude in degrees, from -180 to 180.</param>
    /// <returns>The point.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is not finite or is out of range.</exception>
    public static GeoPoint Create(double latitude, double longitude)
    {
        if (!double.IsFinite(latitude) || latitude is < -90 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "Latitude must be a finite number between -90 and 90.");
        }

        if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "Longitude must be a finite number between -180 and 180.");
        }

        return new GeoPoint(latitude, longitude);
    }

    /// <summary>Returns the great-circle distance to another point in metres (haversine, mean Earth radius 6,371,008.8 m).</summary>
    /// <param name="other">The other point.</param>
    /// <returns>The distance in metres.</returns>
    public double DistanceMetresTo(GeoPoint other)
    {
        const double EarthRadiusMetres = 6_371_008.8; // IUGG mean radius
        const double ToRadians = Math.PI / 180.0;
        var dLat = (other.Latitude - Latitude) * ToRadians;
        var dLon = (other.Longitude - Longitude) * ToRadians;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Latitude * ToRadians) * Math.Cos(other.Latitude * ToRadians) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Returns the point as <c>latitude,longitude</c> in invariant culture.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Latitude},{Longitude}");
}
