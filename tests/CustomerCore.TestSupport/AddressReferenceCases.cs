using System.Text.Json;
using CustomerCore.Addresses;

namespace CustomerCore.TestSupport;

/// <summary>Runs the published test cases of cpca and JioNLP against a standardizer (shared by the tests and the evaluator).</summary>
/// <remarks>Both compare on meaning, not spelling: cpca writes a municipality's city as "市辖区" or leaves it empty (we write the municipality);
/// JioNLP names a development zone without its city prefix ("经济技术开发区" for 秦皇岛市经济技术开发区).</remarks>
public static class AddressReferenceCases
{
    /// <summary>Checks cpca's cases: province, city, district, adcode and the positions where each was found.</summary>
    /// <param name="standardizer">The standardizer under test.</param>
    /// <returns>Every case with whether it passed.</returns>
    public static IReadOnlyList<(string Input, bool Passed)> Cpca(IAddressStandardizer standardizer)
    {
        ArgumentNullException.ThrowIfNull(standardizer);
        var results = new List<(string, bool)>();
        foreach (var line in File.ReadLines(SharedData.PathOf("address", "cn_cpca", "cpca_test_cases.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var input = doc.RootElement.GetProperty("input").GetString()!;
            var hints = new AddressHints();
            if (doc.RootElement.GetProperty("options").TryGetProperty("umap", out var umap))
            {
                hints = hints with { PreferredCodes = [.. umap.EnumerateObject().Select(p => p.Value.GetString()!)] };
            }

            var e = doc.RootElement.GetProperty("expected");
            var r = standardizer.Standardize(input, hints);
            var province = e.GetProperty("province").GetString();
            var city = e.GetProperty("city").GetString();
            var district = e.GetProperty("district").GetString();
            var adcode = e.GetProperty("adcode").GetString();
            // A bare municipality (天津市): cpca leaves the city empty, we always complete it as the municipality (as JioNLP does).
            var bareMunicipality = city is null && district is null && province is "北京市" or "天津市" or "上海市" or "重庆市";
            var ok = r.Get(AddressComponentKind.Region)?.Value == province
                && (city == "市辖区" || bareMunicipality ? r.Get(AddressComponentKind.City)?.Value == province : r.Get(AddressComponentKind.City)?.Value == city)
                && (district == "市辖区" ? r.Get(AddressComponentKind.District) is null : r.Get(AddressComponentKind.District)?.Value == district);
            var code = r.Get(AddressComponentKind.District)?.Code ?? r.Get(AddressComponentKind.City)?.Code ?? r.Get(AddressComponentKind.Region)?.Code;
            ok &= district == "市辖区" || bareMunicipality ? code == adcode![..2] + (bareMunicipality ? "0100" : adcode[2..4] + "00") : code == adcode;
            ok &= (r.Get(AddressComponentKind.Region)?.Start ?? -1) == e.GetProperty("province_pos").GetInt32();
            ok &= city == "市辖区" || (r.Get(AddressComponentKind.City)?.Start ?? -1) == e.GetProperty("city_pos").GetInt32();
            ok &= (r.Get(AddressComponentKind.District)?.Start ?? -1) == (district == "市辖区" ? -1 : e.GetProperty("district_pos").GetInt32());
            results.Add((input, ok));
        }

        return results;
    }

    /// <summary>Checks JioNLP's parse_location cases: province, city, county and (where given) town.</summary>
    /// <param name="standardizer">The standardizer under test.</param>
    /// <returns>Every case with whether it passed.</returns>
    public static IReadOnlyList<(string Input, bool Passed)> Jionlp(IAddressStandardizer standardizer)
    {
        ArgumentNullException.ThrowIfNull(standardizer);
        var results = new List<(string, bool)>();
        foreach (var line in File.ReadLines(SharedData.PathOf("address", "cn_jionlp_cases", "location_parser_cases.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var input = doc.RootElement.GetProperty("input").GetString()!;
            var e = doc.RootElement.GetProperty("expected");
            string? Str(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var r = standardizer.Standardize(input);
            var city = r.Get(AddressComponentKind.City)?.Value;
            var county = r.Get(AddressComponentKind.District)?.Value;
            var ok = r.Get(AddressComponentKind.Region)?.Value == Str("province")
                && city == Str("city")
                && (county == Str("county") || (county is not null && city is not null && Str("county") is { } c && county == city + c));
            if (Str("town") is { } town)
            {
                ok &= r.Get(AddressComponentKind.Town)?.Value == town;
            }

            results.Add((input, ok));
        }

        return results;
    }
}
