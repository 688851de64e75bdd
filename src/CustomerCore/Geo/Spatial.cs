using CustomerCore.Customers;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace CustomerCore.Geo;

/// <summary>Represents a sales territory: a named polygon (outer ring, WGS 84).</summary>
public sealed class Territory
{
    private static readonly GeometryFactory s_factory = new(new PrecisionModel(), 4326);

    /// <summary>Initializes a territory from its boundary.</summary>
    /// <param name="id">The territory's id.</param>
    /// <param name="boundary">At least three distinct points; the ring is closed automatically.</param>
    /// <exception cref="ArgumentException">The id is blank, a point is invalid, or the ring is not a valid polygon (e.g. self-crossing).</exception>
    public Territory(string id, IReadOnlyList<GeoPoint> boundary)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(boundary);
        if (boundary.Count < 3 || boundary.Any(p => !p.IsValid))
        {
            throw new ArgumentException("A territory needs at least three valid points.", nameof(boundary));
        }

        var coordinates = boundary.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToList();
        if (!coordinates[0].Equals2D(coordinates[^1]))
        {
            coordinates.Add(coordinates[0]);
        }

        var polygon = s_factory.CreatePolygon([.. coordinates]);
        if (!polygon.IsValid)
        {
            throw new ArgumentException("The boundary is not a valid polygon (it crosses itself or has too few distinct points).", nameof(boundary));
        }

        Id = id;
        Boundary = [.. boundary];
        Polygon = PreparedGeometryFactory.Prepare(polygon);
        var e = polygon.EnvelopeInternal;
        Bounds = new GeoBoundingBox(e.MinY, e.MinX, e.MaxY, e.MaxX);
    }

    /// <summary>Gets the territory's id.</summary>
    public string Id { get; }

    /// <summary>Gets the boundary as given.</summary>
    public IReadOnlyList<GeoPoint> Boundary { get; }

    /// <summary>Gets the smallest box that holds the territory, for index pre-filters.</summary>
    public GeoBoundingBox Bounds { get; }

    internal IPreparedGeometry Polygon { get; }

    /// <summary>Determines whether a point lies inside the territory or on its boundary.</summary>
    /// <param name="point">The point.</param>
    /// <returns><see langword="true"/> when inside or on the edge.</returns>
    public bool Contains(GeoPoint point) =>
        Bounds.Contains(point) && Polygon.Covers(s_factory.CreatePoint(new Coordinate(point.Longitude, point.Latitude)));
}

/// <summary>Holds a point found by a spatial query and its distance from the query centre.</summary>
/// <param name="Point">The point.</param>
/// <param name="DistanceMetres">The great-circle distance from the centre.</param>
public sealed record NearbyPoint(MapPoint Point, double DistanceMetres);

/// <summary>Indexes map points for radius, nearest-neighbour, territory and density queries.</summary>
/// <remarks>An STR-tree over longitude/latitude envelopes (NetTopologySuite), built once in O(n log n); a radius query
/// is a box lookup (O(log n + k)) refined by exact haversine distance; k-nearest grows the radius until k points are
/// certain. Immutable after construction and safe to query from many threads.</remarks>
public sealed class GeoIndex
{
    private readonly STRtree<MapPoint> _tree = new();

    /// <summary>Builds the index.</summary>
    /// <param name="points">The points; each needs a valid location.</param>
    /// <exception cref="ArgumentException">A point is null or has an invalid location.</exception>
    public GeoIndex(IEnumerable<MapPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        foreach (var p in points)
        {
            if (p is null || !p.Location.IsValid)
            {
                throw new ArgumentException("Every point needs a valid location.", nameof(points));
            }

            _tree.Insert(new Envelope(p.Location.Longitude, p.Location.Longitude, p.Location.Latitude, p.Location.Latitude), p);
            Count++;
        }

        _tree.Build();
    }

    /// <summary>Gets the number of points.</summary>
    public int Count { get; }

    /// <summary>Finds the points within a radius, nearest first.</summary>
    /// <param name="centre">The centre.</param>
    /// <param name="radiusMetres">The radius in metres; must be positive.</param>
    /// <returns>The points and distances, nearest first (ties by id).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not positive.</exception>
    public IReadOnlyList<NearbyPoint> Nearby(GeoPoint centre, double radiusMetres)
    {
        var box = GeoBoundingBox.Around(centre, radiusMetres);
        var found = new List<NearbyPoint>();
        foreach (var p in _tree.Query(new Envelope(box.MinLongitude, box.MaxLongitude, box.MinLatitude, box.MaxLatitude)))
        {
            var d = centre.DistanceMetresTo(p.Location);
            if (d <= radiusMetres)
            {
                found.Add(new NearbyPoint(p, d));
            }
        }

        found.Sort(static (a, b) => a.DistanceMetres != b.DistanceMetres ? a.DistanceMetres.CompareTo(b.DistanceMetres) : string.CompareOrdinal(a.Point.Id, b.Point.Id));
        return found;
    }

