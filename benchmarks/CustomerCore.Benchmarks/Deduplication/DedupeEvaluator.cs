using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CustomerCore.Benchmarks.Infrastructure;
using CustomerCore.Deduplication;
using CustomerCore.TestSupport;

namespace CustomerCore.Benchmarks.Deduplication;

/// <summary>`evaluate dedupe [set] [--scale N] [--labels] [--diag 1-7] [--show N] [--cluster-threshold P] [--no-supervised]`: scores the engine on every labelled set in
/// shared/data/dedupe and prints one table; under each deduplication set a second row scores the supervised path by 2-fold
/// cross-validation over the true clusters (left out with --no-supervised). Diagnostics (printed before a set's row): 1 model parameters, 2 missed true pairs with
/// per-field contributions, 3 false pairs in clusters, 4 blocking analysis of the true pairs no key found, 5 wrong pairs grouped
/// by the cluster merges and splits that cause them, 6 true and false candidate pairs per combination of field levels, 7 wrong pairs split into label conflicts and fixable errors.</summary>
public sealed partial class DedupeEvaluator : IEvaluator
{
    private static int s_diag;
    private static bool s_supervised;
    private static int s_show = 12;
    private static double? s_clusterThreshold;

    public string Name => "dedupe";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var scaleIndex = Array.IndexOf(args, "--scale");
        if (scaleIndex >= 0)
        {
            var n = int.Parse(args[scaleIndex + 1], CultureInfo.InvariantCulture);
            ScaleRun(n);
            return Task.FromResult(0);
        }

        if (args.Contains("--labels"))
        {
            LabelsRun();
            return Task.FromResult(0);
        }

