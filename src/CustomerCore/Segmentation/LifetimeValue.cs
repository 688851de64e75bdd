namespace CustomerCore.Segmentation;

/// <summary>Represents a customer's repeat-purchase history in the BG/NBD form.</summary>
/// <param name="CustomerId">The customer's id.</param>
/// <param name="Frequency">x: the number of repeat purchases (purchase days after the first).</param>
/// <param name="Recency">t_x: time from the first to the last purchase, in periods (e.g. weeks).</param>
/// <param name="Age">T: time from the first purchase to the end of the calibration window, in the same periods.</param>
/// <param name="AverageRepeatValue">The mean value of the repeat purchases (0 when there are none).</param>
public readonly record struct RepeatHistory(string CustomerId, int Frequency, double Recency, double Age, double AverageRepeatValue);

/// <summary>Holds fitted BG/NBD parameters (Fader, Hardie and Lee 2005).</summary>
/// <param name="R">The shape of the purchase-rate gamma.</param>
/// <param name="Alpha">The scale of the purchase-rate gamma.</param>
/// <param name="A">The first dropout-beta parameter.</param>
/// <param name="B">The second dropout-beta parameter.</param>
/// <param name="LogLikelihood">The log-likelihood at the fit.</param>
public sealed record BgNbdModel(double R, double Alpha, double A, double B, double LogLikelihood)
{
    /// <summary>Computes the probability that a customer is still active ("alive").</summary>
    /// <param name="h">The customer's history.</param>
    /// <returns>P(alive) between 0 and 1.</returns>
    public double ProbabilityAlive(RepeatHistory h)
    {
        if (h.Frequency == 0)
        {
            return 1.0;
        }

        var log = Math.Log(A / (B + h.Frequency - 1)) + ((R + h.Frequency) * Math.Log((Alpha + h.Age) / (Alpha + h.Recency)));
        return 1.0 / (1.0 + Math.Exp(log));
    }

    /// <summary>Computes the expected number of purchases in the next <paramref name="periods"/> periods.</summary>
    /// <param name="h">The customer's history.</param>
    /// <param name="periods">The horizon, in the history's periods; must be non-negative.</param>
    /// <returns>The expected count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative.</exception>
    public double ExpectedPurchases(RepeatHistory h, double periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        double x = h.Frequency, tx = h.Recency, T = h.Age, t = periods;
        var z = t / (Alpha + T + t);
        var hyp = Numerics.Hypergeometric2F1(R + x, B + x, A + B + x - 1, z);
        var first = (A + B + x - 1) / (A - 1) * (1 - (Math.Pow((Alpha + T) / (Alpha + T + t), R + x) * hyp));
        var second = x > 0 ? A / (B + x - 1) * Math.Pow((Alpha + T) / (Alpha + tx), R + x) : 0;
        return first / (1 + second);
    }
}

/// <summary>Holds fitted Gamma-Gamma spend parameters (Fader and Hardie 2013).</summary>
/// <param name="P">The shape of the transaction-value gamma.</param>
/// <param name="Q">The shape of the customer-mean gamma.</param>
/// <param name="Gamma">The scale of the customer-mean gamma (γ).</param>
/// <param name="LogLikelihood">The log-likelihood at the fit.</param>
public sealed record GammaGammaModel(double P, double Q, double Gamma, double LogLikelihood)
{
    /// <summary>Computes the expected value of a customer's future purchases.</summary>
    /// <param name="h">The customer's history.</param>
    /// <returns>The expected average purchase value.</returns>
    public double ExpectedAverageValue(RepeatHistory h) =>
        P * (Gamma + (h.Frequency * h.AverageRepeatValue)) / ((P * h.Frequency) + Q - 1);
}

/// <summary>Fits the BG/NBD purchase model and the Gamma-Gamma spend model by maximum likelihood.</summary>
/// <remarks>Nelder-Mead on log-parameters (so they stay positive), from several starts; O(c) per likelihood evaluation.</remarks>
public static class LifetimeValueModels
{
    /// <summary>Fits BG/NBD to repeat histories.</summary>
    /// <param name="histories">The customers.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">There are no customers, or a history has negative or inconsistent values.</exception>
    public static BgNbdModel FitBgNbd(IReadOnlyList<RepeatHistory> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        if (histories.Count == 0 || histories.Any(h => h.Frequency < 0 || h.Recency < 0 || h.Age < h.Recency || h.Age <= 0))
        {
            throw new ArgumentException("Give at least one customer, each with frequency ≥ 0 and 0 ≤ recency ≤ age, age > 0.", nameof(histories));
        }

        double Negative(double[] p) => -BgNbdLogLikelihood(histories, Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]));
        var best = Numerics.NelderMead(Negative, [0, 0, 0, 0]);
        best = Numerics.NelderMead(Negative, best, step: 0.1); // restart to escape a collapsed simplex
        return new BgNbdModel(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]), Math.Exp(best[3]), -Negative(best));
    }

    /// <summary>Fits Gamma-Gamma to the customers with at least one repeat purchase.</summary>
    /// <param name="histories">The customers; those without repeat purchases are ignored.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">No customer has a repeat purchase with a positive value.</exception>
    public static GammaGammaModel FitGammaGamma(IReadOnlyList<RepeatHistory> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var repeaters = histories.Where(h => h.Frequency > 0 && h.AverageRepeatValue > 0).ToArray();
        if (repeaters.Length == 0)
        {
            throw new ArgumentException("Gamma-Gamma needs customers with repeat purchases of positive value.", nameof(histories));
        }

        double Negative(double[] v)
        {
            double p = Math.Exp(v[0]), q = Math.Exp(v[1]), g = Math.Exp(v[2]);
            var ll = 0.0;
            foreach (var h in repeaters)
            {
                double x = h.Frequency, m = h.AverageRepeatValue;
                ll += Numerics.LogGamma((p * x) + q) - Numerics.LogGamma(p * x) - Numerics.LogGamma(q)
                    + (q * Math.Log(g)) + (((p * x) - 1) * Math.Log(m)) + (p * x * Math.Log(x)) - (((p * x) + q) * Math.Log(g + (x * m)));
            }

            return -ll;
        }

        var best = Numerics.NelderMead(Negative, [0, 0, 0]);
        best = Numerics.NelderMead(Negative, best, step: 0.1);
        return new GammaGammaModel(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]), -Negative(best));
    }

    internal static double BgNbdLogLikelihood(IReadOnlyList<RepeatHistory> histories, double r, double alpha, double a, double b)
    {
        var ll = 0.0;
        var common = Numerics.LogGamma(r) - (r * Math.Log(alpha));
        var betaAB = Numerics.LogGamma(a + b) - Numerics.LogGamma(b);
        foreach (var h in histories)
        {
            double x = h.Frequency, tx = h.Recency, T = h.Age;
            var a1 = Numerics.LogGamma(r + x) - common;
            var a2 = betaAB + Numerics.LogGamma(b + x) - Numerics.LogGamma(a + b + x);
            var a3 = -(r + x) * Math.Log(alpha + T);
            if (x > 0)
            {
                var a4 = Math.Log(a) - Math.Log(b + x - 1) - ((r + x) * Math.Log(alpha + tx));
                var max = Math.Max(a3, a4);
                ll += a1 + a2 + max + Math.Log(Math.Exp(a3 - max) + Math.Exp(a4 - max));
            }
            else
            {
                ll += a1 + a2 + a3;
            }
        }

        return ll;
    }
}
