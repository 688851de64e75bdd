using System.Globalization;
using BenchmarkDotNet.Attributes;
using CustomerCore.Addresses.Latin;

namespace CustomerCore.Benchmarks.Addresses.Latin;

/// <summary>US / Latin-script address parsing throughput on generated addresses (street, unit, PO box, no-comma and foreign shapes).</summary>
[MemoryDiagnoser]
public class LatinAddressBenchmarks
{
    private string[] _inputs = [];

    [Params(10_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        string[] streets = ["Marietta St NW", "Pennsylvania Avenue", "N. Michigan Ave", "West 42nd Street", "Paces Ferry Road", "County Road 12", "Lake Shore Dr"];
        string[] cities = ["Atlanta GA", "Washington, DC", "Chicago, IL", "New York NY", "Cedar Rapids, Iowa", "west palm beach fl"];
        string[] shapes =
        [
            "{0} {1}, {2} {3}",
            "{0} {1} Apt {4}, {2} {3}",
            "{0} {1} Suite {4} {2} {3}-1234",
            "P.O. Box {0}, {2} {3}",
            "Attn: Jane Roe, {0} {1}, {2} {3}, USA",
            "{0} {1}",
            "{0} {1}, Toronto, ON M5V 2T6, Canada",
        ];
        _inputs = new string[Records];
        for (var i = 0; i < Records; i++)
        {
            _inputs[i] = string.Format(
                CultureInfo.InvariantCulture,
                shapes[random.Next(shapes.Length)],
                random.Next(1, 20_000),
                streets[random.Next(streets.Length)],
                cities[random.Next(cities.Length)],
                random.Next(10_000, 99_999),
                random.Next(1, 500));
        }

        UsAddressParser.Parse(_inputs[0]);
    }

    [Benchmark]
    public int Parse()
    {
        var spans = 0;
        foreach (var input in _inputs)
        {
            spans += UsAddressParser.Parse(input).Spans.Count;
        }

        return spans;
    }
}
