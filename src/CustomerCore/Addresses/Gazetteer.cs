using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;

namespace CustomerCore.Addresses;

/// <summary>Lists the Chinese administrative levels the gazetteer holds above towns.</summary>
internal enum DivisionLevel : byte
{
    Province = 0,
    City = 1,
    District = 2,
}

/// <summary>Lists how a name in the trie refers to its division.</summary>
internal enum NameKind : byte
{
    Full = 0,
    Alias = 1,
    Old = 2,
}

/// <summary>Holds one Chinese division at province, prefecture or county level.</summary>
internal sealed class Division
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required DivisionLevel Level { get; init; }

    /// <summary>Gets the index of the province (self for provinces).</summary>
    public int Province { get; set; } = -1;

    /// <summary>Gets the index of the prefecture, or -1 (provinces, counties under a virtual prefecture).</summary>
    public int City { get; set; } = -1;

    public double Latitude { get; init; } = double.NaN;

    public double Longitude { get; init; } = double.NaN;

    public string? Postcode { get; init; }

    /// <summary>Gets a value indicating whether the division is Beijing, Tianjin, Shanghai or Chongqing (or one of their prefecture rows).</summary>
    public bool IsMunicipality { get; init; }
}

/// <summary>Holds one town or sub-district (乡镇/街道).</summary>
internal readonly record struct Town(string Code, string Name, double Latitude, double Longitude);

/// <summary>Holds one name of a division as stored in the trie.</summary>
internal readonly record struct NameEntry(int Division, NameKind Kind);

/// <summary>Maps names to divisions with a character trie (one hash lookup per character).</summary>
internal sealed class NameTrie
{
    private readonly Dictionary<long, int> _edges = new(capacity: 16_384);
    private readonly List<List<NameEntry>?> _values = [null];

    public void Add(string name, NameEntry entry)
    {
        var node = 0;
        foreach (var ch in name)
        {
            var key = ((long)node << 16) | ch;
            if (!_edges.TryGetValue(key, out var next))
            {
                next = _values.Count;
                _values.Add(null);
                _edges.Add(key, next);
            }

            node = next;
        }

        var list = _values[node] ??= [];
        foreach (var e in list)
        {
            if (e.Division == entry.Division)
            {
                return;
            }
        }

        list.Add(entry);
    }

    /// <summary>Writes every name that starts at <paramref name="start"/>, shortest first, into <paramref name="matches"/>.</summary>
    public void MatchesAt(ReadOnlySpan<char> text, int start, List<(int Length, List<NameEntry> Entries)> matches)
    {
        matches.Clear();
        var node = 0;
        for (var i = start; i < text.Length; i++)
        {
            if (!_edges.TryGetValue(((long)node << 16) | text[i], out node))
            {
                return;
            }

            if (_values[node] is { } found)
            {
                matches.Add((i - start + 1, found));
            }
        }
    }

    public int NodeCount => _values.Count;
}

/// <summary>Holds the embedded gazetteer: Chinese divisions and towns, US ZIP centroids and places, world cities, postcode patterns.</summary>
/// <remarks>Loaded once, lazily and thread-safely, from the embedded resource built by <c>eng/build-gazetteer.py</c>;
/// read-only afterwards, so every member is safe to use from many threads.</remarks>
internal sealed class Gazetteer
{
    private static readonly Lazy<Gazetteer> s_instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Gazetteer Instance => s_instance.Value;

    /// <summary>Gets a value indicating whether the gazetteer has been loaded already.</summary>
    public static bool IsLoaded => s_instance.IsValueCreated;

    public List<Division> Divisions { get; } = new(3_400);

    public Dictionary<string, int> ByCode { get; } = new(3_400, StringComparer.Ordinal);

    public NameTrie Names { get; } = new();

    /// <summary>Gets towns by the code of their county (or prefecture where there is no county level).</summary>
    public Dictionary<string, List<Town>> TownsByParent { get; } = new(3_400, StringComparer.Ordinal);

    /// <summary>Gets full names of divisions by (length, last character) for fuzzy correction.</summary>
    public Dictionary<(int Length, char Last), List<int>> FuzzyIndex { get; } = [];

    public Dictionary<string, (double Lat, double Lon)> UsZips { get; } = new(34_000, StringComparer.Ordinal);

    /// <summary>Gets US places keyed "STATE|lower-case name" (the most populous place of a name wins).</summary>
    public Dictionary<string, (double Lat, double Lon)> UsPlaces { get; } = new(17_000, StringComparer.Ordinal);

    /// <summary>Gets world cities keyed "CC|lower-case name".</summary>
    public Dictionary<string, (double Lat, double Lon)> WorldCities { get; } = new(25_000, StringComparer.Ordinal);

