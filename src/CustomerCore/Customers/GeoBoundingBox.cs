namespace CustomerCore.Customers;

/// <summary>Represents a latitude/longitude rectangle, used for map viewports and index pre-filters.</summary>
/// <param name="MinLatitude">The southern edge in degrees.</param>
/// <param name="MinLongitude">The western edge in degrees.</param>
/// <param name="MaxLatitude">The northern edge in degrees.</param>
/// <param name="MaxLongitude">The eastern edge in degrees.</param>
/// <remarks>Boxes that cross the antimeridian are not supported; split them in two.</remarks>
public readonly record struct GeoBoundingBox(double MinLatitude, double MinLongitude, double MaxLatitude, double MaxLongitude)
{
    /// <summary>Determines whether the point lies inside the box or on its edge.</summary>
    /// <param name="point">The point to test.</param>
    /// <returns><see langword="true"/> when the point is inside or on the edge.</returns>
    public bool Contains(GeoPoint point) =>
        point.Latitude >= MinLatitude && point.Latitude <= MaxLatitude
        && point.Longitude >= MinLongitude && point.Longitude <= MaxLongitude;

    /// <summary>Creates the smallest box that holds every point within a radius of a centre.</summary>
    /// <param name="centre">The centre.</param>
    /// <param name="radiusMetres">The radius in metres; must be positive.</param>
    /// <returns>The enclosing box, clamped to valid latitudes and longitudes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="radiusMetres"/> is not positive and finite.</exception>
    public static GeoBoundingBox Around(GeoPoint centre, double radiusMetres)
    {
        if (!double.IsFinite(radiusMetres) || radiusMetres <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(radiusMetres), radiusMetres, "The radius must be a positive number of metres.");
        }

        const double MetresPerDegree = 111_194.9; // 2πR / 360 with R = 6,371,008.8 m
        var dLat = radiusMetres / MetresPerDegree;
        var cos = Math.Cos(centre.Latitude * Math.PI / 180.0);
        var dLon = cos < 1e-9 ? 180 : Math.Min(180, radiusMetres / (MetresPerDegree * cos));
        return new GeoBoundingBox(
            Math.Max(-90, centre.Latitude - dLat),
            Math.Max(-180, centre.Longitude - dLon),
            Math.Min(90, centre.Latitude + dLat),
            Math.Min(180, centre.Longitude + dLon));
    }
}
