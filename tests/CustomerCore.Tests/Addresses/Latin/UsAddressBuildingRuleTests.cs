using System.Text.Json;
using CustomerCore.Addresses.Latin;
using static CustomerCore.Tests.Addresses.Latin.LatinParseTexts;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Addresses.Latin;

// One test per building/unit/house-number boundary rule added for issue 4 (building F1), on invented addresses,
// plus bad input for the same paths.
public sealed class UsAddressBuildingRuleTests
{
    [Fact]
    public void Parse_TwoNumbersBeforeANamedStreet_AreOneHouseNumber()
    {
        const string input = "412 414 E 52nd St, New York, NY 10022";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("412 414", Text(input, parse, LatinComponent.HouseNumber));
        Assert.Equal("E 52nd St", Text(input, parse, LatinComponent.Street));
        Assert.Null(Text(input, parse, LatinComponent.Building));
    }

    [Theory]
    [InlineData("30411 1800 East Rd", "30411", "1800 East Rd")]
    [InlineData("5120 900 N Ave", "5120", "900 N Ave")]
    public void Parse_SecondNumberBeforeAStreetWithoutName_NamesTheStreet(string input, string house, string street)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(house, Text(input, parse, LatinComponent.HouseNumber));
        Assert.Equal(street, Text(input, parse, LatinComponent.Street));
        Assert.Null(Text(input, parse, LatinComponent.Building));
    }

    [Theory]
    [InlineData("7120 # B Willow Bend Circle")]
    [InlineData("Mary Roe, 7120 # B Willow Bend Circle, Austin TX 78701")]
    public void Parse_UnitBetweenHouseNumberAndStreet_KeepsTheHouseNumber(string input)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal("7120", Text(input, parse, LatinComponent.HouseNumber));
        Assert.Equal("# B", Text(input, parse, LatinComponent.Unit));
        Assert.Equal("Willow Bend Circle", Text(input, parse, LatinComponent.Street));
        Assert.Null(Text(input, parse, LatinComponent.Building));
    }

    [Fact]
    public void Parse_OneWordStreetClosedByACommaAfterABuilding_IsTheStreet()
    {
        const string input = "Two Harbor Plaza, 88 Broadway, Boston, MA 02110";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Two Harbor Plaza", Text(input, parse, LatinComponent.Building));
        Assert.Equal("88", Text(input, parse, LatinComponent.HouseNumber));
        Assert.Equal("Broadway", Text(input, parse, LatinComponent.Street));
        Assert.Equal("Boston", Text(input, parse, LatinComponent.City));
        Assert.Null(Text(input, parse, LatinComponent.Unit));
    }

    [Theory]
    [InlineData("5 Maple Grove Ctr", null, "Maple Grove Ctr")]
    [InlineData("480 Harbor Trade Center", "480 Harbor Trade Center", null)]
    public void Parse_NumberedCenterLine_IsABuildingOnlyWhenSpelledOut(string input, string? building, string? street)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(building, Text(input, parse, LatinComponent.Building));
        Assert.Equal(street, Text(input, parse, LatinComponent.Street));
    }

    [Theory]
    [InlineData("55 W Lake Dr SU£TE 210 Chicago IL 60601", "SU£TE 210")]
    [InlineData("55 W Lake Dr AP¤T 4 Chicago IL 60601", "AP¤T 4")]
    public void Parse_DesignatorSplitByAStraySymbol_IsAUnit(string input, string unit)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(unit, Text(input, parse, LatinComponent.Unit));
        Assert.Null(Text(input, parse, LatinComponent.Building));
    }

    [Fact]
    public void Parse_RouteNamedByLetters_IsAStreet()
    {
        const string input = "COUNTY ROAD KK, Dane Township, WI 53590";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("COUNTY ROAD KK", Text(input, parse, LatinComponent.Street));
        Assert.Null(Text(input, parse, LatinComponent.Building));
    }

    [Fact]
    public void Parse_NumberBeforeABuildingOpenedByANumberWord_IsTheUnit()
    {
        const string input = "250 TWO COMMERCE PLACE";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("250", Text(input, parse, LatinComponent.Unit));
        Assert.Equal("TWO COMMERCE PLACE", Text(input, parse, LatinComponent.Building));
        Assert.Null(Text(input, parse, LatinComponent.HouseNumber));
    }

    [Fact]
    public void Parse_NumberedBuildingLineBeforeTheCity_IsABuilding()
    {
        const string input = "12 science bldg st. paul MN 55101";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("12 science bldg", Text(input, parse, LatinComponent.Building));
        Assert.Equal("st. paul", Text(input, parse, LatinComponent.City));
        Assert.Null(Text(input, parse, LatinComponent.Unit));
    }

    [Fact]
    public void Parse_NumberAndLetterOpeningABuildingLine_AreTheUnit()
    {
        const string input = "118 b. maple square, 2200 n. oak rd., ne";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("118 b.", Text(input, parse, LatinComponent.Unit));
        Assert.Equal("maple square", Text(input, parse, LatinComponent.Building));
        Assert.Equal("2200", Text(input, parse, LatinComponent.HouseNumber));
    }

    [Theory]
    [InlineData("bellavista s 310 1400 s ocean dr miami fl 33139", "bellavista", "s 310")]
    [InlineData("Harbor Club 1204 55 Bay Dr Miami FL 33139", "Harbor Club", "1204")]
    public void Parse_NameAndApartmentBeforeTheHouseNumber_SplitIntoBuildingAndUnit(string input, string building, string unit)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(building, Text(input, parse, LatinComponent.Building));
        Assert.Equal(unit, Text(input, parse, LatinComponent.Unit));
    }

    [Fact]
    public void Parse_VowelLessCodeWordAndNumber_IsAUnit()
    {
        const string input = "Medical Plaza PO Box 4410, KTB 12 Tulsa OK 74103";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("KTB 12", Text(input, parse, LatinComponent.Unit));
        Assert.Equal(["Medical Plaza"], Texts(input, parse, LatinComponent.Building));
    }

    [Fact]
    public void Parse_NameWithNumberAfterTheStreet_StaysANumberedBuilding()
    {
        const string input = "2848 Paces Ferry Road Suite 700, Parkside 2";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Parkside 2", Text(input, parse, LatinComponent.Building));
    }

    [Fact]
    public void Parse_TowerWithShortNumber_IsAUnit()
    {
        const string input = "1 Harbor Park Tower 3 Suite 210 Wheeling WV 26003";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Harbor Park", Text(input, parse, LatinComponent.Street));
        Assert.Equal(["Tower 3", "Suite 210"], Texts(input, parse, LatinComponent.Unit));
        Assert.Null(Text(input, parse, LatinComponent.Building));
    }

    [Fact]
    public void Parse_MarketPlaceWithoutHouseNumber_IsABuilding()
    {
        const string input = "Stowe Market Place, Stowe, VT 05672";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Stowe Market Place", Text(input, parse, LatinComponent.Building));
        Assert.Null(Text(input, parse, LatinComponent.Street));
    }

    [Fact]
    public void Parse_CityListedWithACommaInGeoNames_IsKnownByItsFirstPart()
    {
        const string input = "900 K St NW Ste 200 N Bldg Washington DC 20001";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("N Bldg", Text(input, parse, LatinComponent.Building));
        Assert.Equal("Washington", Text(input, parse, LatinComponent.City));
    }

    [Fact]
    public void Parse_PoBoxSpelledWithoutNumber_IsABoxAndTheNameAfterIsABuilding()
    {
        const string input = "77 elm road p.o. box harbor financial center";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("p.o. box", Text(input, parse, LatinComponent.PoBox));
        Assert.Equal("harbor financial center", Text(input, parse, LatinComponent.Building));
    }

    [Theory]
    [InlineData("south tower 1200 elm road, dallas tx 75201", "south tower")]
    [InlineData("East Wing, 40 Oak Street, Dallas TX 75201", "East Wing")]
    [InlineData("900 K Street, NW South Tower, Ste. 40, Dallas, TX 75201", "South Tower")]
    [InlineData("12 9th street, east hall, room 4 troy ny 12180", "east hall")]
    public void Parse_DirectionalTowerOrWingOpeningTheLine_IsAUnit(string input, string unit)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(unit, Text(input, parse, LatinComponent.Unit));
        Assert.Null(Text(input, parse, LatinComponent.Building));
    }

    [Theory]
    [InlineData("410 rt 33 west elk business park zanbo wv 25071")]
    [InlineData("410 rt 33 west elk business park, zanbo, wv 25071")]
    public void Parse_CommercePlaceAfterARouteAndSpelledDirectional_IsABuildingBeforeTheCity(string input)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal("rt 33 west", Text(input, parse, LatinComponent.Street));
        Assert.Equal("elk business park", Text(input, parse, LatinComponent.Building));
        Assert.Equal("zanbo", Text(input, parse, LatinComponent.City));
    }

    [Fact]
    public void Parse_LabelledBuildingSlice_MeetsQualityFloor()
    {
        // usaddress-labelled addresses: every one with a BuildingName/LandmarkName (recall), and the first 600 without (false buildings).
        var path = SharedData.PathOf("address", "usaddress", "training", "labeled.jsonl");
        int withBuilding = 0, found = 0, without = 0, falseBuildings = 0;
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var text = doc.RootElement.GetProperty("text").GetString()!;
            var components = doc.RootElement.GetProperty("components");
            var gold = components.TryGetProperty("BuildingName", out var b) ? b : components.TryGetProperty("LandmarkName", out var l) ? l : (JsonElement?)null;
            var parse = UsAddressParser.Parse(text);
            var predicted = Texts(text, parse, LatinComponent.Building);
            if (gold is { } g)
            {
                withBuilding++;
                found += predicted.Contains(g.GetString()!.Trim(',', ' ')) ? 1 : 0;
            }
            else if (without < 600)
            {
                without++;
                falseBuildings += predicted.Count;
            }
        }

        Assert.True(withBuilding >= 50, $"only {withBuilding} addresses with a building");
        Assert.True(found >= 0.9 * withBuilding, $"{found}/{withBuilding} buildings found");
        Assert.True(falseBuildings <= 3, $"{falseBuildings} buildings predicted in {without} addresses without one");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1 2")]
    [InlineData("# #")]
    [InlineData("P.O. Box")]
    [InlineData("north tower")]
    [InlineData("SU£TE")]
    [InlineData("SU\u0001TE 210")]
    [InlineData("12 \u0007 3 Tower \u0000 5")]
    [InlineData("100 ONE")]
    [InlineData("北京 Tower 5 Москва Market Place")]
    [InlineData("12 34 56 78")]
    public void Parse_BadInputOnBuildingPaths_NeverThrowsAndSpansStayInside(string input)
    {
        var parse = UsAddressParser.Parse(input);

        AssertOrderedInside(input, parse);
    }

    [Fact]
    public void Parse_ControlCharacterInsideADesignator_IsNotReadAsAUnitWord()
    {
        const string input = "55 W Lake Dr SU\u0001TE 210 Chicago IL 60601";

        var parse = UsAddressParser.Parse(input);

        Assert.DoesNotContain(Texts(input, parse, LatinComponent.Unit), u => u.StartsWith("SU", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TenKilobytesOfNumbersTowersAndBoxes_NeverThrows()
    {
        var input = string.Concat(Enumerable.Repeat("12 34 north tower 5 p.o. box SU£TE 9 ", 300));

        var parse = UsAddressParser.Parse(input);

        Assert.True(input.Length > 10_000);
        Assert.All(parse.Spans, s => Assert.True(s.Start >= 0 && s.Start + s.Length <= input.Length));
    }
}
