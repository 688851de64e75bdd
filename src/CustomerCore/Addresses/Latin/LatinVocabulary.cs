using System.Collections.Frozen;

namespace CustomerCore.Addresses.Latin;

/// <summary>Holds the small fixed word lists of the Latin-script parser (USPS Pub 28 C2 units, directionals, PO box forms).</summary>
internal static class LatinVocabulary
{
    /// <summary>Maps directional spellings to the USPS form (NORTH → N, N → N, NORTHEAST → NE).</summary>
    public static readonly FrozenDictionary<string, string> Directionals = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["N"] = "N", ["S"] = "S", ["E"] = "E", ["W"] = "W", ["NE"] = "NE", ["NW"] = "NW", ["SE"] = "SE", ["SW"] = "SW",
        ["NORTH"] = "N", ["SOUTH"] = "S", ["EAST"] = "E", ["WEST"] = "W", ["NORTHEAST"] = "NE", ["NORTHWEST"] = "NW",
        ["SOUTHEAST"] = "SE", ["SOUTHWEST"] = "SW", ["NO"] = "N", ["SO"] = "S",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Maps secondary unit designators (Pub 28 C2 and common spellings) to the USPS abbreviation.</summary>
    public static readonly FrozenDictionary<string, string> Units = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["APT"] = "APT", ["APARTMENT"] = "APT", ["APTS"] = "APT", ["AP"] = "APT", ["APPT"] = "APT",
        ["STE"] = "STE", ["SUITE"] = "STE", ["SUIT"] = "STE", ["SUTE"] = "STE", ["UNIT"] = "UNIT", ["UNT"] = "UNIT",
        ["RM"] = "RM", ["ROOM"] = "RM", ["FL"] = "FL", ["FLR"] = "FL", ["FLOOR"] = "FL", ["BLDG"] = "BLDG", ["BLD"] = "BLDG",
        ["BUILDING"] = "BLDG", ["BDG"] = "BLDG", ["DEPT"] = "DEPT", ["DEPARTMENT"] = "DEPT", ["OFC"] = "OFC", ["OFFICE"] = "OFC",
        ["LOT"] = "LOT", ["TRLR"] = "TRLR", ["TRAILER"] = "TRLR", ["SPC"] = "SPC", ["SPACE"] = "SPC", ["PH"] = "PH",
        ["PENTHOUSE"] = "PH", ["PIER"] = "PIER", ["SLIP"] = "SLIP", ["HNGR"] = "HNGR", ["HANGER"] = "HNGR", ["HANGAR"] = "HNGR",
        ["BSMT"] = "BSMT", ["BASEMENT"] = "BSMT", ["LBBY"] = "LBBY", ["LOBBY"] = "LBBY", ["FRNT"] = "FRNT", ["REAR"] = "REAR",
        ["LOWR"] = "LOWR", ["LOWER"] = "LOWR", ["UPPR"] = "UPPR", ["UPPER"] = "UPPR", ["#"] = "#", ["NUM"] = "#",
        ["WING"] = "WING", ["FLAT"] = "FLAT", ["PMB"] = "PMB", ["PBM"] = "PMB", ["MSC"] = "MSC", ["BIN"] = "BIN", ["FILE"] = "FILE", ["MAILBOX"] = "MAILBOX", ["BLG"] = "BLDG", ["CONDO"] = "CONDO", ["MS"] = "MS", ["MC"] = "MC", ["M/C"] = "MC", ["MEZZANINE"] = "MEZZ", ["MEZZ"] = "MEZZ", ["MEZZAINE"] = "MEZZ",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Lists unit designators that stand alone without an identifier.</summary>
    public static readonly FrozenSet<string> StandaloneUnits =
        new[] { "BSMT", "BASEMENT", "LBBY", "LOBBY", "REAR", "PH", "PENTHOUSE", "LOWR", "UPPR", "FRNT", "MEZZANINE", "MEZZ", "MEZZAINE" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Maps ordinal words to numbers, for floors written as words (<c>Second Floor</c>).</summary>
    public static readonly FrozenDictionary<string, string> OrdinalWords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["FIRST"] = "1", ["SECOND"] = "2", ["THIRD"] = "3", ["FOURTH"] = "4", ["FIFTH"] = "5", ["SIXTH"] = "6",
        ["SEVENTH"] = "7", ["EIGHTH"] = "8", ["NINTH"] = "9", ["TENTH"] = "10", ["GROUND"] = "G", ["TOP"] = "TOP",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Lists words that name a number when used as a house number (<c>One Busch Place</c>).</summary>
    public static readonly FrozenSet<string> NumberWords =
        new[] { "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "TWENTY", "THIRTY", "FORTY", "FIFTY", "HUNDRED" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lists street types written before the name (<c>Avenue H</c>, <c>Highway 1</c>, <c>FM 998</c>).</summary>
    public static readonly FrozenSet<string> RouteTypes = new[]
    {
        "HWY", "HIGHWAY", "ROUTE", "RTE", "RT", "FM", "SR", "CR", "RD", "ROAD", "INTERSTATE", "I", "US", "HWAY", "PIKE",
        "STATE", "COUNTY", "RANCH", "RR", "AVENUE", "AVE", "BOX", "LANE", "LN", "SH", "USHWY", "LOOP", "SPUR", "BUSINESS", "BUS",
        "HWYS", "HIGHWAYS", "RTS", "ROUTES",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lists words that open a recipient (<c>Attn:</c>, <c>c/o</c>).</summary>
    public static readonly FrozenSet<string> RecipientCues =
        new[] { "ATTN", "ATTENTION", "C/O", "C/0", "CLO" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lists words that open a recipient line when a number sign or "No" follows (<c>Customer # 55-0037082</c>).</summary>
    public static readonly FrozenSet<string> AccountCues =
        new[] { "CUSTOMER", "CLIENT", "MEMBER", "ACCOUNT", "INVOICE" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lists words that open an intersection or landmark description without being part of a street (<c>Jct 4 &amp; 13</c>).</summary>
    public static readonly FrozenSet<string> JunctionWords =
        new[] { "CORNER", "JCT", "JUNCTION", "CRSRDS", "CROSSROADS", "INTERSECTION" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lists words that mark an organization name (recipient rather than building).</summary>
    public static readonly FrozenSet<string> OrganizationWords = new[]
    {
        "INC", "LLC", "LLP", "LTD", "CORP", "CORPORATION", "CO", "COMPANY", "PC", "PA", "PLLC", "LP", "GROUP", "FOUNDATION",
        "ASSOCIATION", "ASSOCIATES", "SERVICES", "SERVICE", "BANK", "AUTHORITY", "DEPARTMENT", "COMMITTEE", "PAC", "MD", "DDS",
        "JR", "SR", "MR", "MRS", "MS", "DR", "INSURANCE", "SUPPLY", "FOODS", "&", "AND", "ADMINISTRATION", "DIVISION", "OFFICES",
        "COUNSEL", "ATTY", "ATTORNEY", "ATTORNEYS", "BROTHERS", "BROS", "DEPT", "PROGRAMS", "INCORPORATED", "PARTNERS", "ENTERPRISES",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lists words that mark a building or landmark name.</summary>
    public static readonly FrozenSet<string> BuildingWords = new[]
    {
        "CENTER", "CENTRE", "CTR", "TOWER", "TOWERS", "PLAZA", "BUILDING", "BLDG", "AIRPORT", "MALL", "SQUARE", "STATION",
        "HOSPITAL", "FIELD", "HALL", "COMPLEX", "UNIVERSITY", "COLLEGE", "SCHOOL", "ARENA", "STADIUM", "APARTMENTS", "APTS",
        "TOWNHOMES", "CONDOMINIUMS", "CONDOS", "COURTYARD", "MANOR", "VILLAGE", "PAVILION", "OFFICE", "TERMINAL", "PARK", "COVE",
        "COMMONS", "GARDENS", "FLATS", "LOFTS", "VILLAS", "RESIDENCES", "SQ", "MARKETPLACE",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lists words that, before a place word, name a commercial site (<c>Industrial Park</c>, <c>Shopping Center</c>).</summary>
    public static readonly FrozenSet<string> CommerceWords = new[]
    {
        "INDUSTRIAL", "BUSINESS", "OFFICE", "CORPORATE", "TECHNOLOGY", "RESEARCH", "SHOPPING", "MEDICAL", "COMMERCE", "TRADE",
        "FINANCIAL", "PROFESSIONAL", "EXECUTIVE", "INDUSTRY", "COMMERCIAL",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Maps country spellings to ISO 3166-1 alpha-2 codes.</summary>
    public static readonly FrozenDictionary<string, string> Countries = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["US"] = "US", ["USA"] = "US", ["U S A"] = "US", ["U S"] = "US", ["UNITED STATES"] = "US", ["UNITED STATES OF AMERICA"] = "US",
        ["AMERICA"] = "US", ["CANADA"] = "CA", ["UK"] = "GB", ["UNITED KINGDOM"] = "GB", ["GREAT BRITAIN"] = "GB", ["ENGLAND"] = "GB",
        ["SCOTLAND"] = "GB", ["WALES"] = "GB", ["GB"] = "GB", ["GERMANY"] = "DE", ["DEUTSCHLAND"] = "DE", ["FRANCE"] = "FR",
        ["AUSTRALIA"] = "AU", ["NEW ZEALAND"] = "NZ", ["IRELAND"] = "IE", ["NETHERLANDS"] = "NL", ["THE NETHERLANDS"] = "NL",
        ["SPAIN"] = "ES", ["ESPANA"] = "ES", ["ITALY"] = "IT", ["ITALIA"] = "IT", ["AUSTRIA"] = "AT", ["OSTERREICH"] = "AT",
        ["SWITZERLAND"] = "CH", ["SCHWEIZ"] = "CH", ["SUISSE"] = "CH", ["BELGIUM"] = "BE", ["BELGIQUE"] = "BE", ["MEXICO"] = "MX",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Lists the last words of the country spellings, to skip the phrase lookups for most addresses.</summary>
    public static readonly FrozenSet<string> CountryLastWords = Countries.Keys.Select(k => k[(k.LastIndexOf(' ') + 1)..]).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lists the Canadian province and territory codes.</summary>
    public static readonly FrozenSet<string> CanadianProvinces = new[]
    {
        "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lists the Australian state and territory codes.</summary>
    public static readonly FrozenSet<string> AustralianStates =
        new[] { "NSW", "VIC", "QLD", "SA", "WA", "TAS", "ACT", "NT" }.ToFrozenSet(StringComparer.Ordinal);
}