        s_diag = Option(args, "--diag", 0);
        s_supervised = !args.Contains("--no-supervised");
        s_show = Option(args, "--show", 12);
        var ct = Array.IndexOf(args, "--cluster-threshold");
        s_clusterThreshold = ct >= 0 && ct + 1 < args.Length ? double.Parse(args[ct + 1], CultureInfo.InvariantCulture) : null;
        var only = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : null;
        Console.WriteLine("| data set | records | true pairs | candidate pairs | blocking recall | pair P | pair R | pair F1 | cluster P | cluster R | cluster F1 | records/s | CPU µs/record |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var set in Sets())
        {
            if (only is not null && !set.Name.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var (left, right, truth) = set.Load();
            Evaluate(set.Name, left, right, truth);
            if (right is null && s_supervised)
            {
                SupervisedRow(set.Name, left, truth);
            }
        }

        return Task.FromResult(0);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    // The reported table uses the library defaults; --cluster-threshold exists for sensitivity checks only.
    internal static DeduplicationOptions DefaultOptions() => s_clusterThreshold is { } c ? new() { ClusterThreshold = c } : new();

    private static void Evaluate(string name, List<DedupeRecord> left, List<DedupeRecord>? right, List<string> truth)
    {
        var detector = new DuplicateDetector(DefaultOptions());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var run = detector.RunInternal(left, right, null);
        sw.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var n = run.Features.Count;
        if (s_diag == 1)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lambda={run.Model.Lambda:0.0000}"));
            for (var k = 0; k < run.Model.Comparators.Count; k++)
            {
                Console.WriteLine(run.Model.Comparators[k].Name + ": " + string.Join(" ", Enumerable.Range(0, 4).Select(l => string.Create(CultureInfo.InvariantCulture, $"m={run.Model.M(k, l):0.000}/u={run.Model.U(k, l):0.0000}"))));
            }
        }

        var leftCount = left.Count;
        bool Allowed(int i, int j) => right is null || (i < leftCount) != (j < leftCount);

        var truePairs = new HashSet<long>();
        foreach (var group in Enumerable.Range(0, n).GroupBy(i => truth[i]))
        {
            var members = group.ToArray();
            for (var a = 0; a < members.Length; a++)
            {
                for (var b = a + 1; b < members.Length; b++)
                {
                    if (Allowed(members[a], members[b]))
                    {
                        truePairs.Add(Key(members[a], members[b]));
                    }
                }
            }
        }

        var candidates = new HashSet<long>(run.Candidates);
        if (s_diag == 4)
        {
            DedupeBlockingAnalysis.Run(run.Features, run.Candidates, truePairs);
        }

        var blocked = truePairs.Count(candidates.Contains);
        var p0 = DefaultOptions().MatchThreshold;
        var threshold = Math.Log2(p0 / (1 - p0));
        int tp = 0, fp = 0;
        for (var p = 0; p < run.Candidates.Length; p++)
        {
            if (run.Weights[p] >= threshold)
            {
                if (truePairs.Contains(run.Candidates[p]))
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }
        }

        int ctp = 0, cfp = 0;
        foreach (var group in Enumerable.Range(0, n).GroupBy(i => run.ClusterOf[i]))
        {
            var members = group.ToArray();
            for (var a = 0; a < members.Length; a++)
            {
                for (var b = a + 1; b < members.Length; b++)
                {
                    if (truePairs.Contains(Key(members[a], members[b])))
                    {
                        ctp++;
                    }
                    else
                    {
                        cfp++;
                    }
                }
            }
        }

        if (s_diag == 2)
        {
            var inCluster = new HashSet<long>();
            var shown = 0;
            foreach (var tpair in truePairs)
            {
                var i = (int)(tpair >> 32);
                var j = (int)(tpair & 0xFFFFFFFF);
                if (run.ClusterOf[i] != run.ClusterOf[j] && shown++ < s_show)
                {
                    var e = CustomerCore.Deduplication.Internal.Engine.Explain(run.Features, run.Model, i, j);
                    Console.WriteLine($"FN {e.MatchWeight} cand={candidates.Contains(tpair)} {DedupeCsv.Explain(e)} | {Describe(run.Features, i)} || {Describe(run.Features, j)}");
                }
            }
        }

        if (s_diag == 3)
        {
            var shown = 0;
            for (var p = 0; p < run.Candidates.Length && shown < s_show; p++)
            {
                var pair = run.Candidates[p];
                var i = (int)(pair >> 32);
                var j = (int)(pair & 0xFFFFFFFF);
                if (run.ClusterOf[i] == run.ClusterOf[j] && !truePairs.Contains(pair))
                {
                    shown++;
                    var e = CustomerCore.Deduplication.Internal.Engine.Explain(run.Features, run.Model, i, j);
                    Console.WriteLine($"FP {e.MatchWeight} {DedupeCsv.Explain(e)} | {Describe(run.Features, i)} || {Describe(run.Features, j)}");
                }
            }
        }

        if (s_diag == 6)
        {
            LevelPatterns(run, truePairs);
        }

        if (s_diag == 5)
        {
            ClusterConfusion(run, truth, truePairs);
        }

        if (s_diag == 7)
        {
            ErrorBreakdown(run, truth);
        }

        static double Div(double a, double b) => b == 0 ? 0 : a / b;
        var pp = Div(tp, tp + fp);
        var pr = Div(tp, truePairs.Count);
        var cp = Div(ctp, ctp + cfp);
        var cr = Div(ctp, truePairs.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {n:N0} | {truePairs.Count:N0} | {run.Candidates.Length:N0} | {Div(blocked, truePairs.Count):0.0000} | {pp:0.000} | {pr:0.000} | {Div(2 * pp * pr, pp + pr):0.000} | {cp:0.000} | {cr:0.000} | {Div(2 * cp * cr, cp + cr):0.000} | {n / sw.Elapsed.TotalSeconds:N0} | {cpu.TotalMicroseconds / n:N0} |"));
    }

    // Counts true and false candidate pairs per combination of comparison levels, with the weight the model gives it.
    private static void LevelPatterns(CustomerCore.Deduplication.Internal.Engine.Run run, HashSet<long> truePairs)
    {
        var stats = new Dictionary<string, (int True, int False, double Weight)>();
        for (var p = 0; p < run.Candidates.Length; p++)
        {
            int i = (int)(run.Candidates[p] >> 32), j = (int)(run.Candidates[p] & 0xFFFFFFFF);
            var e = CustomerCore.Deduplication.Internal.Engine.Explain(run.Features, run.Model, i, j);
            var key = string.Join(' ', e.Contributions.Select(c => c.Field + ":" + c.Level.ToString()[..2]));
            var t = truePairs.Contains(run.Candidates[p]);
            var old = stats.GetValueOrDefault(key);
            stats[key] = (old.True + (t ? 1 : 0), old.False + (t ? 0 : 1), old.Weight + e.MatchWeight);
        }

        foreach (var (key, (t, f, w)) in stats.Where(x => x.Value.True > 0).OrderByDescending(x => Math.Min(x.Value.True, x.Value.False)).ThenByDescending(x => x.Value.True).Take(s_show))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key,-80} true {t,6} false {f,8} mean weight {w / (t + f):0.00}"));
        }
    }

