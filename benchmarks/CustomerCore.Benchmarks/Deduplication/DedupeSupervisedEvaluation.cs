using System.Diagnostics;
using System.Globalization;
using CustomerCore.Deduplication;

namespace CustomerCore.Benchmarks.Deduplication;

public sealed partial class DedupeEvaluator
{
    // The supervised path (`Deduplicate(records, labels)`) scored by 2-fold cross-validation over the true clusters: the
    // clusters are shuffled with a fixed seed and split in halves; the within-cluster pairs of one half are the labelled
    // matches, and the model is scored on the pairs whose two records both belong to the other half (never on the labels
    // it was given). Both folds' counts are summed. Pair figures from clusters, so the row compares with "cluster P/R/F1".
    private static void SupervisedRow(string name, List<DedupeRecord> records, List<string> truth)
    {
        var clusters = truth.Distinct(StringComparer.Ordinal).ToArray();
        new Random(42).Shuffle(clusters);
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < clusters.Length; c++)
        {
            foldOf[clusters[c]] = c % 2;
        }

        var detector = new DuplicateDetector(DefaultOptions());
        long tp = 0, predicted = 0, actual = 0, labelled = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var fold = 0; fold < 2; fold++)
        {
            var labels = new List<LabelledPair>();
            foreach (var group in Enumerable.Range(0, records.Count).Where(i => foldOf[truth[i]] != fold).GroupBy(i => truth[i]))
            {
                var members = group.ToArray();
                for (var a = 0; a < members.Length; a++)
                {
                    for (var b = a + 1; b < members.Length; b++)
                    {
                        labels.Add(new LabelledPair(records[members[a]].Id, records[members[b]].Id, IsMatch: true));
                    }
                }
            }

            labelled += labels.Count;
            var result = detector.Deduplicate(records, labels);
            var heldOut = Enumerable.Range(0, records.Count).Where(i => foldOf[truth[i]] == fold).ToArray();
            static long Pairs(int k) => (long)k * (k - 1) / 2;
            predicted += heldOut.GroupBy(i => result.Assignments[i].ClusterId, StringComparer.Ordinal).Sum(g => Pairs(g.Count()));
            actual += heldOut.GroupBy(i => truth[i], StringComparer.Ordinal).Sum(g => Pairs(g.Count()));
            tp += heldOut.GroupBy(i => (result.Assignments[i].ClusterId, truth[i])).Sum(g => Pairs(g.Count()));
        }

        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        double p = tp / (double)Math.Max(1, predicted), r = tp / (double)Math.Max(1, actual);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name}: supervised, 2-fold CV by cluster ({labelled:N0} labelled matches in all) | {records.Count:N0} | {actual:N0} held out | – | – | – | – | – | {p:0.000} | {r:0.000} | {2 * p * r / Math.Max(1e-9, p + r):0.000} | – | {cpu.TotalMicroseconds / (2 * records.Count):N0} |"));
    }
}
