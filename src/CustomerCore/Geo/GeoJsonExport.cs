using System.Text.Json;
using CustomerCore.Customers;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace CustomerCore.Geo;

/// <summary>Represents one point on a map with the properties a map page colours and filters by.</summary>
/// <param name="Id">The feature id (e.g. a customer id).</param>
/// <param name="Location">The position.</param>
/// <param name="Properties">Properties such as <c>name</c>, <c>segment</c>, <c>owner</c>, <c>stage</c>, <c>cluster</c>.</param>
public sealed record MapPoint(string Id, GeoPoint Location, IReadOnlyDictionary<string, string?> Properties);

/// <summary>Writes customers and routes as GeoJSON (RFC 7946) with NetTopologySuite.</summary>
/// <remarks>Coordinates are written longitude first, as RFC 7946 requires. Thread-safe.</remarks>
public static class GeoJsonExport
{
    private static readonly GeometryFactory s_factory = new(new PrecisionModel(), 4326);
    private static readonly JsonSerializerOptions s_json = CreateOptions();

    /// <summary>Writes a FeatureCollection of points and, optionally, one route line through the given points in order.</summary>
    /// <param name="points">The points.</param>
    /// <param name="route">The route's vertices in visiting order, or <see langword="null"/>.</param>
    /// <param name="routeProperties">Properties of the route feature (e.g. <c>owner</c>, <c>distance_km</c>).</param>
    /// <returns>The GeoJSON text.</returns>
    /// <exception cref="ArgumentException">A point is not a valid latitude/longitude, or the route has fewer than two vertices.</exception>
    public static string Write(IEnumerable<MapPoint> points, IReadOnlyList<GeoPoint>? route = null, IReadOnlyDictionary<string, string?>? routeProperties = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var collection = new FeatureCollection();
        foreach (var p in points)
        {
            if (p is null || !p.Location.IsValid)
            {
                throw new ArgumentException("Every point needs a valid latitude and longitude.", nameof(points));
            }

            var attributes = new AttributesTable { { "id", p.Id } };
            foreach (var (key, value) in p.Properties)
            {
                attributes.Add(key, value);
            }

            collection.Add(new Feature(s_factory.CreatePoint(new Coordinate(p.Location.Longitude, p.Location.Latitude)), attributes));
        }

        if (route is not null)
        {
            if (route.Count < 2 || route.Any(r => !r.IsValid))
            {
                throw new ArgumentException("A route needs at least two valid vertices.", nameof(route));
            }

            var attributes = new AttributesTable { { "kind", "route" } };
            foreach (var (key, value) in routeProperties ?? new Dictionary<string, string?>())
            {
                attributes.Add(key, value);
            }

            collection.Add(new Feature(s_factory.CreateLineString([.. route.Select(r => new Coordinate(r.Longitude, r.Latitude))]), attributes));
        }

        return JsonSerializer.Serialize(collection, s_json);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.Converters.Add(new GeoJsonConverterFactory(s_factory));
        return options;
    }
}
