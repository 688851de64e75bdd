using System.Globalization;

namespace CustomerCore.Routing;

/// <summary>Holds a symmetric TSPLIB instance (EUC_2D, ATT or GEO) and solves it with the visit-order solver.</summary>
/// <remarks>Distances follow TSPLIB95 exactly: EUC_2D rounds to the nearest integer, ATT is pseudo-Euclidean with
/// rounding up, GEO uses the TSPLIB sphere (radius 6378.388 km) with degrees.minutes coordinates.</remarks>
public sealed class TsplibInstance
{
    private TsplibInstance(string name, string edgeWeightType, double[] x, double[] y)
    {
        Name = name;
        EdgeWeightType = edgeWeightType;
        X = x;
        Y = y;
    }

    /// <summary>Gets the instance name.</summary>
    public string Name { get; }

    /// <summary>Gets the distance convention: <c>EUC_2D</c>, <c>ATT</c> or <c>GEO</c>.</summary>
    public string EdgeWeightType { get; }

    /// <summary>Gets the number of nodes.</summary>
    public int Dimension => X.Length;

    private double[] X { get; }

    private double[] Y { get; }

    /// <summary>Parses a <c>.tsp</c> file's text.</summary>
    /// <param name="text">The file contents.</param>
    /// <returns>The instance.</returns>
    /// <exception cref="FormatException">The text is not a supported TSPLIB instance.</exception>
    public static TsplibInstance Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string name = "unnamed", type = string.Empty;
        var dimension = -1;
        double[]? x = null, y = null;
        using var reader = new StringReader(text);
        var inCoords = false;
        var read = 0;
        while (reader.ReadLine() is { } raw)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!inCoords)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var key = (colon >= 0 ? line[..colon] : line).Trim().ToUpperInvariant();
                var value = colon >= 0 ? line[(colon + 1)..].Trim() : string.Empty;
                switch (key)
                {
                    case "NAME":
                        name = value;
                        break;
                    case "DIMENSION":
                        dimension = int.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "EDGE_WEIGHT_TYPE":
                        type = value.ToUpperInvariant();
                        break;
                    case "NODE_COORD_SECTION":
                        if (dimension <= 0)
                        {
                            throw new FormatException("DIMENSION must come before NODE_COORD_SECTION.");
                        }

                        x = new double[dimension];
                        y = new double[dimension];
                        inCoords = true;
                        break;
                    case "EOF":
                        break;
                    default:
                        break;
                }

                continue;
            }

            if (line.Equals("EOF", StringComparison.OrdinalIgnoreCase) || read == dimension)
            {
                break;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3)
            {
                throw new FormatException($"Coordinate line {read + 1} has fewer than three fields.");
            }

            var node = int.Parse(parts[0], CultureInfo.InvariantCulture) - 1;
            if (node < 0 || node >= dimension)
            {
                throw new FormatException($"Node id {node + 1} is outside 1..{dimension}.");
            }

            x![node] = double.Parse(parts[1], CultureInfo.InvariantCulture);
            y![node] = double.Parse(parts[2], CultureInfo.InvariantCulture);
            read++;
        }

        if (type is not ("EUC_2D" or "ATT" or "GEO"))
        {
            throw new FormatException($"EDGE_WEIGHT_TYPE '{type}' is not supported; use EUC_2D, ATT or GEO.");
        }

        if (x is null || read != dimension)
        {
            throw new FormatException($"Expected {dimension} coordinates, found {read}.");
        }

        return new TsplibInstance(name, type, x, y!);
    }

    /// <summary>Computes the TSPLIB distance between two nodes (0-based).</summary>
    /// <param name="i">The first node.</param>
    /// <param name="j">The second node.</param>
    /// <returns>The integer distance.</returns>
    public int Distance(int i, int j)
    {
        if (i == j)
        {
            return 0;
        }

        switch (EdgeWeightType)
        {
            case "EUC_2D":
                {
                    var dx = X[i] - X[j];
                    var dy = Y[i] - Y[j];
                    return (int)Math.Floor(Math.Sqrt((dx * dx) + (dy * dy)) + 0.5); // nint
                }

            case "ATT":
                {
                    var dx = X[i] - X[j];
                    var dy = Y[i] - Y[j];
                    var r = Math.Sqrt(((dx * dx) + (dy * dy)) / 10.0);
                    var t = (int)Math.Floor(r + 0.5);
                    return t < r ? t + 1 : t;
                }

            default:
                {
                    // TSPLIB95 GEO: coordinates are DDD.MM; PI = 3.141592; RRR = 6378.388.
                    const double Pi = 3.141592;
                    const double Rrr = 6378.388;
                    static double Rad(double v)
                    {
                        var deg = Math.Truncate(v);
                        var min = v - deg;
                        return Pi * (deg + (5.0 * min / 3.0)) / 180.0;
                    }

                    double lati = Rad(X[i]), longi = Rad(Y[i]), latj = Rad(X[j]), longj = Rad(Y[j]);
                    var q1 = Math.Cos(longi - longj);
                    var q2 = Math.Cos(lati - latj);
                    var q3 = Math.Cos(lati + latj);
                    return (int)((Rrr * Math.Acos(0.5 * (((1.0 + q1) * q2) - ((1.0 - q1) * q3)))) + 1.0);
                }
        }
    }

    /// <summary>Computes the length of a closed tour.</summary>
    /// <param name="tour">Every node once, 0-based.</param>
    /// <returns>The length.</returns>
    /// <exception cref="ArgumentException">The tour does not visit every node exactly once.</exception>
    public long TourLength(IReadOnlyList<int> tour)
    {
        ArgumentNullException.ThrowIfNull(tour);
        var seen = new bool[Dimension];
        if (tour.Count != Dimension)
        {
            throw new ArgumentException("The tour must visit every node exactly once.", nameof(tour));
        }

        foreach (var t in tour)
        {
            if (t < 0 || t >= Dimension || seen[t])
            {
                throw new ArgumentException("The tour must visit every node exactly once.", nameof(tour));
            }

            seen[t] = true;
        }

        long total = 0;
        for (var i = 0; i < tour.Count; i++)
        {
            total += Distance(tour[i], tour[(i + 1) % tour.Count]);
        }

        return total;
    }

    /// <summary>Finds a short closed tour within a time budget.</summary>
    /// <param name="timeBudget">The most time to spend; must be positive.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="maxIterations">An iteration cap; when it, not the clock, ends the search, the same seed gives the same tour.</param>
    /// <param name="cancellationToken">Stops the search early, returning the best tour so far.</param>
    /// <returns>The tour, 0-based, starting at node 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The budget is not positive or the cap is negative.</exception>
    public IReadOnlyList<int> Solve(TimeSpan timeBudget, int seed = 1, int maxIterations = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeBudget, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        var n = Dimension;
        var matrix = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                matrix[(i * n) + j] = matrix[(j * n) + i] = Distance(i, j);
            }
        }

        var tour = new TourSolver(matrix, n).Solve(seed, timeBudget, maxIterations, cancellationToken);
        var zero = Array.IndexOf(tour, 0);
        return [.. tour[zero..], .. tour[..zero]];
    }
}
