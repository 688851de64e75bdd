using System.Globalization;
using CsvHelper;
using CustomerCore.Deduplication;
using CustomerCore.TestSupport;

namespace CustomerCore.Benchmarks.Deduplication;

public sealed partial class DedupeEvaluator
{
    // `evaluate dedupe --labels`: fake_1000 with its clerical labels, split in halves by pair; m is fitted from the
    // training half's matches, and both models are scored on the held-out half (a pair is predicted a match when its
    // records share a cluster).
    private static void LabelsRun()
    {
        var (records, _, truth) = Splink(SharedData.PathOf("dedupe", "splink_fake_1000", "fake_1000.csv"));
        var labels = new List<LabelledPair>();
        using (var reader = new StreamReader(SharedData.PathOf("dedupe", "splink_fake_1000", "fake_1000_labels.csv")))
        using (var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true }, false))
        {
            var header = csv.Headers.ToArray();
            int Col(string name) => Array.IndexOf(header, name);
            while (csv.Read())
            {
                labels.Add(new LabelledPair(csv.GetString(Col("unique_id_l")), csv.GetString(Col("unique_id_r")), double.Parse(csv.GetString(Col("clerical_match_score")), CultureInfo.InvariantCulture) >= 0.5));
            }
        }

        var train = labels.Where((_, i) => i % 2 == 0).ToList();
        var heldOut = labels.Where((_, i) => i % 2 == 1).ToList();
        var detector = new DuplicateDetector(DefaultOptions());
        Console.WriteLine("| model | training labels (matches) | held-out pairs | held-out P | held-out R | held-out F1 | cluster F1, all pairs |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, result) in new[] { ("unsupervised EM", detector.Deduplicate(records)), ("m from labels", detector.Deduplicate(records, train)) })
        {
            var clusterOf = result.Assignments.ToDictionary(a => a.RecordId, a => a.ClusterId, StringComparer.Ordinal);
            int tp = 0, fp = 0, fn = 0;
            foreach (var l in heldOut)
            {
                var same = clusterOf[l.LeftId] == clusterOf[l.RightId];
                tp += same && l.IsMatch ? 1 : 0;
                fp += same && !l.IsMatch ? 1 : 0;
                fn += !same && l.IsMatch ? 1 : 0;
            }

            var truthOf = records.Select((r, i) => (r.Id, truth[i])).ToDictionary(x => x.Id, x => x.Item2, StringComparer.Ordinal);
            long ctp = 0, cfp = 0;
            foreach (var g in result.Assignments.GroupBy(a => a.ClusterId))
            {
                var m = g.Select(a => truthOf[a.RecordId]).ToArray();
                for (var a = 0; a < m.Length; a++)
                {
                    for (var b = a + 1; b < m.Length; b++)
                    {
                        (m[a] == m[b] ? ref ctp : ref cfp)++;
                    }
                }
            }

            long truePairs = truth.GroupBy(t => t).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
            double p = tp / (double)Math.Max(1, tp + fp), r = tp / (double)Math.Max(1, tp + fn);
            double cp = ctp / (double)Math.Max(1, ctp + cfp), cr = ctp / (double)Math.Max(1, truePairs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {(name == "unsupervised EM" ? 0 : train.Count)} ({(name == "unsupervised EM" ? 0 : train.Count(t => t.IsMatch))}) | {heldOut.Count} | {p:0.000} | {r:0.000} | {2 * p * r / Math.Max(1e-9, p + r):0.000} | {2 * cp * cr / Math.Max(1e-9, cp + cr):0.000} |"));
        }
    }
}