    /// <summary>Finds the k points nearest to a centre.</summary>
    /// <param name="centre">The centre.</param>
    /// <param name="k">How many; must be positive.</param>
    /// <returns>Up to k points, nearest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not positive.</exception>
    public IReadOnlyList<NearbyPoint> Nearest(GeoPoint centre, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var radius = 1_000.0;
        while (true)
        {
            var found = Nearby(centre, radius);
            if (found.Count >= k || found.Count == Count || radius > 20_100_000)
            {
                return [.. found.Take(k)];
            }

            radius *= 4;
        }
    }

    /// <summary>Finds the points inside a territory, using the index for the bounding box and the polygon for the exact test.</summary>
    /// <param name="territory">The territory.</param>
    /// <returns>The points inside or on the edge, in id order.</returns>
    public IReadOnlyList<MapPoint> Within(Territory territory)
    {
        ArgumentNullException.ThrowIfNull(territory);
        var b = territory.Bounds;
        return [.. _tree.Query(new Envelope(b.MinLongitude, b.MaxLongitude, b.MinLatitude, b.MaxLatitude))
            .Where(p => territory.Contains(p.Location))
            .OrderBy(p => p.Id, StringComparer.Ordinal)];
    }
}

/// <summary>Groups points into density clusters (DBSCAN, Ester et al. 1996) with distances in metres.</summary>
public static class DensityClustering
{
    /// <summary>Labels each point with a cluster number, or -1 for noise.</summary>
    /// <param name="points">The points.</param>
    /// <param name="radiusMetres">ε: the neighbourhood radius in metres; must be positive.</param>
    /// <param name="minPoints">The fewest points (itself included) that make a dense neighbourhood; at least 1.</param>
    /// <returns>Point id → cluster number (0, 1, ... in order of discovery by id) or -1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    /// <remarks>O(n log n + n·k) with the spatial index, k the mean neighbourhood size. Deterministic: points are visited in id order.</remarks>
    public static IReadOnlyDictionary<string, int> Cluster(IReadOnlyList<MapPoint> points, double radiusMetres, int minPoints)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(radiusMetres, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(minPoints, 1);
        var index = new GeoIndex(points);
        var labels = new Dictionary<string, int>(points.Count, StringComparer.Ordinal);
        var next = 0;
        foreach (var p in points.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (labels.ContainsKey(p.Id))
            {
                continue;
            }

            var neighbours = index.Nearby(p.Location, radiusMetres);
            if (neighbours.Count < minPoints)
            {
                labels[p.Id] = -1; // noise for now; a later core point may claim it as a border point
                continue;
            }

            var cluster = next++;
            labels[p.Id] = cluster;
            var queue = new Queue<MapPoint>(neighbours.Select(n => n.Point));
            while (queue.Count > 0)
            {
                var q = queue.Dequeue();
                if (labels.TryGetValue(q.Id, out var label))
                {
                    if (label == -1)
                    {
                        labels[q.Id] = cluster; // border point
                    }

                    continue;
                }

                labels[q.Id] = cluster;
                var around = index.Nearby(q.Location, radiusMetres);
                if (around.Count >= minPoints)
                {
                    foreach (var n in around)
                    {
                        queue.Enqueue(n.Point);
                    }
                }
            }
        }

        return labels;
    }
}

/// <summary>Counts customers by administrative region from their standardized addresses.</summary>
public static class RegionDistribution
{
    /// <summary>Counts customers per region at one level, using each customer's first address.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="level">0 = region (province/state), 1 = city, 2 = district.</param>
    /// <returns>Region path (e.g. <c>浙江省/杭州市</c>) → count, largest first; customers without that component count under <c>(unknown)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not 0, 1 or 2.</exception>
    public static IReadOnlyList<KeyValuePair<string, int>> Count(IEnumerable<Customer> customers, int level)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 2);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in customers)
        {
            var a = c.Addresses.Count > 0 ? c.Addresses[0] : null;
            string?[] parts = [a?.Region, a?.City, a?.District];
            var key = parts[level] is null ? "(unknown)" : string.Join('/', parts.Take(level + 1).Select(p => p ?? "(unknown)"));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return [.. counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)];
    }
}
