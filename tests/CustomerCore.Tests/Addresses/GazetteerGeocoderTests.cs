using CustomerCore.Addresses;
using Microsoft.Extensions.Time.Testing;

namespace CustomerCore.Tests.Addresses;

public sealed class GazetteerGeocoderTests
{
    private readonly AddressStandardizer _standardizer = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Geocode_ChineseDistrict_ReturnsTheDistrictCentroid()
    {
        var geocoder = new GazetteerGeocoder(_time);

        var result = await geocoder.GeocodeAsync(_standardizer.Standardize("北京市朝阳区建国路88号"));

        Assert.True(result.IsSuccess);
        Assert.Equal(GeocodePrecision.District, result.Precision);
        Assert.InRange(result.Location!.Value.Latitude, 39.8, 40.1); // 朝阳区 lies east of the centre of Beijing
        Assert.InRange(result.Location.Value.Longitude, 116.35, 116.7);
    }

    [Fact]
    public void Geocode_RegionOnly_SaysItIsOnlyRegionPrecise()
    {
        var result = new GazetteerGeocoder(_time).Geocode(_standardizer.Standardize("台湾省"));

        Assert.True(result.IsSuccess);
        Assert.Equal(GeocodePrecision.Region, result.Precision);
    }

    [Fact]
    public void Geocode_FailedLookup_IsRememberedUntilTheMemoryExpires()
    {
        var geocoder = new GazetteerGeocoder(_time);
        var address = _standardizer.Standardize("蒋村花园小区3幢");

        Assert.Equal(GeocodeFailureReason.NotFound, geocoder.Geocode(address).FailureReason);
        Assert.Equal(GeocodeFailureReason.RecentlyFailed, geocoder.Geocode(address).FailureReason);
        _time.Advance(GazetteerGeocoder.FailureMemory + TimeSpan.FromMinutes(1));
        Assert.Equal(GeocodeFailureReason.NotFound, geocoder.Geocode(address).FailureReason);
    }

    [Fact]
    public void Geocode_UnparsedAddress_FailsWithoutALookup()
    {
        var result = new GazetteerGeocoder(_time).Geocode(_standardizer.Standardize(""));

        Assert.False(result.IsSuccess);
        Assert.Equal(GeocodeFailureReason.NotStandardized, result.FailureReason);
    }

    [Fact]
    public async Task GeocodeAsync_Null_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => new GazetteerGeocoder(_time).GeocodeAsync(null!));
    }
}
