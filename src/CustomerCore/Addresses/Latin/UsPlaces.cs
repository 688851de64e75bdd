using System.IO.Compression;
using System.Reflection;

namespace CustomerCore.Addresses.Latin;

/// <summary>Holds one US state: USPS code, FIPS code and name.</summary>
internal sealed record UsState(string Code, string Fips, string Name);

/// <summary>Loads the embedded US reference data (USPS suffixes, states, GeoNames cities) once, lazily.</summary>
/// <remarks>Keys are upper case with periods removed and words separated by one space; city keys also expand
/// the usual abbreviations (St → Saint, Ft → Fort, W → West) so that <c>St. Louis</c> and <c>Saint Louis</c> meet.</remarks>
internal sealed class UsPlaces
{
    public const string ResourceName = "CustomerCore.Addresses.Latin.us-places.txt.gz";

    private static readonly Lazy<UsPlaces> s_instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Dictionary<string, string> s_cityWordExpansions = new(StringComparer.Ordinal)
    {
        ["ST"] = "SAINT", ["STE"] = "SAINTE", ["FT"] = "FORT", ["MT"] = "MOUNT", ["PT"] = "POINT",
        ["N"] = "NORTH", ["S"] = "SOUTH", ["E"] = "EAST", ["W"] = "WEST", ["SPGS"] = "SPRINGS", ["SPG"] = "SPRINGS",
        ["HTS"] = "HEIGHTS", ["BCH"] = "BEACH", ["CTY"] = "CITY", ["PK"] = "PARK", ["VLG"] = "VILLAGE", ["LK"] = "LAKE",
        ["JCT"] = "JUNCTION", ["TWP"] = "TOWNSHIP", ["IS"] = "ISLAND", ["HBR"] = "HARBOR", ["CTR"] = "CENTER",
    };

    private UsPlaces()
    {
    }

    /// <summary>Gets the shared instance (loaded on first use).</summary>
    public static UsPlaces Instance => s_instance.Value;

    /// <summary>Gets suffix spellings (AVENUE, AV, AVE) → USPS abbreviation (AVE).</summary>
    public Dictionary<string, string> Suffixes { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets state spellings (GA, GEORGIA, N Y, CALIF) → state.</summary>
    public Dictionary<string, UsState> States { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets city keys per state code → the GeoNames spelling.</summary>
    public Dictionary<string, Dictionary<string, string>> CitiesByState { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets city keys in any state → the GeoNames spelling.</summary>
    public Dictionary<string, string> AllCities { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the keys of cities with 100,000 people or more (safe to recognise without a state).</summary>
    public HashSet<string> BigCities { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the number of words of the longest city name.</summary>
    public int MaxCityWords { get; private set; }

    /// <summary>Builds the comparison key of a city name: upper case, periods dropped, hyphens as spaces, abbreviations expanded.</summary>
    public static string CityKey(string name)
    {
        var cut = name.IndexOf('(', StringComparison.Ordinal);
        if (cut > 0)
        {
            name = name[..cut];
        }

        var words = name.ToUpperInvariant().Replace(".", string.Empty, StringComparison.Ordinal).Replace('-', ' ')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (s_cityWordExpansions.TryGetValue(words[i], out var expanded))
            {
                words[i] = expanded;
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>Expands one upper-case word the way <see cref="CityKey"/> does.</summary>
    public static string ExpandCityWord(string word) => s_cityWordExpansions.TryGetValue(word, out var expanded) ? expanded : word;

    private static UsPlaces Load()
    {
        var places = new UsPlaces();
        using var stream = typeof(UsPlaces).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The embedded US place data is missing.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var section = string.Empty;
        var suffixVariants = new List<(string Variant, string Abbreviation)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                section = line;
                continue;
            }

            var parts = line.Split('|');
            switch (section)
            {
                case "#suffix":
                    places.Suffixes[parts[0]] = parts[0];
                    for (var i = 1; i < parts.Length; i++)
                    {
                        suffixVariants.Add((parts[i], parts[0]));
                    }

                    break;
                case "#state":
                    var state = new UsState(parts[0], parts[1], parts[2]);
                    places.States[parts[0]] = state;
                    for (var i = 3; i < parts.Length; i++)
                    {
                        places.States.TryAdd(parts[i], state);
                    }

                    break;
                case "#city":
                    var map = new Dictionary<string, string>(parts.Length, StringComparer.Ordinal);
                    for (var i = 1; i < parts.Length; i++)
                    {
                        var big = parts[i].StartsWith('*');
                        var name = big ? parts[i][1..] : parts[i];
                        var key = CityKey(name);
                        if (key.Length == 0)
                        {
                            continue;
                        }

                        var canonical = name;
                        if (big)
                        {
                            places.BigCities.Add(key);
                        }

                        var cut = canonical.IndexOf('(', StringComparison.Ordinal);
                        canonical = cut > 0 ? canonical[..cut].TrimEnd() : canonical;
                        map.TryAdd(key, canonical);
                        places.AllCities.TryAdd(key, canonical);
                        places.MaxCityWords = Math.Max(places.MaxCityWords, key.Count(c => c == ' ') + 1);

                        // "Washington, D.C.": the part before the comma is how the city is written in addresses.
                        var comma = canonical.IndexOf(',', StringComparison.Ordinal);
                        if (comma > 0)
                        {
                            var head = canonical[..comma].TrimEnd();
                            var headKey = CityKey(head);
                            if (headKey.Length > 0)
                            {
                                map.TryAdd(headKey, head);
                                places.AllCities.TryAdd(headKey, head);
                                if (big)
                                {
                                    places.BigCities.Add(headKey);
                                }
                            }
                        }
                    }

                    places.CitiesByState[parts[0]] = map;
                    break;
                default:
                    break;
            }
        }

        // Primary names and abbreviations win over the looser variant spellings when two suffixes share one.
        foreach (var (variant, abbreviation) in suffixVariants)
        {
            places.Suffixes.TryAdd(variant, abbreviation);
        }

        if (places.CitiesByState.TryGetValue("NY", out var ny))
        {
            foreach (var alias in (string[])["NYC", "NEW YORK"])
            {
                ny.TryAdd(alias, "New York");
                places.AllCities.TryAdd(alias, "New York");
                places.BigCities.Add(alias);
            }
        }

        return places;
    }
}