    /// <summary>Gets postcode patterns (libaddressinput) by ISO 3166-1 alpha-2 code.</summary>
    public Dictionary<string, string> PostcodePatterns { get; } = new(260, StringComparer.Ordinal);

    public double LoadMilliseconds { get; private set; }

    public int TownCount { get; private set; }

    private static Gazetteer Load()
    {
        var sw = Stopwatch.StartNew();
        var g = new Gazetteer();
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream("CustomerCore.Addresses.gazetteer.tsv.gz")
            ?? throw new InvalidOperationException("The embedded gazetteer resource is missing from the CustomerCore assembly.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var usPop = new Dictionary<string, long>(StringComparer.Ordinal);
        var worldPop = new Dictionary<string, long>(StringComparer.Ordinal);
        var olds = new List<string[]>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var f = line.Split('\t');
            switch (f[0])
            {
                case "P":
                    g.AddDivision(f[1], f[2], f[3], DivisionLevel.Province, null, f[4], f[5], null);
                    break;
                case "C":
                    g.AddDivision(f[1], f[3], f[4], DivisionLevel.City, f[2], f[5], f[6], null);
                    break;
                case "D":
                    g.AddDivision(f[1], f[3], f[4], DivisionLevel.District, f[2], f[5], f[6], f[7]);
                    break;
                case "T":
                    if (!g.TownsByParent.TryGetValue(f[2], out var towns))
                    {
                        towns = [];
                        g.TownsByParent.Add(f[2], towns);
                    }

                    towns.Add(new Town(f[1], f[3], ParseOrNaN(f[4]), ParseOrNaN(f[5])));
                    g.TownCount++;
                    break;
                case "O":
                    olds.Add(f);
                    break;
                case "Z":
                    g.UsZips[f[1]] = (ParseOrNaN(f[2]), ParseOrNaN(f[3]));
                    break;
                case "U":
                    AddPlace(g.UsPlaces, usPop, f[2] + "|" + f[1].ToLowerInvariant(), f);
                    break;
                case "W":
                    AddPlace(g.WorldCities, worldPop, f[2] + "|" + f[1].ToLowerInvariant(), f);
                    break;
                case "F":
                    if (f[2].Length > 0)
                    {
                        g.PostcodePatterns[f[1]] = f[2];
                    }

                    break;
                default:
                    break;
            }
        }

        foreach (var f in olds)
        {
            if (g.ByCode.TryGetValue(f[3], out var target))
            {
                g.Names.Add(f[1], new NameEntry(target, NameKind.Old));
            }
        }

        g.LoadMilliseconds = sw.Elapsed.TotalMilliseconds;
        return g;
    }

    private static void AddPlace(Dictionary<string, (double, double)> places, Dictionary<string, long> population, string key, string[] f)
    {
        var pop = long.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 0;
        if (!population.TryGetValue(key, out var best) || pop > best)
        {
            population[key] = pop;
            places[key] = (ParseOrNaN(f[3]), ParseOrNaN(f[4]));
        }
    }

    private void AddDivision(string code, string name, string alias, DivisionLevel level, string? parent, string lat, string lon, string? postcode)
    {
        var province = code[..2];
        var isMunicipality = province is "11" or "12" or "31" or "50";
        var d = new Division
        {
            Code = code,
            Name = name,
            Level = level,
            Latitude = ParseOrNaN(lat),
            Longitude = ParseOrNaN(lon),
            Postcode = string.IsNullOrEmpty(postcode) ? null : postcode,
            IsMunicipality = isMunicipality,
        };
        var index = Divisions.Count;
        Divisions.Add(d);
        ByCode[code] = index;
        d.Province = level == DivisionLevel.Province ? index : ByCode.GetValueOrDefault(province + "0000", -1);
        if (level == DivisionLevel.City)
        {
            d.City = index;
        }
        else if (level == DivisionLevel.District && parent is not null && ByCode.TryGetValue(parent, out var city) && Divisions[city].Name.Length > 0)
        {
            d.City = city;
        }

        // Municipalities' prefecture rows and virtual prefectures are reached through their counties, never by name.
        if (name.Length == 0 || (level == DivisionLevel.City && isMunicipality))
        {
            return;
        }

        Names.Add(name, new NameEntry(index, NameKind.Full));
        // Several aliases are written a/b (巴州/巴音郭楞).
        foreach (var part in alias.Split('/'))
        {
            if (part.Length >= 2 && !string.Equals(part, name, StringComparison.Ordinal))
            {
                Names.Add(part, new NameEntry(index, NameKind.Alias));
            }
        }

        var key = (name.Length, name[^1]);
        if (!FuzzyIndex.TryGetValue(key, out var list))
        {
            list = [];
            FuzzyIndex.Add(key, list);
        }

        list.Add(index);
    }

    private static double ParseOrNaN(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
