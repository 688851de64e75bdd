using BenchmarkDotNet.Attributes;
using CustomerCore.Segmentation;

namespace CustomerCore.Benchmarks.Segmentation;

/// <summary>RFM aggregation and scoring throughput: columnar spans (the hot path) and the record path.</summary>
[MemoryDiagnoser]
public class SegmentationBenchmarks
{
    private int[] _customer = [];
    private int[] _day = [];
    private double[] _amount = [];
    private string[] _ids = [];
    private TransactionRecord[] _records = [];

    [Params(1_000_000, 10_000_000)]
    public int Transactions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var customers = Math.Max(1, Transactions / 20);
        _ids = [.. Enumerable.Range(0, customers).Select(i => i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture))];
        _customer = new int[Transactions];
        _day = new int[Transactions];
        _amount = new double[Transactions];
        var start = new DateOnly(2023, 1, 1).DayNumber;
        for (var i = 0; i < Transactions; i++)
        {
            _customer[i] = random.Next(customers);
            _day[i] = start + random.Next(730);
            _amount[i] = random.Next(1, 50_000) / 100.0;
        }

        _records = Transactions <= 1_000_000
            ? [.. Enumerable.Range(0, Transactions).Select(i => new TransactionRecord(_ids[_customer[i]], DateOnly.FromDayNumber(_day[i]), (decimal)_amount[i]))]
            : [];
    }

    [Benchmark(Baseline = true)]
    public int AggregateOnlyColumnar()
    {
        var last = new int[_ids.Length];
        var frequency = new int[_ids.Length];
        var monetary = new double[_ids.Length];
        RfmAnalyzer.Aggregate(_customer, _day, _amount, last, frequency, monetary);
        return frequency[0];
    }

    [Benchmark]
    public int AggregateAndScoreColumnar() => RfmAnalyzer.Analyze(_customer, _day, _amount, _ids, new DateOnly(2025, 1, 1)).Customers.Count;

    [Benchmark]
    public int AggregateAndScoreRecords() => _records.Length == 0 ? 0 : RfmAnalyzer.Analyze(_records, new DateOnly(2025, 1, 1)).Customers.Count;
}
