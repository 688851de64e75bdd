using BenchmarkDotNet.Attributes;
using CustomerCore.Addresses;

namespace CustomerCore.Benchmarks.Addresses;

/// <summary>Cost of standardizing one address of each shape (Chinese full, Chinese with completion and renaming, and
/// a batch of 1,000 mixed addresses); the gazetteer is loaded once in setup, so these are steady-state per-call costs.</summary>
[MemoryDiagnoser]
public class AddressBenchmarks
{
    private readonly AddressStandardizer _standardizer = new();
    private string[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        _standardizer.Standardize("北京市");
        string[] shapes =
        [
            "北京朝阳区建国路88号SOHO现代城5号楼1单元1203", "浙江杭州江干区九堡镇", "广东省深圳市南山区科技园１２号",
            "苏州市工业园区星湖街328号", "西湖区文三路", "上海市徐汇区虹漕路461号58号楼5楼", "重庆解放碑",
            "四川省成都市武侯区人民南路四段1号", "新疆巴音郭楞", "湖北省襄樊市樊城区长征路",
        ];
        var random = new Random(7);
        _batch = [.. Enumerable.Range(0, 1_000).Select(_ => shapes[random.Next(shapes.Length)])];
    }

    [Benchmark]
    public AddressStatus ChineseFull() => _standardizer.Standardize("北京朝阳区建国路88号SOHO现代城5号楼1单元1203").Status;

    [Benchmark]
    public AddressStatus ChineseRenamedAndCompleted() => _standardizer.Standardize("浙江杭州江干区九堡镇").Status;

    [Benchmark(OperationsPerInvoke = 1_000)]
    public int MixedBatchOf1000()
    {
        var found = 0;
        foreach (var a in _batch)
        {
            found += _standardizer.Standardize(a).Components.Count;
        }

        return found;
    }
}
