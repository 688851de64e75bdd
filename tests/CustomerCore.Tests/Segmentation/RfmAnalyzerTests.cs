using System.Globalization;
using CustomerCore.Segmentation;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Segmentation;

public sealed class RfmAnalyzerTests
{
    [Fact]
    public void Analyze_RPackageOrders_MatchesEveryCustomerOfTheDefaultTable()
    {
        var result = RfmAnalyzer.Analyze(RfmReferenceData.Orders(), RfmReferenceData.OrdersAsOf);

        var mismatches = CountMismatches(result, "expected_rfm_table_order_default5.csv");

        Assert.Equal(995, result.Customers.Count);
        Assert.Equal(0, mismatches);
        Assert.Equal([115, 181, 297.4, 482], result.Breaks.Recency.Select(b => Math.Round(b, 6)));
        Assert.Equal([255.8, 382, 506.4, 666], result.Breaks.Monetary.Select(b => Math.Round(b, 6)));
    }

    [Fact]
    public void Analyze_RPackageOrdersWithCustomThresholds_MatchesEveryCustomer()
    {
        var options = new RfmOptions
        {
            Binning = RfmBinning.Fixed,
            RecencyBreaks = [115, 181, 297, 482],
            FrequencyBreaks = [4, 5, 6, 8],
            MonetaryBreaks = [256, 382, 506, 666],
        };

        var result = RfmAnalyzer.Analyze(RfmReferenceData.Orders(), RfmReferenceData.OrdersAsOf, options);

        Assert.Equal(0, CountMismatches(result, "expected_rfm_table_order_custom_thresholds.csv"));
    }

    [Fact]
    public void Score_RPackageCustomerTable_MatchesAll39999Rows()
    {
        var result = RfmAnalyzer.Score(RfmReferenceData.Customers());

        Assert.Equal(39_999, result.Customers.Count);
        Assert.Equal(0, CountMismatches(result, "expected_rfm_table_customer_default5.csv"));
    }

    [Theory]
    [InlineData("vignette", "expected_segments_vignette.csv", "expected_segment_summary_vignette.csv")]
    [InlineData("testsuite", "expected_segments_testsuite.csv", "expected_segment_summary_testsuite.csv")]
    public void Analyze_SegmentRuleTables_MatchEverySegmentAndCount(string rules, string expectedSegments, string expectedSummary)
    {
        var scheme = rules == "vignette" ? RfmSegmentScheme.RPackageVignette : LoadScheme("segment_rules_testsuite.csv");

        var result = RfmAnalyzer.Analyze(RfmReferenceData.Orders(), RfmReferenceData.OrdersAsOf, new RfmOptions { Scheme = scheme });

        var bySegment = result.Customers.ToDictionary(c => c.CustomerId, c => c.Segment, StringComparer.Ordinal);
        Assert.All(RfmReferenceData.Rows(expectedSegments), e => Assert.Equal(e["segment"], bySegment[e["customer_id"]]));
        var summary = result.Segments.ToDictionary(s => s.Segment, StringComparer.Ordinal);
        foreach (var e in RfmReferenceData.Rows(expectedSummary))
        {
            var s = summary[e["segment"]];
            Assert.Equal(int.Parse(e["customers"], CultureInfo.InvariantCulture), s.Customers);
            Assert.Equal(long.Parse(e["orders"], CultureInfo.InvariantCulture), s.Orders);
            Assert.Equal(decimal.Parse(e["revenue"], CultureInfo.InvariantCulture), s.Revenue);
        }
    }

    [Fact]
    public void Analyze_VignetteScheme_HasTheRulesFileInOrder()
    {
        var fromFile = LoadScheme("segment_rules_vignette.csv");

        Assert.Equal(fromFile.Rules, RfmSegmentScheme.RPackageVignette.Rules);
    }

    [Fact]
    public void Analyze_ColumnarPath_EqualsRecordPath()
    {
        var orders = RfmReferenceData.Orders();
        var ids = orders.Select(o => o.CustomerId).Distinct().ToList();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);

        var columnar = RfmAnalyzer.Analyze(
            orders.Select(o => index[o.CustomerId]).ToArray(),
            orders.Select(o => o.Date.DayNumber).ToArray(),
            orders.Select(o => (double)o.Amount).ToArray(),
            ids,
            RfmReferenceData.OrdersAsOf);
        var records = RfmAnalyzer.Analyze(orders, RfmReferenceData.OrdersAsOf);

