using System.Text;
using System.Text.Json;
using CustomerCore.Addresses.Latin;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Addresses.Latin;

public sealed class UsAddressParserTests
{
    private static string? Text(string input, LatinParse parse, LatinComponent component)
    {
        foreach (var span in parse.Spans)
        {
            if (span.Component == component)
            {
                return input.Substring(span.Start, span.Length);
            }
        }

        return null;
    }

    private static string? Value(LatinParse parse, LatinComponent component)
    {
        foreach (var span in parse.Spans)
        {
            if (span.Component == component)
            {
                return span.Value;
            }
        }

        return null;
    }

    [Fact]
    public void Parse_IssueExampleWithUnit_LabelsEveryComponentWithUspsValues()
    {
        const string input = "431 Marietta St NW Apt 5, Atlanta GA 30313";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("431", Text(input, parse, LatinComponent.HouseNumber));
        Assert.Equal("Marietta St NW", Text(input, parse, LatinComponent.Street));
        Assert.Equal("Marietta St NW", Value(parse, LatinComponent.Street));
        Assert.Equal("Apt 5", Text(input, parse, LatinComponent.Unit));
        Assert.Equal("Apt 5", Value(parse, LatinComponent.Unit));
        Assert.Equal("Atlanta", Text(input, parse, LatinComponent.City));
        Assert.Equal("GA", Text(input, parse, LatinComponent.Region));
        Assert.Equal("30313", Value(parse, LatinComponent.Postcode));
        Assert.Equal("US", parse.CountryCode);
        Assert.Equal("GA", parse.RegionCode);
        Assert.Equal("13", parse.RegionFips);
    }

    [Fact]
    public void Parse_LowerCaseWithoutCommas_FindsCityBeforeStateFromGazetteer()
    {
        const string input = "1600 pennsylvania ave. washington dc";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("1600", Text(input, parse, LatinComponent.HouseNumber));
        Assert.Equal("pennsylvania ave.", Text(input, parse, LatinComponent.Street));
        Assert.Equal("Pennsylvania Ave", Value(parse, LatinComponent.Street));
        Assert.Equal("washington", Text(input, parse, LatinComponent.City));
        Assert.Equal("Washington", Value(parse, LatinComponent.City));
        Assert.Equal("DC", parse.RegionCode);
        Assert.Equal("11", parse.RegionFips);
        Assert.Contains(parse.Changes, c => c.Component == LatinComponent.Street && c.Kind == "normalized" && c.From == "pennsylvania ave." && c.To == "Pennsylvania Ave");
    }

