using CustomerCore.Addresses;

namespace CustomerCore.Tests.Addresses.Latin;

public sealed class LatinStandardizerTests
{
    [Fact]
    public void Standardize_UsIssueExample_FormatsInUspsOrderWithFips()
    {
        var standardizer = new AddressStandardizer();

        var result = standardizer.Standardize("431 marietta st nw apt 5, atlanta ga 30313");

        Assert.Equal(AddressStatus.Standardized, result.Status);
        Assert.Equal("US", result.CountryCode);
        Assert.Equal("431 Marietta St NW Apt 5, Atlanta, GA 30313", result.Formatted);
        var region = Assert.Single(result.Components, c => c.Kind == AddressComponentKind.Region);
        Assert.Equal("13", region.Code);
        Assert.Equal("ga", region.Text);
    }
}
