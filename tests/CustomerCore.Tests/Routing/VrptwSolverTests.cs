using CustomerCore.Routing;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Routing;

public sealed class VrptwSolverTests
{
    // An iteration cap with an unbounded clock keeps the runs deterministic and the quality floor independent of machine speed.
    private static VrptwSolution Solve(VrptwProblem problem, int seed = 1, int iterations = 3_000) =>
        new VrptwSolver(problem).Solve(seed, TimeSpan.MaxValue, iterations, CancellationToken.None);

    [Theory]
    [InlineData("C101", 828.94, 3.0)]
    [InlineData("R101", 1642.88, 6.0)]
    public void Solve_SolomonInstance_IsFeasibleAndCloseToBestKnown(string name, double bestKnown, double maxGapPercent)
    {
        var problem = SolomonInstance.Parse(File.ReadAllText(SharedData.PathOf("solomon", name + ".txt")));

        var solution = Solve(problem);

        Assert.Null(VrptwSolver.FindViolation(problem, solution));
        Assert.Empty(solution.Unassigned);
        Assert.InRange(100 * (solution.Distance - bestKnown) / bestKnown, -1.0, maxGapPercent); // below -1 % would mean a measuring bug
    }

    [Fact]
    public void Solve_SameSeed_GivesTheSameRoutes()
    {
        var problem = SolomonInstance.Parse(File.ReadAllText(SharedData.PathOf("solomon", "RC101.txt")));

        var first = Solve(problem, seed: 7, iterations: 500);
        var second = Solve(problem, seed: 7, iterations: 500);

        Assert.Equal(first.Distance, second.Distance);
        Assert.Equal(first.Routes.Select(r => string.Join(',', r)), second.Routes.Select(r => string.Join(',', r)));
    }

    [Fact]
    public void Solve_CustomerThatNoVehicleCanReachInTime_IsReportedUnassigned()
    {
        // Depot 0, customer 1 easy, customer 2 closes before anyone can get there, customer 3 too heavy for the vehicle.
        double[] d =
        [
            0, 10, 50, 10,
            10, 0, 45, 5,
            50, 45, 0, 45,
            10, 5, 45, 0,
        ];
        var problem = new VrptwProblem
        {
            Nodes = 4, Distance = d, Travel = d, Ready = [0, 0, 0, 0], Due = [1000, 100, 20, 100], Service = [0, 5, 5, 5],
            Demand = [0, 1, 1, 9], Capacity = 5, VehicleStart = [0, 0], VehicleEnd = [1000, 1000],
        };

        var solution = Solve(problem, iterations: 200);

        Assert.Equal([2, 3], solution.Unassigned);
        Assert.Null(VrptwSolver.FindViolation(problem, solution));
        Assert.Equal(20, solution.Distance, 6);
    }

    [Fact]
    public void FindViolation_LateCustomer_IsReported()
    {
        var problem = SolomonInstance.Parse(File.ReadAllText(SharedData.PathOf("solomon", "C101.txt")));
        int[][] routes = [[.. Enumerable.Range(1, problem.Nodes - 1)], .. Enumerable.Repeat(Array.Empty<int>(), problem.Vehicles - 1)];

        Assert.NotNull(VrptwSolver.FindViolation(problem, new VrptwSolution(routes, 0, [])));
    }

    [Fact]
    public void Parse_NotAnInstance_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => SolomonInstance.Parse("NAME: berlin52\nTYPE: TSP\n"));
    }
}
