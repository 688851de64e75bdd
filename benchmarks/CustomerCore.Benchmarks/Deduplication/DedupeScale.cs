using System.Diagnostics;
using System.Globalization;
using CustomerCore.Deduplication;

namespace CustomerCore.Benchmarks.Deduplication;

/// <summary>Generates customers with realistic errors (typos, nicknames, missing values, swapped dates, changed phones).</summary>
internal static class DedupeGenerator
{
    private static readonly string[] s_syllables = ["an", "ber", "ca", "da", "el", "fi", "go", "ha", "is", "jo", "ka", "lu", "ma", "ne", "or", "pa", "qui", "ro", "sa", "te", "ul", "vi", "wa", "xe", "yo", "zu", "mar", "son", "ton", "ler", "ley", "sch", "mann", "berg", "ski", "ov", "ez"];

    public static (List<DedupeRecord> Records, List<int> Truth) Generate(int count, int seed)
    {
        var rng = new Random(seed);
        var given = Enumerable.Range(0, 3000).Select(_ => Word(rng, 2)).Distinct().ToArray();
        var family = Enumerable.Range(0, 60000).Select(_ => Word(rng, 3)).Distinct().ToArray();
        var cities = Enumerable.Range(0, 800).Select(_ => Word(rng, 2)).Distinct().ToArray();
        var streets = Enumerable.Range(0, 5000).Select(_ => Word(rng, 2) + " street").ToArray();
        var records = new List<DedupeRecord>(count);
        var truth = new List<int>(count);
        var entity = 0;
        while (records.Count < count)
        {
            var city = rng.Next(cities.Length);
            var original = new DedupeRecord
            {
                Id = "c" + records.Count.ToString(CultureInfo.InvariantCulture),
                GivenName = given[Skewed(rng, given.Length)],
                FamilyName = family[Skewed(rng, family.Length)],
                DateOfBirth = new DateOnly(1940 + rng.Next(65), 1 + rng.Next(12), 1 + rng.Next(28)),
                Phones = ["+49" + rng.NextInt64(1_500_000_000, 1_799_999_999).ToString(CultureInfo.InvariantCulture)],
                Street = streets[rng.Next(streets.Length)],
                HouseNumber = (1 + rng.Next(200)).ToString(CultureInfo.InvariantCulture),
                City = cities[city],
                Postcode = (10000 + (city * 100) + rng.Next(100)).ToString(CultureInfo.InvariantCulture),
            };
            original = original with { Emails = rng.NextDouble() < 0.7 ? [$"{original.GivenName}.{original.FamilyName}{rng.Next(100)}@example.org"] : [] };
            records.Add(original);
            truth.Add(entity);
            var dups = rng.NextDouble() < 0.3 ? 1 + rng.Next(3) : 0;
            for (var d = 0; d < dups && records.Count < count; d++)
            {
                records.Add(Corrupt(original, rng) with { Id = "c" + records.Count.ToString(CultureInfo.InvariantCulture) });
                truth.Add(entity);
            }

            entity++;
        }

        return (records, truth);
    }

    private static int Skewed(Random rng, int n) => (int)(n * Math.Pow(rng.NextDouble(), 2));

    private static string Word(Random rng, int parts)
    {
        var s = string.Empty;
        for (var i = 0; i < parts; i++)
        {
            s += s_syllables[rng.Next(s_syllables.Length)];
        }

        return s;
    }

    private static string Typo(string s, Random rng)
    {
        if (s.Length < 3)
        {
            return s;
        }

        var i = 1 + rng.Next(s.Length - 2);
        return rng.Next(3) switch
        {
            0 => s.Remove(i, 1),
            1 => s[..i] + s[i + 1] + s[i] + s[(i + 2)..],
            _ => s[..i] + (char)('a' + rng.Next(26)) + s[(i + 1)..],
        };
    }

    internal static DedupeRecord Corrupt(DedupeRecord r, Random rng)
    {
        var c = r;
        var errors = 1 + rng.Next(3);
        for (var e = 0; e < errors; e++)
        {
            c = rng.Next(8) switch
            {
                0 => c with { GivenName = Typo(c.GivenName!, rng) },
                1 => c with { FamilyName = Typo(c.FamilyName!, rng) },
                2 => c with { DateOfBirth = c.DateOfBirth is { } d && d.Day <= 12 ? new DateOnly(d.Year, d.Day, d.Month) : null },
                3 => c with { Phones = [] },
                4 => c with { Emails = [] },
                5 => c with { Street = Typo(c.Street!, rng) },
                6 => c with { Postcode = null },
                _ => c with { GivenName = c.GivenName![..1] },
            };
        }

        return c;
    }
}

internal sealed class StageTimer(Stopwatch sw) : IProgress<double>
{
    public void Report(double value) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stage {value:0.0} at {sw.Elapsed.TotalSeconds:0.0}s"));
}

public sealed partial class DedupeEvaluator
{
    private static void ScaleRun(int n)
    {
        var (records, truth) = DedupeGenerator.Generate(n, 12345);
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(true);
        var detector = new DuplicateDetector(DefaultOptions());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var result = detector.Deduplicate(records, new StageTimer(sw));
        sw.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        long tp = 0, fp = 0;
        var clusterMembers = new Dictionary<string, List<int>>();
        for (var i = 0; i < result.Assignments.Count; i++)
        {
            var id = result.Assignments[i].ClusterId;
            if (!clusterMembers.TryGetValue(id, out var list))
            {
                clusterMembers[id] = list = [];
            }

            list.Add(i);
        }

        foreach (var members in clusterMembers.Values)
        {
            for (var a = 0; a < members.Count; a++)
            {
                for (var b = a + 1; b < members.Count; b++)
                {
                    if (truth[members[a]] == truth[members[b]])
                    {
                        tp++;
                    }
                    else
                    {
                        fp++;
                    }
                }
            }
        }

        long truePairs = truth.GroupBy(t => t).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        var p = tp / (double)Math.Max(1, tp + fp);
        var r = tp / (double)Math.Max(1, truePairs);
        Console.WriteLine("| records | seconds | CPU seconds | records/s | candidate pairs | matched pairs | cluster P | cluster R | cluster F1 | allocated MB | peak working set MB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {n:N0} | {sw.Elapsed.TotalSeconds:0.0} | {cpu.TotalSeconds:0.0} | {n / sw.Elapsed.TotalSeconds:N0} | {result.Blocking.CandidatePairs:N0} | {result.Pairs.Count:N0} | {p:0.000} | {r:0.000} | {2 * p * r / Math.Max(1e-9, p + r):0.000} | {allocated / 1048576.0:N0} | {peak / 1048576.0:N0} |"));
        Console.WriteLine();
        Console.WriteLine("| blocking key | new candidate pairs | skipped blocks |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var k in result.Blocking.Keys)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {k.Key} | {k.CandidatePairs:N0} | {k.SkippedBlocks:N0} |"));
        }
    }
}
