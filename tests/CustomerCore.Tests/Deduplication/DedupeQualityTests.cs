using CustomerCore.Deduplication;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Deduplication;

public sealed class DedupeQualityTests
{
    [Fact]
    public void Deduplicate_Febrl1_ClusterF1AboveFloor()
    {
        using var reader = new StreamReader(SharedData.PathOf("dedupe", "febrl", "dataset1.csv"));
        var map = new Dictionary<string, string>
        {
            ["given_name"] = "given_name", ["family_name"] = "surname", ["house_number"] = "street_number", ["street"] = "address_1",
            ["district"] = "address_2", ["city"] = "suburb", ["postcode"] = "postcode", ["region"] = "state",
            ["date_of_birth"] = "date_of_birth", ["ssn"] = "soc_sec_id",
        };
        var records = DedupeCsv.ReadRecords(reader, map, "rec_id");

        var result = new DuplicateDetector(new DeduplicationOptions()).Deduplicate(records);

        static string Entity(string id) => id.Split('-')[1];
        var clusters = result.Assignments.GroupBy(a => a.ClusterId).Select(g => g.Select(a => a.RecordId).ToArray()).ToList();
        long tp = 0, fp = 0;
        foreach (var c in clusters)
        {
            for (var i = 0; i < c.Length; i++)
            {
                for (var j = i + 1; j < c.Length; j++)
                {
                    if (Entity(c[i]) == Entity(c[j]))
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

        var truePairs = records.GroupBy(r => Entity(r.Id)).Sum(g => g.Count() * (g.Count() - 1) / 2);
        var precision = tp / (double)(tp + fp);
        var recall = tp / (double)truePairs;
        Assert.True(2 * precision * recall / (precision + recall) >= 0.97, $"precision {precision:0.000}, recall {recall:0.000}");
    }
}
