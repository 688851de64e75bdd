using CustomerCore.Customers;
using CustomerCore.Geo;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Geo;

public sealed class SpatialTests : IDisposable
{
    private static readonly GeoPoint s_guomao = new(39.9087, 116.4605);
    private readonly TestServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Nearby_MatchesABruteForceScan()
    {
        var points = RandomPoints(2_000, 3);

        var found = new GeoIndex(points).Nearby(s_guomao, 5_000);

        var expected = points.Where(p => s_guomao.DistanceMetresTo(p.Location) <= 5_000).Select(p => p.Id).Order(StringComparer.Ordinal);
        Assert.Equal(expected, found.Select(f => f.Point.Id).Order(StringComparer.Ordinal));
        Assert.True(found.Zip(found.Skip(1)).All(p => p.First.DistanceMetres <= p.Second.DistanceMetres));
    }

    [Fact]
    public void Nearest_ReturnsTheKClosest()
    {
        var points = RandomPoints(2_000, 4);

        var found = new GeoIndex(points).Nearest(s_guomao, 7);

        var expected = points.OrderBy(p => s_guomao.DistanceMetresTo(p.Location)).Take(7).Select(p => p.Id);
        Assert.Equal(expected, found.Select(f => f.Point.Id));
    }

    [Fact]
    public void Within_Territory_UsesThePolygonNotJustTheBox()
    {
        // A right triangle: the box's upper-left half is outside.
        var territory = new Territory("east", [new GeoPoint(39.8, 116.3), new GeoPoint(39.8, 116.6), new GeoPoint(40.0, 116.6)]);
        var inside = Point("in", 39.85, 116.55);
        var outsideButInBox = Point("out", 39.98, 116.32);

        var found = new GeoIndex([inside, outsideButInBox]).Within(territory);

        Assert.Equal(["in"], found.Select(p => p.Id));
    }

    [Fact]
    public void Territory_SelfCrossingBoundary_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new Territory("bow", [new GeoPoint(0, 0), new GeoPoint(1, 1), new GeoPoint(0, 1), new GeoPoint(1, 0)]));
    }

    [Fact]
    public void Dbscan_TwoTownsAndAStray_FindsTwoClustersAndNoise()
    {
        var points = new List<MapPoint>();
        points.AddRange(Enumerable.Range(0, 20).Select(i => Point($"a{i:D2}", 39.90 + (i * 0.0005), 116.40)));
        points.AddRange(Enumerable.Range(0, 20).Select(i => Point($"b{i:D2}", 31.20 + (i * 0.0005), 121.47)));
        points.Add(Point("stray", 35.0, 110.0));

        var labels = DensityClustering.Cluster(points, radiusMetres: 200, minPoints: 3);

        Assert.Equal(2, labels.Values.Where(l => l >= 0).Distinct().Count());
        Assert.Equal(-1, labels["stray"]);
        Assert.Single(points.Where(p => p.Id.StartsWith('a')).Select(p => labels[p.Id]).Distinct());
    }

    [Fact]
    public async Task CustomerMap_WithinTerritoryAndNearby_AnswerFromTheStore()
    {
        var map = _services.Get<ICustomerMap>();
        var near = Some.Customer("near") with { Addresses = [new PostalAddress { Location = new GeoPoint(39.91, 116.46) }] };
        var far = Some.Customer("far") with { Addresses = [new PostalAddress { Location = new GeoPoint(31.23, 121.47) }] };
        await _services.Customers.CreateAsync(CallerContext.System, near);
        await _services.Customers.CreateAsync(CallerContext.System, far);
        var beijing = new Territory("bj", [new GeoPoint(39.6, 116.0), new GeoPoint(39.6, 116.8), new GeoPoint(40.2, 116.8), new GeoPoint(40.2, 116.0)]);

        var inside = await map.WithinTerritoryAsync(CallerContext.System, beijing);
        var nearby = await map.NearbyAsync(CallerContext.System, s_guomao, 2_000);

        Assert.Equal([near.Id], inside.Select(c => c.Id));
        Assert.Equal([near.Id], nearby.Select(n => n.Customer.Id));
    }

    [Fact]
    public void RegionDistribution_CountsByLevel()
    {
        Customer At(string region, string? city) => Some.Customer() with { Addresses = [new PostalAddress { Region = region, City = city }] };

        var counts = RegionDistribution.Count([At("浙江省", "杭州市"), At("浙江省", "宁波市"), At("浙江省", "杭州市"), At("北京市", "北京市")], level: 1);

        Assert.Equal(new KeyValuePair<string, int>("浙江省/杭州市", 2), counts[0]);
        Assert.Equal(3, counts.Count);
    }

    private static MapPoint Point(string id, double lat, double lon) => new(id, new GeoPoint(lat, lon), new Dictionary<string, string?>());

    private static List<MapPoint> RandomPoints(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(i => Point($"p{i:D5}", 39.7 + (random.NextDouble() * 0.4), 116.2 + (random.NextDouble() * 0.5)))];
    }
}
