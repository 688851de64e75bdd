using System.Globalization;
using CustomerCore.Deduplication.Internal;

namespace CustomerCore.Benchmarks.Deduplication;

/// <summary>`--diag 4`: for true pairs that blocking missed, counts how many each candidate key would catch and at what cost.</summary>
internal static class DedupeBlockingAnalysis
{
    private sealed record Probe(string Name, int Cap, Func<Features, int, IEnumerable<string>> Keys);

    private static string? Year(Features f, int i) => f.Dob[i] == 0 ? null : (f.Dob[i] / 10000).ToString(CultureInfo.InvariantCulture);

    private static string? MonthDay(Features f, int i) => f.Dob[i] == 0 ? null : (f.Dob[i] % 10000).ToString("D4", CultureInfo.InvariantCulture);

    private static HashSet<string> NameTokens(Features f, int i)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (f.Given[i] is { Length: >= 2 } g) { set.Add(g); }
        if (f.Family[i] is { Length: >= 2 } s) { set.Add(s); }
        foreach (var e in f.Emails[i])
        {
            var at = e.IndexOf('@', StringComparison.Ordinal);
            var local = at > 0 ? e[..at] : e;
            foreach (var t in local.Split(['.', '_', '-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (t.Length >= 3) { set.Add(t); }
            }
        }

        return set;
    }

    private static IEnumerable<string> With(IEnumerable<string> a, string? b) => b is null ? [] : a.Select(x => x + "|" + b);

    private static IEnumerable<string> One(string? a) => a is null ? [] : [a];

    private static IEnumerable<string> Two(string? a, string? b) => a is null || b is null ? [] : [a + "|" + b];

    private static string? P(string? s, int n) => s is null ? null : s.Length <= n ? s : s[..n];

    private static string? Domain(Features f, int i) => f.Emails[i].Length == 0 ? null : f.Emails[i][0][(f.Emails[i][0].IndexOf('@', StringComparison.Ordinal) + 1)..];

    private static readonly Probe[] s_probes =
    [
        new("family", 20, (f, i) => One(f.Family[i])),
        new("given", 20, (f, i) => One(f.Given[i])),
        new("family_mmdd", 400, (f, i) => Two(f.Family[i], MonthDay(f, i))),
        new("given_mmdd", 400, (f, i) => Two(f.Given[i], MonthDay(f, i))),
        new("nametok", 20, NameTokens),
        new("nametok_year", 50, (f, i) => With(NameTokens(f, i), Year(f, i))),
        new("nametok_mmdd", 50, (f, i) => With(NameTokens(f, i), MonthDay(f, i))),
        new("nametok_city", 50, (f, i) => With(NameTokens(f, i), f.City[i])),
        new("nametok_yyyymm", 50, (f, i) => With(NameTokens(f, i), f.Dob[i] == 0 ? null : (f.Dob[i] / 100).ToString(CultureInfo.InvariantCulture))),
        new("domain", 20, (f, i) => One(Domain(f, i))),
        new("domain_y", 50, (f, i) => Two(Domain(f, i), Year(f, i))),
        new("dob_city", 50, (f, i) => Two(f.Dob[i] == 0 ? null : f.Dob[i].ToString(CultureInfo.InvariantCulture), f.City[i])),
        new("city_year", 50, (f, i) => Two(f.City[i], Year(f, i))),
        new("fam3_giv3", 50, (f, i) => f.Family[i] is null || f.Given[i] is null ? [] : [string.CompareOrdinal(P(f.Family[i], 3), P(f.Given[i], 3)) < 0 ? P(f.Family[i], 3) + "|" + P(f.Given[i], 3) : P(f.Given[i], 3) + "|" + P(f.Family[i], 3)]),
        new("nametok3_year", 50, (f, i) => With(NameTokens(f, i).Select(t => P(t, 3)!).Distinct(), Year(f, i))),
        new("nametok3_mmdd", 50, (f, i) => With(NameTokens(f, i).Select(t => P(t, 3)!).Distinct(), MonthDay(f, i))),
        new("nametok3_city", 50, (f, i) => With(NameTokens(f, i).Select(t => P(t, 3)!).Distinct(), f.City[i])),
        new("famsx_year", 50, (f, i) => Two(f.FamilySoundex[i], Year(f, i))),
        new("givsx_city", 50, (f, i) => Two(f.GivenSoundex[i], f.City[i])),
        new("mmdd_city", 50, (f, i) => Two(MonthDay(f, i), f.City[i])),
    ];

    private static int Fields(Features f, int i) =>
        (f.Given[i] is null ? 0 : 1) + (f.Family[i] is null ? 0 : 1) + (f.Dob[i] == 0 ? 0 : 1) + (f.City[i] is null ? 0 : 1) + (f.Emails[i].Length == 0 ? 0 : 1);

    public static void Run(Features f, long[] candidates, HashSet<long> truePairs)
    {
        var cand = new HashSet<long>(candidates);
        var missed = truePairs.Where(p => !cand.Contains(p)).ToHashSet();
        Console.WriteLine($"missed {missed.Count} of {truePairs.Count}");
        var n = f.Count;
        var caught = new HashSet<long>();
        foreach (var probe in s_probes)
        {
            var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < n; i++)
            {
                foreach (var k in probe.Keys(f, i))
                {
                    if (!blocks.TryGetValue(k, out var l)) { blocks[k] = l = []; }
                    if (l.Count == 0 || l[^1] != i) { l.Add(i); }
                }
            }

            long pairs = 0, hit = 0, fresh = 0;
            var mine = new HashSet<long>();
            foreach (var b in blocks.Values)
            {
                if (b.Count > probe.Cap) { continue; }
                for (var x = 0; x < b.Count; x++)
                {
                    for (var y = x + 1; y < b.Count; y++)
                    {
                        var key = ((long)Math.Min(b[x], b[y]) << 32) | (uint)Math.Max(b[x], b[y]);
                        if (!mine.Add(key)) { continue; }
                        pairs++;
                        if (!cand.Contains(key)) { fresh++; }
                        if (missed.Contains(key)) { hit++; caught.Add(key); }
                    }
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{probe.Name,-16} cap {probe.Cap,4}: pairs {pairs,9:N0} new {fresh,9:N0} catches {hit,6:N0} ({hit / (double)Math.Max(1, missed.Count):0.000})"));
        }

        Console.WriteLine($"all probes together catch {caught.Count}");
        var adj = new List<int>[n];
        var adjTrue = new List<int>[n];
        for (var i = 0; i < n; i++) { adj[i] = []; adjTrue[i] = []; }
        foreach (var c in candidates)
        {
            int a = (int)(c >> 32), b = (int)(c & 0xFFFFFFFF);
            adj[a].Add(b); adj[b].Add(a);
            if (truePairs.Contains(c)) { adjTrue[a].Add(b); adjTrue[b].Add(a); }
        }

        int twoHop = 0, twoHopTrue = 0, degSum = 0;
        var fieldHist = new int[12];
        foreach (var m in missed)
        {
            int a = (int)(m >> 32), b = (int)(m & 0xFFFFFFFF);
            var na = new HashSet<int>(adj[a]);
            if (adj[b].Any(na.Contains)) { twoHop++; }
            var ta = new HashSet<int>(adjTrue[a]);
            if (adjTrue[b].Any(ta.Contains)) { twoHopTrue++; }
            fieldHist[Math.Min(Fields(f, a), Fields(f, b))]++;
        }

        for (var i = 0; i < n; i++) { degSum = Math.Max(degSum, adj[i].Count); }
        Console.WriteLine($"two-hop via any candidate {twoHop}, via true candidates {twoHopTrue}, max degree {degSum}, avg degree {2.0 * candidates.Length / n:0.0}");
        Console.WriteLine("min non-null fields of the pair: " + string.Join(' ', fieldHist.Select((c, k) => $"{k}:{c}")));
    }
}
