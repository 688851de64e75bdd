using System.Text.Json;
using CustomerCore.Customers;

namespace CustomerCore.TestSupport;

/// <summary>Compares records field by field, including nested lists and dictionaries (records compare lists by reference).</summary>
public static class CustomerAssert
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>Asserts two customers hold the same values; attribute order is ignored, list order is not.</summary>
    public static void Equal(Customer expected, Customer actual, bool ignoreVersion = true)
    {
        Assert.Equal(Canonical(expected, ignoreVersion), Canonical(actual, ignoreVersion));
    }

    /// <summary>Asserts two records of any type serialize to the same JSON.</summary>
    public static void SameJson<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, s_json), JsonSerializer.Serialize(actual, s_json));

    private static string Canonical(Customer c, bool ignoreVersion)
    {
        var normalized = c with
        {
            Attributes = new SortedDictionary<string, string>(c.Attributes.ToDictionary(), StringComparer.Ordinal),
            Version = ignoreVersion ? 0 : c.Version,
        };
        return JsonSerializer.Serialize(normalized, s_json);
    }
}