    // Sorts the wrong cluster pairs into label conflicts and errors a comparator could fix: a false pair whose every compared
    // field agrees (exact or close, at least two fields) and a missed pair with no agreeing field are label conflicts, since
    // no field-level comparison can separate them from true matches or join them to their entity.
    private static void ErrorBreakdown(CustomerCore.Deduplication.Internal.Engine.Run run, List<string> truth)
    {
        var n = run.Features.Count;
        int falseConflict = 0, falseFixable = 0, missedConflict = 0, missedFixable = 0, missedUnblocked = 0;
        var candidates = new HashSet<long>(run.Candidates);
        var byField = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var sameCluster = run.ClusterOf[i] == run.ClusterOf[j];
                var sameTruth = truth[i] == truth[j];
                if (sameCluster == sameTruth)
                {
                    continue;
                }

                var e = CustomerCore.Deduplication.Internal.Engine.Explain(run.Features, run.Model, i, j);
                int present = 0, agree = 0;
                foreach (var c in e.Contributions)
                {
                    if (c.Level == ComparisonLevel.Missing)
                    {
                        continue;
                    }

                    present++;
                    if (c.Level is ComparisonLevel.Exact or ComparisonLevel.Close)
                    {
                        agree++;
                    }
                    else if (sameCluster)
                    {
                        byField[c.Field + ":" + c.Level] = byField.GetValueOrDefault(c.Field + ":" + c.Level) + 1;
                    }
                }

                if (sameCluster)
                {
                    if (present >= 2 && agree == present)
                    {
                        falseConflict++;
                    }
                    else
                    {
                        falseFixable++;
                    }
                }
                else if (agree == 0)
                {
                    missedConflict++;
                }
                else
                {
                    missedFixable++;
                    if (!candidates.Contains(Key(i, j)))
                    {
                        missedUnblocked++;
                    }
                }
            }
        }

        Console.WriteLine($"false pairs {falseConflict + falseFixable}: {falseConflict} every field agrees (label conflict), {falseFixable} with a disagreeing field (fixable)");
        Console.WriteLine($"missed pairs {missedConflict + missedFixable}: {missedConflict} no field agrees (label conflict), {missedFixable} with an agreeing field (fixable; {missedUnblocked} of them no candidate)");
        // The ceiling of any decision made on the field levels alone: per level pattern, match it when it holds more true pairs.
        var stats = new Dictionary<string, (int True, int False)>(StringComparer.Ordinal);
        foreach (var pair in run.Candidates)
        {
            int i = (int)(pair >> 32), j = (int)(pair & 0xFFFFFFFF);
            var e = CustomerCore.Deduplication.Internal.Engine.Explain(run.Features, run.Model, i, j);
            var key = string.Join(' ', e.Contributions.Select(c => c.Level.ToString()[..2]));
            var old = stats.GetValueOrDefault(key);
            stats[key] = truth[i] == truth[j] ? (old.True + 1, old.False) : (old.True, old.False + 1);
        }

        int bestTp = 0, bestFp = 0, totalTrue = 0;
        foreach (var (t, fa) in stats.Values)
        {
            totalTrue += t;
            if (t > fa)
            {
                bestTp += t;
                bestFp += fa;
            }
        }

        long allTrue = Enumerable.Range(0, n).GroupBy(i => truth[i]).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        double bp = bestTp / (double)Math.Max(1, bestTp + bestFp), br = bestTp / (double)Math.Max(1, allTrue);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"level-pattern ceiling on candidates: {stats.Count} patterns, {stats.Values.Sum(x => Math.Min(x.True, x.False))} pairs on the minority side of their pattern; best pair P {bp:0.000} R {br:0.000} F1 {2 * bp * br / Math.Max(1e-9, bp + br):0.000}"));
        // m as the labels give it (level shares among all true pairs), beside the fitted m of --diag 1.
        var levelCounts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var g in Enumerable.Range(0, n).GroupBy(i => truth[i]))
        {
            var members = g.ToArray();
            for (var a = 0; a < members.Length; a++)
            {
                for (var b = a + 1; b < members.Length; b++)
                {
                    foreach (var c in CustomerCore.Deduplication.Internal.Engine.Explain(run.Features, run.Model, members[a], members[b]).Contributions)
                    {
                        if (c.Level != ComparisonLevel.Missing)
                        {
                            (levelCounts.TryGetValue(c.Field, out var arr) ? arr : levelCounts[c.Field] = new int[4])[(int)c.Level - 1]++;
                        }
                    }
                }
            }
        }

        foreach (var (field, arr) in levelCounts)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"labelled m {field}: {string.Join(' ', arr.Select(x => (x / (double)arr.Sum()).ToString("0.000", CultureInfo.InvariantCulture)))}"));
        }

        Console.WriteLine("disagreeing fields in fixable false pairs: " + string.Join(", ", byField.OrderByDescending(x => x.Value).Select(x => x.Key + "=" + x.Value)));
    }

    // Groups the wrong pairs by the cluster pieces they join or split, biggest first, with one example record per piece.
    private static void ClusterConfusion(CustomerCore.Deduplication.Internal.Engine.Run run, List<string> truth, HashSet<long> truePairs)
    {
        var n = run.Features.Count;
        var merges = new Dictionary<(int, string, string), int>();
        var splits = new Dictionary<(string, int, int), int>();
        var example = new Dictionary<(int, string), int>();
        for (var i = 0; i < n; i++)
        {
            example.TryAdd((run.ClusterOf[i], truth[i]), i);
        }

        foreach (var group in Enumerable.Range(0, n).GroupBy(i => run.ClusterOf[i]))
        {
            var byTruth = group.GroupBy(i => truth[i]).Select(g => (T: g.Key, Count: g.Count())).ToArray();
            for (var a = 0; a < byTruth.Length; a++)
            {
                for (var b = a + 1; b < byTruth.Length; b++)
                {
                    merges[(group.Key, byTruth[a].T, byTruth[b].T)] = byTruth[a].Count * byTruth[b].Count;
                }
            }
        }

        foreach (var group in Enumerable.Range(0, n).GroupBy(i => truth[i]))
        {
            var byCluster = group.GroupBy(i => run.ClusterOf[i]).Select(g => (C: g.Key, Count: g.Count())).ToArray();
            for (var a = 0; a < byCluster.Length; a++)
            {
                for (var b = a + 1; b < byCluster.Length; b++)
                {
                    splits[(group.Key, byCluster[a].C, byCluster[b].C)] = byCluster[a].Count * byCluster[b].Count;
                }
            }
        }

        Console.WriteLine($"false pairs {merges.Values.Sum()} in {merges.Count} merges; missed pairs {splits.Values.Sum()} in {splits.Count} splits (true pairs {truePairs.Count})");
        foreach (var ((c, ta, tb), count) in merges.OrderByDescending(x => x.Value).Take(s_show))
        {
            int i = example[(c, ta)], j = example[(c, tb)];
            var e = CustomerCore.Deduplication.Internal.Engine.Explain(run.Features, run.Model, i, j);
            Console.WriteLine($"MERGE {count} {DedupeCsv.Explain(e)} | {Describe(run.Features, i)} || {Describe(run.Features, j)}");
        }

        foreach (var ((t, ca, cb), count) in splits.OrderByDescending(x => x.Value).Take(s_show))
        {
            int i = example[(ca, t)], j = example[(cb, t)];
            var e = CustomerCore.Deduplication.Internal.Engine.Explain(run.Features, run.Model, i, j);
            Console.WriteLine($"SPLIT {count} {DedupeCsv.Explain(e)} | {Describe(run.Features, i)} || {Describe(run.Features, j)}");
        }
    }

    private static string Describe(CustomerCore.Deduplication.Internal.Features f, int i) =>
        string.Join(' ', new[] { f.Given[i], f.Family[i], f.FullName[i], f.Organization[i], f.Street[i], f.City[i], f.Dob[i] == 0 ? null : f.Dob[i].ToString(CultureInfo.InvariantCulture), string.Join(';', f.Emails[i]), string.Join(';', f.Phones[i]) }.Where(x => !string.IsNullOrEmpty(x)));

    private static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    private sealed record DataSet(string Name, Func<(List<DedupeRecord> Left, List<DedupeRecord>? Right, List<string> Truth)> Load);

    private static IEnumerable<DataSet> Sets()
    {
        foreach (var i in (string[])["1", "2", "3"])
        {
            yield return new DataSet("febrl" + i, () =>
            {
                var (recs, truth) = Febrl(SharedData.PathOf("dedupe", "febrl", $"dataset{i}.csv"));
                return (recs, null, truth);
            });
        }

        yield return new DataSet("febrl4 link", () =>
        {
            var (a, ta) = Febrl(SharedData.PathOf("dedupe", "febrl", "dataset4a.csv"));
            var (b, tb) = Febrl(SharedData.PathOf("dedupe", "febrl", "dataset4b.csv"));
            return (a, b, [.. ta, .. tb]);
        });
        yield return new DataSet("splink fake_1000", () => Splink(SharedData.PathOf("dedupe", "splink_fake_1000", "fake_1000.csv")));
        yield return new DataSet("splink fake_20000", () => Splink(SharedData.PathOf("dedupe", "splink_fake_20000", "fake_20000.csv")));
        yield return new DataSet("RLdata500", () => RlData(SharedData.PathOf("dedupe", "rldata_german", "RLdata500.csv")));
        yield return new DataSet("RLdata10000", () => RlData(SharedData.PathOf("dedupe", "rldata_german", "RLdata10000.csv")));
        yield return new DataSet("restaurants", () => Restaurants(SharedData.PathOf("dedupe", "restaurant_fodors_zagat", "restaurant-nophone-training.csv"), "r"));
        yield return new DataSet("restaurants link", () =>
        {
            var (a, _, ta) = Restaurants(SharedData.PathOf("dedupe", "restaurant_fodors_zagat", "restaurant-1.csv"), "a");
            var (b, _, tb) = Restaurants(SharedData.PathOf("dedupe", "restaurant_fodors_zagat", "restaurant-2.csv"), "b");
            return (a, b, [.. ta, .. tb]);
        });
        yield return new DataSet("chicago sites", Chicago);
    }

    private static (string[] Header, List<string[]> Rows) ReadTable(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { TrimWhitespace = true, HasHeader = true }, false);
        var header = csv.Headers.Select(h => h.Trim()).ToArray();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            var row = new string[header.Length];
            for (var c = 0; c < header.Length; c++)
            {
                row[c] = c < csv.FieldCount ? (csv.GetStringOrNull(c) ?? string.Empty).Trim() : string.Empty;
            }

            rows.Add(row);
        }

        return (header, rows);
    }

    private static (List<DedupeRecord>, List<string>) Build(string path, Dictionary<string, string> map, Func<string[], Func<string, int>, string> idOf, Func<string[], Func<string, int>, string> truthOf)
    {
        var (header, rows) = ReadTable(path);
        int Col(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        var records = new List<DedupeRecord>();
        var truth = new List<string>();
        foreach (var row in rows)
        {
            records.Add(DedupeCsv.ToRecord(idOf(row, Col), field => map.TryGetValue(field, out var column) && Col(column) >= 0 ? row[Col(column)] : null, map.Keys));
            truth.Add(truthOf(row, Col));
        }

        return (records, truth);
    }

    private static (List<DedupeRecord>, List<string>) Febrl(string path) =>
        Build(path, new()
        {
            ["given_name"] = "given_name", ["family_name"] = "surname", ["house_number"] = "street_number", ["street"] = "address_1",
            ["district"] = "address_2", ["city"] = "suburb", ["postcode"] = "postcode", ["region"] = "state",
            ["date_of_birth"] = "date_of_birth", ["soc_sec_id"] = "soc_sec_id",
        }, (r, c) => r[c("rec_id")], (r, c) => FebrlEntity().Match(r[c("rec_id")]).Groups[1].Value);

    private static (List<DedupeRecord>, List<DedupeRecord>?, List<string>) Splink(string path)
    {
        var (recs, truth) = Build(path, new()
        {
            ["given_name"] = "first_name", ["family_name"] = "surname", ["date_of_birth"] = "dob", ["city"] = "city", ["email"] = "email",
        }, (r, c) => r[c("unique_id")], (r, c) => r[c("cluster")]);
        return (recs, null, truth);
    }

    private static (List<DedupeRecord>, List<DedupeRecord>?, List<string>) RlData(string path)
    {
        var (header, rows) = ReadTable(path);
        int Col(string name) => Array.IndexOf(header, name);
        var recs = new List<DedupeRecord>();
        var truth = new List<string>();
        foreach (var r in rows)
        {
            string? V(string c) => r[Col(c)] is "" or "NA" ? null : r[Col(c)];
            DateOnly? dob = null;
            if (int.TryParse(V("by"), out var y) && int.TryParse(V("bm"), out var m) && int.TryParse(V("bd"), out var d) && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            {
                dob = new DateOnly(y, m, d);
            }

            var attrs = new Dictionary<string, string>();
            if (V("fname_c2") is { } f2)
            {
                attrs["fname_c2"] = f2;
            }

            if (V("lname_c2") is { } l2)
            {
                attrs["lname_c2"] = l2;
            }

            recs.Add(new DedupeRecord { Id = r[Col("rec_id")], GivenName = V("fname_c1"), FamilyName = V("lname_c1"), DateOfBirth = dob, Attributes = attrs });
            truth.Add(r[Col("ent_id")]);
        }

        return (recs, null, truth);
    }

    private static (List<DedupeRecord>, List<DedupeRecord>?, List<string>) Restaurants(string path, string prefix)
    {
        var row = 0;
        var (recs, truth) = Build(path, new()
        {
            ["name"] = "name", ["address"] = "address", ["city"] = "city", ["cuisine"] = "cuisine",
        }, (_, _) => prefix + (row++).ToString(CultureInfo.InvariantCulture), (r, c) => r[c("unique_id")].Trim('\''));
        return (recs, null, truth);
    }

    private static (List<DedupeRecord>, List<DedupeRecord>?, List<string>) Chicago()
    {
        var (recs, truth) = Build(SharedData.PathOf("dedupe", "dedupe_csv_example", "csv_example_input_with_true_ids.csv"), new()
        {
            ["name"] = "Site name", ["address"] = "Address", ["postcode"] = "Zip", ["phone"] = "Phone",
        }, (r, c) => r[c("Id")], (r, c) => r[c("True Id")]);
        return (recs, null, truth);
    }

    [GeneratedRegex(@"rec-(\d+)-")]
    private static partial Regex FebrlEntity();
}
