using System.Diagnostics;
using System.Globalization;
using CustomerCore.Benchmarks.Infrastructure;
using CustomerCore.Segmentation;
using CustomerCore.TestSupport;

namespace CustomerCore.Benchmarks.Segmentation;

/// <summary>Compares RFM with the R rfm package's answer keys, BG/NBD and Gamma-Gamma with the published CDNOW figures,
/// and times UCI Online Retail end to end and a 50M-transaction columnar pass; prints one table.</summary>
public sealed class SegmentationEvaluator : IEvaluator
{
    public string Name => "segmentation";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = new List<(string Check, string Result, string Target)>();
        var orders = RfmReferenceData.Orders();
        rows.Add(("R rfm order table, default 5 bins", Agreement(RfmAnalyzer.Analyze(orders, RfmReferenceData.OrdersAsOf), "expected_rfm_table_order_default5.csv"), "995/995"));
        var custom = new RfmOptions { Binning = RfmBinning.Fixed, RecencyBreaks = [115, 181, 297, 482], FrequencyBreaks = [4, 5, 6, 8], MonetaryBreaks = [256, 382, 506, 666] };
        rows.Add(("R rfm order table, custom thresholds", Agreement(RfmAnalyzer.Analyze(orders, RfmReferenceData.OrdersAsOf, custom), "expected_rfm_table_order_custom_thresholds.csv"), "995/995"));
        rows.Add(("R rfm customer table, default 5 bins", Agreement(RfmAnalyzer.Score(RfmReferenceData.Customers()), "expected_rfm_table_customer_default5.csv"), "39999/39999"));
        var vignette = RfmAnalyzer.Analyze(orders, RfmReferenceData.OrdersAsOf);
        rows.Add(("R rfm vignette segment summary rows equal", SummaryAgreement(vignette, "expected_segment_summary_vignette.csv"), "10/10"));

        var cdnow = RfmReferenceData.CdnowHistories();
        var sw = Stopwatch.StartNew();
        var bg = LifetimeValueModels.FitBgNbd(cdnow);
        var bgMs = sw.Elapsed.TotalMilliseconds;
        rows.Add(("BG/NBD CDNOW r, α, a, b (paper 0.243, 4.414, 0.793, 2.426)", string.Create(CultureInfo.InvariantCulture, $"{bg.R:F4}, {bg.Alpha:F4}, {bg.A:F4}, {bg.B:F4}; LL {bg.LogLikelihood:F1}; {bgMs:F0} ms"), "each within 0.001"));
        var gg = LifetimeValueModels.FitGammaGamma(cdnow);
        rows.Add(("Gamma-Gamma CDNOW p, q, γ (published 6.25, 3.74, 15.44)", string.Create(CultureInfo.InvariantCulture, $"{gg.P:F4}, {gg.Q:F4}, {gg.Gamma:F4}"), "each within 0.01"));

        sw.Restart();
        var (invoices, read, kept) = UciOnlineRetail.Load();
        var uci = RfmAnalyzer.Analyze(invoices, new DateOnly(2011, 12, 10));
        var uciMs = sw.Elapsed.TotalMilliseconds;
        rows.Add(("UCI Online Retail read + clean + RFM", string.Create(CultureInfo.InvariantCulture, $"{read:N0} rows, {kept:N0} kept, {invoices.Count:N0} invoices, {uci.Customers.Count:N0} customers in {uciMs:F0} ms"), "< 1000 ms"));

        foreach (var customers in new[] { 100_000, 1_000_000 })
        {
            var (perSecond, n) = ColumnarThroughput(customers);
            rows.Add(("Columnar aggregation + scoring throughput", string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:F1} M transactions/s ({n / 1e6:F0} M tx, {customers:N0} customers)"), "≥ 50 M/s"));
        }

        Console.WriteLine("| check | result | target |");
        Console.WriteLine("|---|---|---|");
        foreach (var (check, result, target) in rows)
        {
            Console.WriteLine($"| {check} | {result} | {target} |");
        }

        return Task.FromResult(0);
    }

    private static (double PerSecond, int Count) ColumnarThroughput(int Customers)
    {
        const int N = 50_000_000;
        var random = new Random(42);
        var customer = new int[N];
        var day = new int[N];
        var amount = new double[N];
        var start = new DateOnly(2023, 1, 1).DayNumber;
        for (var i = 0; i < N; i++)
        {
            customer[i] = random.Next(Customers);
            day[i] = start + random.Next(730);
            amount[i] = random.Next(1, 50_000) / 100.0;
        }

        var ids = Enumerable.Range(0, Customers).Select(i => i.ToString("D7", CultureInfo.InvariantCulture)).ToArray();
        RfmAnalyzer.Analyze(customer.AsSpan(0, 1000), day.AsSpan(0, 1000), amount.AsSpan(0, 1000), ids, new DateOnly(2025, 1, 1)); // warm up
        var sw = Stopwatch.StartNew();
        var result = RfmAnalyzer.Analyze(customer, day, amount, ids, new DateOnly(2025, 1, 1));
        var seconds = sw.Elapsed.TotalSeconds;
        GC.KeepAlive(result);
        return (N / seconds, N);
    }

    private static string Agreement(RfmResult result, string file)
    {
        var actual = result.Customers.ToDictionary(c => c.CustomerId, StringComparer.Ordinal);
        int total = 0, same = 0;
        foreach (var e in RfmReferenceData.Rows(file))
        {
            total++;
            var a = actual[e["customer_id"]];
            if (a.R.ToString(CultureInfo.InvariantCulture) == e["recency_score"] && a.F.ToString(CultureInfo.InvariantCulture) == e["frequency_score"]
                && a.M.ToString(CultureInfo.InvariantCulture) == e["monetary_score"] && a.RecencyDays.ToString(CultureInfo.InvariantCulture) == e["recency_days"])
            {
                same++;
            }
        }

        return $"{same}/{total}";
    }

    private static string SummaryAgreement(RfmResult result, string file)
    {
        var summary = result.Segments.ToDictionary(s => s.Segment, StringComparer.Ordinal);
        int total = 0, same = 0;
        foreach (var e in RfmReferenceData.Rows(file))
        {
            total++;
            if (summary.TryGetValue(e["segment"], out var s) && s.Customers.ToString(CultureInfo.InvariantCulture) == e["customers"]
                && s.Orders.ToString(CultureInfo.InvariantCulture) == e["orders"] && s.Revenue == decimal.Parse(e["revenue"], CultureInfo.InvariantCulture))
            {
                same++;
            }
        }

        return $"{same}/{total}";
    }
}
