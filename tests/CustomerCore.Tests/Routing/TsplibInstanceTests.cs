using CustomerCore.Routing;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Routing;

public sealed class TsplibInstanceTests
{
    [Theory]
    [InlineData("att48", 10628)]
    [InlineData("berlin52", 7542)]
    [InlineData("ulysses16", 6859)]
    [InlineData("gr96", 55209)]
    public void TourLength_OptimalTourFile_MatchesPublishedOptimum(string name, long optimum)
    {
        var instance = Load(name);
        var tour = ReadOptTour(name);

        var length = instance.TourLength(tour);

        Assert.Equal(optimum, length);
    }

    [Theory]
    [InlineData("ulysses16")]
    [InlineData("eil51")]
    [InlineData("kroA100")]
    public void Solve_SmallInstance_VisitsEveryNodeOnceWithin2PercentOfOptimal(string name)
    {
        var instance = Load(name);
        var optimum = ReadOptimum(name);

        var tour = instance.Solve(TimeSpan.FromSeconds(5), seed: 3, maxIterations: 300);

        Assert.Equal(Enumerable.Range(0, instance.Dimension), tour.Order());
        Assert.Equal(0, tour[0]);
        Assert.InRange(instance.TourLength(tour), optimum, (long)(optimum * 1.02));
    }

    [Fact]
    public void Solve_SameSeedAndIterationCap_GivesTheSameTour()
    {
        var instance = Load("eil76");

        var first = instance.Solve(TimeSpan.FromMinutes(1), seed: 9, maxIterations: 200);
        var second = instance.Solve(TimeSpan.FromMinutes(1), seed: 9, maxIterations: 200);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("NAME: x\nTYPE: TSP\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EXPLICIT\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n3 2 2\nEOF")]
    [InlineData("NAME: x\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 1\nEOF")]
    [InlineData("NODE_COORD_SECTION\n1 0 0")]
    [InlineData("NAME: x\nDIMENSION: 2\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0\n2 1 1\nEOF")]
    public void Parse_BadFile_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => TsplibInstance.Parse(text));
    }

    [Fact]
    public void TourLength_RepeatedNode_Throws()
    {
        var instance = Load("ulysses16");

        Assert.Throws<ArgumentException>(() => instance.TourLength([.. Enumerable.Repeat(0, 16)]));
    }

    internal static TsplibInstance Load(string name) => TsplibInstance.Parse(File.ReadAllText(SharedData.PathOf("tsplib", name + ".tsp")));

    private static long ReadOptimum(string name) =>
        File.ReadLines(SharedData.PathOf("tsplib", "optimal.csv")).Select(l => l.Split(',')).Where(p => p[0] == name).Select(p => long.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture)).Single();

    private static List<int> ReadOptTour(string name) =>
        [.. File.ReadLines(SharedData.PathOf("tsplib", name + ".opt.tour"))
            .SkipWhile(l => !l.StartsWith("TOUR_SECTION", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim())
            .TakeWhile(l => l != "-1" && l != "EOF")
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture) - 1)];
}
