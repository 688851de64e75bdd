using System.Text.Json;
using CustomerCore.Customers;
using CustomerCore.Geo;

namespace CustomerCore.Tests.Geo;

public sealed class GeoJsonExportTests
{
    [Fact]
    public void Write_PointsAndRoute_ProducesRfc7946FeatureCollection()
    {
        var points = new[]
        {
            new MapPoint("c1", new GeoPoint(39.9, 116.4), new Dictionary<string, string?> { ["segment"] = "Champions", ["name"] = "张伟" }),
            new MapPoint("c2", new GeoPoint(31.2, 121.5), new Dictionary<string, string?> { ["segment"] = null }),
        };

        var json = GeoJsonExport.Write(points, [new GeoPoint(39.9, 116.4), new GeoPoint(31.2, 121.5)], new Dictionary<string, string?> { ["owner"] = "rep-1" });

        using var doc = JsonDocument.Parse(json);
        var features = doc.RootElement.GetProperty("features");
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal(3, features.GetArrayLength());
        var first = features[0];
        Assert.Equal(116.4, first.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble()); // longitude first
        Assert.Equal("张伟", first.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("LineString", features[2].GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal("rep-1", features[2].GetProperty("properties").GetProperty("owner").GetString());
    }

    [Fact]
    public void Write_InvalidPoint_ThrowsArgumentException()
    {
        var bad = new MapPoint("x", new GeoPoint(120, 0), new Dictionary<string, string?>());

        Assert.Throws<ArgumentException>(() => GeoJsonExport.Write([bad]));
    }

    [Fact]
    public void Write_OneVertexRoute_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => GeoJsonExport.Write([], [new GeoPoint(1, 1)]));
    }
}
