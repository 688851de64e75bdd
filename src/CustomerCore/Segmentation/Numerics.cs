namespace CustomerCore.Segmentation;

/// <summary>Holds the special functions and the optimizer the lifetime-value models need.</summary>
internal static class Numerics
{
    private static readonly double[] s_lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>Computes ln Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9; about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var a = s_lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += s_lanczos[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    /// <summary>Computes the Gauss hypergeometric function ₂F₁(a, b; c; z) for |z| &lt; 1 by its power series.</summary>
    public static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        double term = 1, sum = 1;
        for (var n = 0; n < 100_000; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) < 1e-15 * Math.Abs(sum))
            {
                break;
            }
        }

        return sum;
    }

    /// <summary>Minimizes a function with the Nelder-Mead simplex method; returns the best point found.</summary>
    public static double[] NelderMead(Func<double[], double> f, double[] start, double step = 0.5, double tolerance = 1e-10, int maxIterations = 20_000)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            simplex[i] = (double[])start.Clone();
            if (i > 0)
            {
                simplex[i][i - 1] += step;
            }

            values[i] = f(simplex[i]);
        }

        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            Array.Sort(values, simplex);
            if (Math.Abs(values[n] - values[0]) < tolerance * (Math.Abs(values[0]) + tolerance))
            {
                break;
            }

            var centroid = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    centroid[j] += simplex[i][j] / n;
                }
            }

            double[] Along(double t) => [.. centroid.Select((c, j) => c + (t * (simplex[n][j] - c)))];
            var reflected = Along(-1);
            var fr = f(reflected);
            if (fr < values[0])
            {
                var expanded = Along(-2);
                var fe = f(expanded);
                (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (simplex[n], values[n]) = (reflected, fr);
            }
            else
            {
                var contracted = fr < values[n] ? Along(-0.5) : Along(0.5);
                var fc = f(contracted);
                if (fc < Math.Min(fr, values[n]))
                {
                    (simplex[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        simplex[i] = [.. simplex[i].Select((v, j) => simplex[0][j] + (0.5 * (v - simplex[0][j])))];
                        values[i] = f(simplex[i]);
                    }
                }
            }
        }

        Array.Sort(values, simplex);
        return simplex[0];
    }
}
