using CustomerCore.Addresses.Latin;
using static CustomerCore.Tests.Addresses.Latin.LatinParseTexts;

namespace CustomerCore.Tests.Addresses.Latin;

// One test per labelling rule added for issue 4 (street/building boundaries, intersections, units, boxes, recipients),
// on invented addresses, plus bad input for the same paths.
public sealed class UsAddressParserRuleTests
{
    [Theory]
    [InlineData("210 Oakmont Rd NE Harbor View Flats, Springfield, IL 62704", "Oakmont Rd NE", "Harbor View Flats")]
    [InlineData("55 Elm Street, N.W. Tower Place, Suite 4, Denver, CO 80202", "Elm Street, N.W.", "Tower Place")]
    [InlineData("9 Birch Ave Lynwood Gardens, Tulsa, OK 74103", "Birch Ave", "Lynwood Gardens")]
    public void Parse_BuildingNameAfterClosedStreet_SplitsStreetAndBuilding(string input, string street, string building)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(street, Text(input, parse, LatinComponent.Street));
        Assert.Equal(building, Text(input, parse, LatinComponent.Building));
    }

    [Fact]
    public void Parse_PlaceWordThatIsAlsoAStreetType_EndsTheBuildingNotTheStreet()
    {
        const string input = "40 Willow Creek Rd Hidden Cove, Aiken, SC 29801";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Willow Creek Rd", Text(input, parse, LatinComponent.Street));
        Assert.Equal("Hidden Cove", Text(input, parse, LatinComponent.Building));
    }

    [Fact]
    public void Parse_HyphenatedUnitWithSecondNumber_IsOneUnit()
    {
        const string input = "77 Lake Street 2-4 118 Aiken SC 29801";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Lake Street", Text(input, parse, LatinComponent.Street));
        Assert.Equal("2-4 118", Text(input, parse, LatinComponent.Unit));
        Assert.Equal("Aiken", Text(input, parse, LatinComponent.City));
    }

    [Theory]
    [InlineData("C Palm Grove Street, Ojai, CA 93023", "C", "Palm Grove Street")]
    [InlineData("D-F Laurel Avenue, Ojai, CA 93023", "D-F", "Laurel Avenue")]
    [InlineData("N Palm Grove Street, Ojai, CA 93023", null, "N Palm Grove Street")]
    public void Parse_LetteredLotOpeningTheAddress_IsTheHouseNumber(string input, string? house, string street)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(house, Text(input, parse, LatinComponent.HouseNumber));
        Assert.Equal(street, Text(input, parse, LatinComponent.Street));
    }

    [Fact]
    public void Parse_NumberSignOpeningTheStreetLine_IsTheHouseNumber()
    {
        const string input = "# 14 Maple Ridge Rd";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("# 14", Text(input, parse, LatinComponent.HouseNumber));
        Assert.Contains(parse.Spans, s => s.Component == LatinComponent.HouseNumber && s.Value == "14");
        Assert.Equal("Maple Ridge Rd", Text(input, parse, LatinComponent.Street));
        Assert.Null(Text(input, parse, LatinComponent.Unit));
    }

    [Fact]
    public void Parse_StAfterAUnitBeforeANumber_IsASuite()
    {
        const string input = "10 Oak Rd., Bldg. 4, St. 220";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal(["Bldg. 4", "St. 220"], Texts(input, parse, LatinComponent.Unit));
        Assert.Contains(parse.Spans, s => s.Component == LatinComponent.Unit && s.Value == "Ste 220");
    }

    [Theory]
    [InlineData("315 8th Ave NE B Cedar Rapids IA 52402", "B")]
    [InlineData("88 lincoln 2 s oak park il 60302", "2 s")]
    public void Parse_BareUnitRightBeforeTheCity_IsAUnit(string input, string unit)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(unit, Text(input, parse, LatinComponent.Unit));
    }

    [Theory]
    [InlineData("20 Walnut Mall QRS 4B", "Walnut Mall", "QRS 4B")]
    [InlineData("500 9th street, bx 310 augusta ga 30901", "9th street", "bx 310")]
    public void Parse_ShortCodeWordBeforeABareUnit_JoinsTheUnit(string input, string street, string unit)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(street, Text(input, parse, LatinComponent.Street));
        Assert.Equal(unit, Text(input, parse, LatinComponent.Unit));
    }

    [Fact]
    public void Parse_LetteredRouteBeforeTheCity_StaysInTheStreet()
    {
        const string input = "410 S Route K Jefferson City MO 65101";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("S Route K", Text(input, parse, LatinComponent.Street));
        Assert.Null(Text(input, parse, LatinComponent.Unit));
    }

    [Fact]
    public void Parse_HighwayNumberSignAfterHighway_StaysOneStreet()
    {
        const string input = "77 U.S. Highway No. 41 North, Marion, IL 62959";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("U.S. Highway No. 41 North", Text(input, parse, LatinComponent.Street));
        Assert.Null(Text(input, parse, LatinComponent.Building));
    }

    [Theory]
    [InlineData("Elm and 12th", "Elm", "12th")]
    [InlineData("I-35 & Frontage Road", "I-35", "Frontage Road")]
    [InlineData("Corner of Pine and Walnut Streets", "Pine", "Walnut Streets")]
    [InlineData("Jct 20 & 31", "20", "31")]
    public void Parse_Intersections_GiveTwoStreetsWithoutTheJunctionWord(string input, string first, string second)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal([first, second], Texts(input, parse, LatinComponent.Street));
        Assert.Null(Text(input, parse, LatinComponent.HouseNumber));
    }

    [Theory]
    [InlineData("12 Rock and Roll Way, Dayton, OH 45402", "Rock and Roll Way")]
    [InlineData("12 Sun & Sand Dr, Dayton, OH 45402", "Sun & Sand Dr")]
    public void Parse_AndInsideANumberedStreetName_StaysOneStreet(string input, string street)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal([street], Texts(input, parse, LatinComponent.Street));
    }

    [Fact]
    public void Parse_RouteBeforeRuralBox_IsPartOfTheBox()
    {
        const string input = "Route 9 RR 9 Box 14, Barre, VT 05641";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Route 9 RR 9 Box 14", Text(input, parse, LatinComponent.PoBox));
        Assert.Null(Text(input, parse, LatinComponent.Street));
    }

    [Fact]
    public void Parse_HighwaysJoinedByAnd_NumberAfterAndIsASecondStreet()
    {
        const string input = "Hwys 12 and 45, Lodi, WI 53555";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal(["Hwys 12", "45"], Texts(input, parse, LatinComponent.Street));
        Assert.Equal("Lodi", Text(input, parse, LatinComponent.City));
    }

    [Theory]
    [InlineData("One Harbor Plaza 410 Bay Street, Suite 9, Tampa, FL 33602", "One Harbor Plaza", "410", "Bay Street")]
    [InlineData("800 Grove Pl 120 S Oak St, Tampa, FL 33602", "800 Grove Pl", "120", "S Oak St")]
    [InlineData("15 Cedar Ave NE 300 Lake Square, Tampa, FL 33602", "300 Lake Square", "15", "Cedar Ave NE")]
    public void Parse_TwoNumberedLines_OneIsTheBuilding(string input, string building, string house, string street)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(building, Text(input, parse, LatinComponent.Building));
        Assert.Equal(house, Text(input, parse, LatinComponent.HouseNumber));
        Assert.Equal(street, Text(input, parse, LatinComponent.Street));
        Assert.DoesNotContain(house, Texts(input, parse, LatinComponent.Unit));
    }

    [Theory]
    [InlineData("4 Summit Tower, 9th Floor, Reno, NV 89501", "4 Summit Tower")]
    [InlineData("12 Harbor Bank Bldg 89501", "12 Harbor Bank Bldg")]
    public void Parse_NumberedTowerLine_IsABuilding(string input, string building)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(building, Text(input, parse, LatinComponent.Building));
        Assert.Null(Text(input, parse, LatinComponent.Street));
        Assert.Null(Text(input, parse, LatinComponent.HouseNumber));
    }

    [Fact]
    public void Parse_PlaceLineOpenedByNumberWord_IsABuilding()
    {
        const string input = "Two Harbor Center, Suite 410";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Two Harbor Center", Text(input, parse, LatinComponent.Building));
        Assert.Equal("Suite 410", Text(input, parse, LatinComponent.Unit));
        Assert.Null(Text(input, parse, LatinComponent.Street));
    }

    [Fact]
    public void Parse_PlaceLineBeforeUnitAndNumberedStreet_IsABuilding()
    {
        const string input = "12 elm plaza, suite 3, 12 grove st., nw";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("12 elm plaza", Text(input, parse, LatinComponent.Building));
        Assert.Equal("suite 3", Text(input, parse, LatinComponent.Unit));
        Assert.Equal("12", Text(input, parse, LatinComponent.HouseNumber));
        Assert.Equal("grove st., nw", Text(input, parse, LatinComponent.Street));
    }

    [Fact]
    public void Parse_NameWithTrailingNumberAfterUnit_IsABuilding()
    {
        const string input = "400 Lenox Road Suite 12, Parkside 2";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Parkside 2", Text(input, parse, LatinComponent.Building));
        Assert.Null(Text(input, parse, LatinComponent.Recipient));
    }

    [Fact]
    public void Parse_SameStreetWrittenTwice_GivesTwoStreets()
    {
        const string input = "12 Birch St 12 Birch Street Boise ID 83702";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal(["Birch St", "Birch Street"], Texts(input, parse, LatinComponent.Street));
        Assert.Null(Text(input, parse, LatinComponent.Building));
    }

    [Theory]
    [InlineData("88 Lake Rd, 204 b, Naperville IL 60540", "204 b")]
    [InlineData("9 W. Main (m/c 220) rm. 14", "m/c 220")]
    [InlineData("PO Box 77 Dept 310 445566 Omaha NE 68101", "Dept 310 445566")]
    public void Parse_UnitForms_AreOneUnit(string input, string unit)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(unit, Text(input, parse, LatinComponent.Unit));
    }

    [Theory]
    [InlineData("PO Box 9, Annex # 3; Austin, TX 78701", "Annex # 3")]
    [InlineData("ref no 5521 po box 7 austin tx 78701", "ref no 5521")]
    [InlineData("5 Oak St, 3rd floor board room, Austin, TX 78701", "3rd floor board room")]
    public void Parse_NamedNumbersAndRooms_JoinTheUnit(string input, string unit)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(unit, Text(input, parse, LatinComponent.Unit));
    }

    [Fact]
    public void Parse_NumberSignAfterStreetType_DoesNotTakeTheStreetWord()
    {
        const string input = "5 Oak Road # 4, Austin, TX 78701";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Oak Road", Text(input, parse, LatinComponent.Street));
        Assert.Equal("# 4", Text(input, parse, LatinComponent.Unit));
    }

    [Fact]
    public void Parse_DirectionalBetweenTwoStreetTypes_StaysInsideTheStreet()
    {
        const string input = "400 fox run north rd smalltown ar 72103";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("fox run north rd", Text(input, parse, LatinComponent.Street));
        Assert.Equal("smalltown", Text(input, parse, LatinComponent.City));
    }

    [Fact]
    public void Parse_DesignatorHyphenIdentifier_IsAUnit()
    {
        const string input = "9 Main St Bld-C Flr 2, Naperville IL 60540";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Main St", Text(input, parse, LatinComponent.Street));
        Assert.Equal(["Bld-C", "Flr 2"], Texts(input, parse, LatinComponent.Unit));
    }

    [Fact]
    public void Parse_NumberAfterRoadAndComma_IsUnitNotRouteNumber()
    {
        const string input = "88 Lake Road, 12, Naperville IL 60540";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Lake Road", Text(input, parse, LatinComponent.Street));
        Assert.Equal("12", Text(input, parse, LatinComponent.Unit));
    }

    [Fact]
    public void Parse_RuralBoxWithLetterBeforeCity_KeepsLetterInBox()
    {
        const string input = "rr 3 box 17 c elgin il 60120";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("rr 3 box 17 c", Text(input, parse, LatinComponent.PoBox));
        Assert.Equal("elgin", Text(input, parse, LatinComponent.City));
    }

    [Theory]
    [InlineData("Customer # 77-001 PO Box 500 Reno NV 89501", "Customer # 77-001")]
    [InlineData("J K Doe RR 2 Box 5 Ames IA 50010", "J K Doe")]
    [InlineData("Mary Roe, Roe Brothers, Inc., 5 Main St, Ames, IA 50010", "Mary Roe, Roe Brothers, Inc.")]
    [InlineData("Office of the County Attorney, 5 Main St, Ames, IA 50010", "Office of the County Attorney")]
    public void Parse_Recipients_AreRecognized(string input, string recipient)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(recipient, string.Join(", ", Texts(input, parse, LatinComponent.Recipient)));
        Assert.Null(Text(input, parse, LatinComponent.Building));
    }

    [Fact]
    public void Parse_LoneOrganizationWordSegment_IsRecipientNotStreet()
    {
        const string input = "Harbor Foods, Inc. PO Box 12 Norfolk VA 23501";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal(["Harbor Foods", "Inc."], Texts(input, parse, LatinComponent.Recipient));
        Assert.Null(Text(input, parse, LatinComponent.Street));
    }

    [Theory]
    [InlineData("9 Elm Road attn: lockbox # 5521 Dayton OH 45402", "attn: lockbox # 5521", null)]
    [InlineData("9 Elm Road c/o acme lockbox 5521 Dayton OH 45402", "c/o acme", "lockbox 5521")]
    public void Parse_LockboxInAnAttentionLine_StaysInTheRecipient(string input, string recipient, string? box)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(recipient, Text(input, parse, LatinComponent.Recipient));
        Assert.Equal(box, Text(input, parse, LatinComponent.PoBox));
    }

    [Theory]
    [InlineData("&")]
    [InlineData("and and and")]
    [InlineData("Corner of")]
    [InlineData("Jct")]
    [InlineData("1 Main St NE , , , Tower")]
    [InlineData("Bld-")]
    [InlineData("box 1 a")]
    [InlineData("Customer #")]
    [InlineData("12 \u0001Main\u0007 St\u0000 NE Tower Place")]
    [InlineData("12 Main St 北京 Tower Place, Москва")]
    public void Parse_BadInputOnNewPaths_NeverThrowsAndSpansStayInside(string input)
    {
        var parse = UsAddressParser.Parse(input);

        AssertOrderedInside(input, parse);
    }

    [Fact]
    public void Parse_TenKilobytesOfIntersections_NeverThrows()
    {
        var input = string.Concat(Enumerable.Repeat("12 Oak St NE Tower Place & ", 400));

        var parse = UsAddressParser.Parse(input);

        Assert.True(input.Length > 10_000);
        Assert.All(parse.Spans, s => Assert.True(s.Start + s.Length <= input.Length));
    }
}