        Assert.Equal(records.Customers, columnar.Customers);
    }

    [Fact]
    public void Analyze_EqualCount_FillsBinsEvenly()
    {
        var customers = Enumerable.Range(0, 100).Select(i => new CustomerActivity($"c{i:D3}", i, 1 + (i % 7), i * 10m)).ToList();

        var result = RfmAnalyzer.Score(customers, new RfmOptions { Binning = RfmBinning.EqualCount });

        Assert.All(Enumerable.Range(1, 5), m => Assert.Equal(20, result.Customers.Count(c => c.M == m)));
    }

    [Fact]
    public void Analyze_TransactionAfterAsOf_ThrowsArgumentException()
    {
        var orders = new[] { new TransactionRecord("a", new DateOnly(2025, 1, 2), 10m) };

        Assert.Throws<ArgumentException>(() => RfmAnalyzer.Analyze(orders, new DateOnly(2025, 1, 1)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void Analyze_BinsOutOfRange_ThrowsArgumentException(int bins)
    {
        Assert.Throws<ArgumentException>(() => RfmAnalyzer.Score([new CustomerActivity("a", 1, 1, 1m)], new RfmOptions { Bins = bins }));
    }

    [Fact]
    public void Analyze_FixedWithoutBreaks_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => RfmAnalyzer.Score([new CustomerActivity("a", 1, 1, 1m)], new RfmOptions { Binning = RfmBinning.Fixed }));
    }

    [Fact]
    public void Analyze_NoTransactions_ReturnsEmptyResult()
    {
        var result = RfmAnalyzer.Analyze([], new DateOnly(2025, 1, 1));

        Assert.Empty(result.Customers);
        Assert.Empty(result.Segments);
    }

    [Fact]
    public void RecencyFrequency10_CoversEveryCellOfTheGridExactlyOnce()
    {
        var scheme = RfmSegmentScheme.RecencyFrequency10;

        var cells = from r in Enumerable.Range(1, 5) from f in Enumerable.Range(1, 5) select scheme.Rules.Count(rule => rule.RecencyMin <= r && r <= rule.RecencyMax && rule.FrequencyMin <= f && f <= rule.FrequencyMax);

        Assert.All(cells, count => Assert.Equal(1, count));
    }

    private static int CountMismatches(RfmResult result, string expectedFile)
    {
        var actual = result.Customers.ToDictionary(c => c.CustomerId, StringComparer.Ordinal);
        var mismatches = 0;
        foreach (var e in RfmReferenceData.Rows(expectedFile))
        {
            var a = actual[e["customer_id"]];
            var same = a.RecencyDays == int.Parse(e["recency_days"], CultureInfo.InvariantCulture)
                && a.Frequency == int.Parse(e["transaction_count"], CultureInfo.InvariantCulture)
                && a.Monetary == decimal.Parse(e["amount"], CultureInfo.InvariantCulture)
                && a.R == int.Parse(e["recency_score"], CultureInfo.InvariantCulture)
                && a.F == int.Parse(e["frequency_score"], CultureInfo.InvariantCulture)
                && a.M == int.Parse(e["monetary_score"], CultureInfo.InvariantCulture)
                && a.Score == int.Parse(e["rfm_score"], CultureInfo.InvariantCulture);
            mismatches += same ? 0 : 1;
        }

        return mismatches;
    }

    private static RfmSegmentScheme LoadScheme(string file) => new(file, [.. RfmReferenceData.Rows(file)
        .OrderBy(r => int.Parse(r["order"], CultureInfo.InvariantCulture))
        .Select(r => new RfmSegmentRule(
            r["segment"],
            int.Parse(r["recency_lower"], CultureInfo.InvariantCulture), int.Parse(r["recency_upper"], CultureInfo.InvariantCulture),
            int.Parse(r["frequency_lower"], CultureInfo.InvariantCulture), int.Parse(r["frequency_upper"], CultureInfo.InvariantCulture),
            int.Parse(r["monetary_lower"], CultureInfo.InvariantCulture), int.Parse(r["monetary_upper"], CultureInfo.InvariantCulture)))]);
}
