using CustomerCore.Customers;

namespace CustomerCore.Routing;

/// <summary>Says where a route ends.</summary>
public enum RouteEnd
{
    /// <summary>Back at the start (a closed tour).</summary>
    ReturnToStart = 0,

    /// <summary>At the last stop, wherever it is.</summary>
    Anywhere = 1,

    /// <summary>At <see cref="RouteRequest.EndPoint"/>.</summary>
    Fixed = 2,
}

/// <summary>Represents the hours during which a stop can be visited.</summary>
/// <param name="Opens">The earliest service start.</param>
/// <param name="Closes">The latest service start.</param>
public readonly record struct TimeWindow(DateTimeOffset Opens, DateTimeOffset Closes);

/// <summary>Represents one customer to visit.</summary>
public sealed record RouteStop
{
    /// <summary>Gets the caller's id for the stop (e.g. a customer id).</summary>
    public required string Id { get; init; }

    /// <summary>Gets where the stop is.</summary>
    public required GeoPoint Location { get; init; }

    /// <summary>Gets how long the visit takes.</summary>
    public TimeSpan ServiceTime { get; init; }

    /// <summary>Gets when the visit may start, if restricted.</summary>
    public TimeWindow? Window { get; init; }
}

/// <summary>Asks for the best order to visit stops from a start point.</summary>
public sealed record RouteRequest
{
    /// <summary>Gets where the rep starts.</summary>
    public required GeoPoint Start { get; init; }

    /// <summary>Gets where the route ends.</summary>
    public RouteEnd End { get; init; }

    /// <summary>Gets the end point when <see cref="End"/> is <see cref="RouteEnd.Fixed"/>.</summary>
    public GeoPoint? EndPoint { get; init; }

    /// <summary>Gets the stops to visit.</summary>
    public required IReadOnlyList<RouteStop> Stops { get; init; }

    /// <summary>Gets when the rep leaves the start.</summary>
    public DateTimeOffset DepartAt { get; init; }

    /// <summary>Gets the most time the solver may spend.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the random seed; with an iteration cap that ends the search first, equal seeds give equal routes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the iteration cap of the improvement phase without time windows (with windows the cap grows with the stop count).</summary>
    public int MaxIterations { get; init; } = 2_000;
}

/// <summary>Describes the visit to one stop: the leg that reaches it and the times there.</summary>
/// <param name="StopId">The stop's id.</param>
/// <param name="DistanceMetres">The length of the leg from the previous point.</param>
/// <param name="TravelTime">The time the leg takes.</param>
/// <param name="Arrival">When the rep arrives.</param>
/// <param name="ServiceStart">When the visit starts (later than arrival when the window opens later).</param>
/// <param name="Departure">When the rep leaves.</param>
public sealed record RouteVisit(string StopId, double DistanceMetres, TimeSpan TravelTime, DateTimeOffset Arrival, DateTimeOffset ServiceStart, DateTimeOffset Departure);

/// <summary>Names a stop that the route cannot serve, and why.</summary>
/// <param name="StopId">The stop's id.</param>
/// <param name="Reason">Why it is left out.</param>
public sealed record UnservedStop(string StopId, string Reason);

/// <summary>Holds a planned route: the visits in order, totals, and the stops that could not be served.</summary>
/// <param name="Visits">The visits in order.</param>
/// <param name="TotalDistanceMetres">The distance from start to end, including the leg to the end point.</param>
/// <param name="TotalDuration">The time from departure to arrival at the end, service and waiting included.</param>
/// <param name="Unserved">The stops left out, with reasons; never silently dropped.</param>
public sealed record RoutePlan(IReadOnlyList<RouteVisit> Visits, double TotalDistanceMetres, TimeSpan TotalDuration, IReadOnlyList<UnservedStop> Unserved);

/// <summary>Represents travel distances and times between points, from any source (great circle, a road network).</summary>
public sealed class DistanceMatrix
{
    private readonly double[] _metres;
    private readonly double[] _seconds;

    /// <summary>Initializes a matrix from row-major arrays of size <paramref name="count"/> squared.</summary>
    /// <param name="count">The number of points.</param>
    /// <param name="metres">The distances in metres.</param>
    /// <param name="seconds">The travel times in seconds.</param>
    /// <exception cref="ArgumentException">An array has the wrong size or holds a negative or non-finite value.</exception>
    public DistanceMatrix(int count, double[] metres, double[] seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(metres);
        ArgumentNullException.ThrowIfNull(seconds);
        if (metres.Length != count * count || seconds.Length != count * count)
        {
            throw new ArgumentException("Both arrays must hold count × count values, row by row.");
        }

        foreach (var v in (double[])[.. metres, .. seconds])
        {
            if (!double.IsFinite(v) || v < 0)
            {
                throw new ArgumentException("Distances and times must be finite and non-negative.");
            }
        }

        Count = count;
        _metres = metres;
        _seconds = seconds;
    }

    /// <summary>Gets the number of points.</summary>
    public int Count { get; }

    /// <summary>Gets the distance in metres from one point to another.</summary>
    /// <param name="from">The origin index.</param>
    /// <param name="to">The destination index.</param>
    /// <returns>The distance.</returns>
    public double Metres(int from, int to) => _metres[(from * Count) + to];

    /// <summary>Gets the travel time from one point to another.</summary>
    /// <param name="from">The origin index.</param>
    /// <param name="to">The destination index.</param>
    /// <returns>The travel time.</returns>
    public TimeSpan Travel(int from, int to) => TimeSpan.FromSeconds(_seconds[(from * Count) + to]);

    internal double Seconds(int from, int to) => _seconds[(from * Count) + to];
}

/// <summary>Supplies travel distances and times between points; replace the great-circle default with a road network (e.g. OSRM).</summary>
public interface IDistanceMatrixProvider
{
    /// <summary>Computes the matrix for the points, in the given order.</summary>
    /// <param name="points">The points.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The matrix.</returns>
    Task<DistanceMatrix> GetMatrixAsync(IReadOnlyList<GeoPoint> points, CancellationToken cancellationToken = default);
}

/// <summary>Plans the order in which one rep visits customers.</summary>
public interface IRoutePlanner
{
    /// <summary>Orders the stops to keep the route short and inside opening hours.</summary>
    /// <param name="request">The start, stops, end and budget.</param>
    /// <param name="cancellationToken">Stops the search early, keeping the best route so far.</param>
    /// <returns>The plan; stops that cannot be served within their windows are listed, not dropped.</returns>
    /// <exception cref="ArgumentException">The request has invalid points, duplicate stop ids or a fixed end without an end point.</exception>
    Task<RoutePlan> PlanAsync(RouteRequest request, CancellationToken cancellationToken = default);
}
