using BenchmarkDotNet.Attributes;
using CustomerCore.Deduplication;

namespace CustomerCore.Benchmarks.Deduplication;

/// <summary>End-to-end deduplication and entry-time checks over generated customers with realistic errors.</summary>
/// <remarks>The 1,000,000-record run is `evaluate dedupe --scale 1000000` (one shot, with memory figures); here sizes stay
/// small enough for BenchmarkDotNet's repeated runs on a 2-core machine.</remarks>
[MemoryDiagnoser]
public class DeduplicationBenchmarks
{
    private List<DedupeRecord> _records = [];
    private DuplicateDetector _detector = null!;
    private DuplicateIndex _index = null!;
    private DedupeRecord _probe = null!;

    [Params(10_000, 100_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_records, _) = DedupeGenerator.Generate(Size, seed: 12345);
        _detector = new DuplicateDetector(new DeduplicationOptions());
        _index = _detector.CreateIndex(_records);
        _probe = _records[Size / 2] with { Id = "probe", FamilyName = _records[Size / 2].FamilyName + "x" };
    }

    [Benchmark]
    public int Deduplicate() => _detector.Deduplicate(_records).Pairs.Count;

    [Benchmark]
    public int CheckOneRecord() => _index.FindDuplicates(_probe).Count;
}
