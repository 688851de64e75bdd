using System.Globalization;

namespace CustomerCore.Routing;

/// <summary>Reads a Solomon (1987) VRPTW instance: Euclidean distances in double precision, travel time equal to distance.</summary>
/// <remarks>Used by the evaluator and tests to score the VRPTW solver against published best-known solutions.</remarks>
internal static class SolomonInstance
{
    /// <summary>Parses the text of an instance file (the VEHICLE and CUSTOMER sections).</summary>
    /// <exception cref="FormatException">The text is not a Solomon instance.</exception>
    public static VrptwProblem Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var vehicles = -1;
        var capacity = -1;
        var rows = new List<double[]>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("NUMBER", StringComparison.Ordinal) && i + 1 < lines.Length)
            {
                var f = Fields(lines[i + 1]);
                (vehicles, capacity) = ((int)f[0], (int)f[1]);
            }
            else if (lines[i].Length > 0 && char.IsAsciiDigit(lines[i][0]) && vehicles > 0 && Fields(lines[i]) is { Length: 7 } row)
            {
                rows.Add(row);
            }
        }

        if (vehicles <= 0 || rows.Count < 2 || rows[0][0] != 0)
        {
            throw new FormatException("Not a Solomon VRPTW instance: expected a VEHICLE section and customer rows starting with the depot 0.");
        }

        var n = rows.Count;
        var distance = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                distance[(i * n) + j] = Math.Sqrt(Math.Pow(rows[i][1] - rows[j][1], 2) + Math.Pow(rows[i][2] - rows[j][2], 2));
            }
        }

        var starts = new double[vehicles];
        var ends = new double[vehicles];
        Array.Fill(starts, rows[0][4]);
        Array.Fill(ends, rows[0][5]);
        return new VrptwProblem
        {
            Nodes = n,
            Distance = distance,
            Travel = distance,
            Demand = [.. rows.Select(r => (int)r[3])],
            Ready = [.. rows.Select(r => r[4])],
            Due = [.. rows.Select(r => r[5])],
            Service = [.. rows.Select(r => r[6])],
            Capacity = capacity,
            VehicleStart = starts,
            VehicleEnd = ends,
        };
    }

    private static double[] Fields(string line) =>
        [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN)];
}