    [Theory]
    [InlineData("1600 Pennsylvania Avenue Northwest, Washington, DC 20500", "Pennsylvania Ave NW")]
    [InlineData("100 North Main Street, Springfield, IL 62701", "N Main St")]
    [InlineData("9912 S. Avenue H", "S Avenue H")]
    [InlineData("5 EAST 5TH BOULEVARD", "E 5th Blvd")]
    public void Parse_StreetVariants_StandardizesToPublication28(string input, string expected)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(expected, Value(parse, LatinComponent.Street));
    }

    [Theory]
    [InlineData("123 Main St Ste 200, Dallas, TX 75201", "Ste 200", "Ste 200")]
    [InlineData("123 Main St Suite 200, Dallas, TX 75201", "Suite 200", "Ste 200")]
    [InlineData("123 Main St # 12, Dallas, TX 75201", "# 12", "# 12")]
    [InlineData("123 Main St Unit B, Dallas, TX 75201", "Unit B", "Unit B")]
    [InlineData("123 Main St 3rd Floor, Dallas, TX 75201", "3rd Floor", "Fl 3")]
    [InlineData("123 Main St Apartment 4C, Dallas, TX 75201", "Apartment 4C", "Apt 4C")]
    public void Parse_UnitDesignators_SpanTypeAndIdentifier(string input, string text, string value)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(text, Text(input, parse, LatinComponent.Unit));
        Assert.Equal(value, Value(parse, LatinComponent.Unit));
        Assert.Equal("Main St", Value(parse, LatinComponent.Street));
        Assert.Equal("Dallas", Value(parse, LatinComponent.City));
    }

    [Theory]
    [InlineData("P.O. Box 123, Anchorage, AK 99501", "P.O. Box 123", "PO Box 123")]
    [InlineData("PO Box 123 Anchorage AK 99501", "PO Box 123", "PO Box 123")]
    [InlineData("p o box 902 south bend in 46634", "p o box 902", "PO Box 902")]
    [InlineData("Post Office Box 40177", "Post Office Box 40177", "PO Box 40177")]
    [InlineData("RR 1 Box 297, Monee, IL 60449", "RR 1 Box 297", "RR 1 Box 297")]
    public void Parse_PoBoxes_NormalizesToUspsForm(string input, string text, string value)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(text, Text(input, parse, LatinComponent.PoBox));
        Assert.Equal(value, Value(parse, LatinComponent.PoBox));
        Assert.Null(Text(input, parse, LatinComponent.HouseNumber));
    }

    [Theory]
    [InlineData("1 Main St, Albany, N.Y. 12207", "NY", "36")]
    [InlineData("1 Main St, Fresno, Calif 93721", "CA", "06")]
    [InlineData("1 Main St, Fresno, California 93721", "CA", "06")]
    [InlineData("168 Wolf Road Albany New York 12205", "NY", "36")]
    [InlineData("100 N 17th street, Phila District of Columbia 19103", "DC", "11")]
    public void Parse_StateVariants_MapToUspsCodeAndFips(string input, string code, string fips)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(code, parse.RegionCode);
        Assert.Equal(fips, parse.RegionFips);
        Assert.Equal(code, Value(parse, LatinComponent.Region));
    }

    [Theory]
    [InlineData("1 Main St, Dallas, TX 75201-1234", "75201-1234")]
    [InlineData("1 Main St, Dallas, TX 752011234", "75201-1234")]
    [InlineData("1 Main St, Dallas, TX 75201", "75201")]
    public void Parse_ZipAndZipPlus4_AreOnePostcode(string input, string expected)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(expected, Value(parse, LatinComponent.Postcode));
    }

    [Theory]
    [InlineData("123-B Main St, Dallas, TX 75201", "123-B")]
    [InlineData("123 1/2 Main St, Dallas, TX 75201", "123 1/2")]
    [InlineData("4922 B South Cornell Avenue, Chicago, IL 60615", "4922 B")]
    public void Parse_HouseNumberForms_KeepSuffixesAndFractions(string input, string expected)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(expected, Text(input, parse, LatinComponent.HouseNumber));
    }

    [Fact]
    public void Parse_RecipientAndCountry_AreLabelled()
    {
        const string input = "Attn: Jane Roe, 431 Marietta St NW, Atlanta, GA 30313, United States";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Attn: Jane Roe", Text(input, parse, LatinComponent.Recipient));
        Assert.Equal("United States", Text(input, parse, LatinComponent.Country));
        Assert.Equal("US", parse.CountryCode);
    }

    [Fact]
    public void Parse_CareOfAfterStreet_IsRecipient()
    {
        const string input = "6000 Feldwood Road c/o Acme Lockbox, College Park, GA 30349";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("c/o Acme Lockbox", Text(input, parse, LatinComponent.Recipient));
        Assert.Equal("College Park", Value(parse, LatinComponent.City));
    }

    [Fact]
    public void Parse_NameBetweenStreetAndCity_IsBuilding()
    {
        const string input = "1666 SE Lambert St Steeple Townhomes, Portland, OR 97202";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("SE Lambert St", Text(input, parse, LatinComponent.Street));
        Assert.Equal("Steeple Townhomes", Text(input, parse, LatinComponent.Building));
        Assert.Equal("Portland", Text(input, parse, LatinComponent.City));
    }

    [Fact]
    public void Parse_Intersection_GivesTwoStreets()
    {
        const string input = "79th St. & Joliet Rd.";

        var parse = UsAddressParser.Parse(input);

        var streets = parse.Spans.Where(s => s.Component == LatinComponent.Street).Select(s => input.Substring(s.Start, s.Length)).ToList();
        Assert.Equal(["79th St.", "Joliet Rd."], streets);
    }

    [Fact]
    public void Parse_DrawerBesidePoBox_DrawerIsUnit()
    {
        const string input = "drawer 368 po box 11407 birmingham al 35246";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("drawer 368", Text(input, parse, LatinComponent.Unit));
        Assert.Equal("po box 11407", Text(input, parse, LatinComponent.PoBox));
        Assert.Equal("Birmingham", Value(parse, LatinComponent.City));
    }

    [Theory]
    [InlineData("101 W. Grand Ave. 600, Chicago, IL 60654", "600")]
    [InlineData("2945 W. Harrison Suite100", "Suite100")]
    [InlineData("3665 Chesnut Drive, C-5", "C-5")]
    public void Parse_UnitWithoutSeparateDesignator_IsFound(string input, string unit)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(unit, Text(input, parse, LatinComponent.Unit));
    }

    [Theory]
    [InlineData("123 Oak Ct", null)]
    [InlineData("1180 Peachtree Street, NE", null)]
    [InlineData("465 pack lane cheshire ct", "CT")]
    public void Parse_AmbiguousStateCodes_NeedContext(string input, string? expected)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(expected, parse.RegionCode);
    }

    [Theory]
    [InlineData("24 Sussex Drive, Ottawa, ON K1M 1M4, Canada", "CA", "K1M 1M4", "ON")]
    [InlineData("10 Downing Street, London SW1A 2AA", "GB", "SW1A 2AA", null)]
    [InlineData("Unter den Linden 77, 10117 Berlin, Germany", "DE", "10117", null)]
    public void Parse_OtherCountries_DetectsPostcodeAndCountry(string input, string country, string postcode, string? region)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Equal(country, parse.CountryCode);
        Assert.Equal(postcode, Value(parse, LatinComponent.Postcode));
        Assert.Equal(region, parse.RegionCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",,,;;")]
    [InlineData("\u0000\u0001\u001f\t\r\n")]
    public void Parse_EmptyOrSeparatorsOnly_ReturnsEmptyParse(string input)
    {
        var parse = UsAddressParser.Parse(input);

        Assert.Empty(parse.Spans);
        Assert.Equal(0, parse.Confidence);
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        var act = () => UsAddressParser.Parse(null!);

        Assert.Throws<ArgumentNullException>(act);
    }

    public static TheoryData<string> OddInputs()
    {
        var random = new Random(7);
        var noise = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            noise.Append((char)random.Next(0, 0x3000));
        }

        return new TheoryData<string>
        {
            new string('9', 10_000),
            string.Concat(Enumerable.Repeat("123 Main St Apt 5, ", 600)),
            string.Concat(Enumerable.Repeat("# ", 5000)),
            "北京朝阳区建国路88号 431 Marietta St NW, Atlanta GA 30313",
            "431 Marietta\u0000St\u0007NW\u001b, Atlanta GA 30313",
            "P.O. Box",
            "Apt",
            "& & & and at",
            "-. / ' & - .",
            noise.ToString(),
        };
    }

    [Theory]
    [MemberData(nameof(OddInputs))]
    public void Parse_OddInput_NeverThrowsAndSpansAreOrderedDisjointSubstrings(string input)
    {
        var parse = UsAddressParser.Parse(input);

        AssertOrderedDisjoint(input, parse);
        Assert.InRange(parse.Confidence, 0, 1);
    }

    private static void AssertOrderedDisjoint(string input, LatinParse parse)
    {
        var previousEnd = 0;
        foreach (var span in parse.Spans)
        {
            Assert.True(span.Start >= previousEnd, "spans overlap or are out of order");
            Assert.True(span.Length > 0 && span.Start + span.Length <= input.Length);
            previousEnd = span.Start + span.Length;
        }
    }

    [Fact]
    public void Parse_MixedScripts_StillReadsTheLatinPart()
    {
        const string input = "北京 431 Marietta St NW, Atlanta GA 30313";

        var parse = UsAddressParser.Parse(input);

        Assert.Equal("Marietta St NW", Value(parse, LatinComponent.Street));
        Assert.Equal("30313", Value(parse, LatinComponent.Postcode));
    }

    [Fact]
    public void Parse_LabelledSlice_MeetsQualityFloor()
    {
        // The first 300 usaddress-labelled addresses with a ZIP: house number, street, city, state and ZIP span texts.
        var path = SharedData.PathOf("address", "usaddress", "training", "labeled.jsonl");
        int scored = 0, correct = 0;
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var text = doc.RootElement.GetProperty("text").GetString()!;
            var components = doc.RootElement.GetProperty("components");
            if (!components.TryGetProperty("ZipCode", out var zip) || !components.TryGetProperty("AddressNumber", out var number))
            {
                continue;
            }

            var parse = UsAddressParser.Parse(text);
            AssertOrderedDisjoint(text, parse);
            scored += 2;
            correct += Text(text, parse, LatinComponent.Postcode) == zip.GetString()!.Trim(',', ' ') ? 1 : 0;
            correct += Text(text, parse, LatinComponent.HouseNumber) == number.GetString()!.Trim(',', ' ') ? 1 : 0;
            if (components.TryGetProperty("PlaceName", out var city))
            {
                scored++;
                correct += Text(text, parse, LatinComponent.City) == city.GetString()!.Trim(',', ' ') ? 1 : 0;
            }

            if (scored >= 900)
            {
                break;
            }
        }

        Assert.True(scored >= 300, $"only {scored} labels scored");
        Assert.True(correct >= 0.9 * scored, $"{correct}/{scored} components correct");
    }
}
