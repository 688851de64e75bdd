namespace CustomerCore.Segmentation;

/// <summary>Names a Pareto (ABC) class by share of revenue.</summary>
public enum AbcClass
{
    /// <summary>The customers that make the first share of revenue (80 % by default).</summary>
    A = 0,

    /// <summary>The next share (15 % by default).</summary>
    B = 1,

    /// <summary>The rest.</summary>
    C = 2,
}

/// <summary>Names a demand-stability (XYZ) class by the coefficient of variation of per-period revenue.</summary>
public enum XyzClass
{
    /// <summary>Steady: CV at most the X limit (0.5 by default).</summary>
    X = 0,

    /// <summary>Variable: CV at most the Y limit (1.0 by default).</summary>
    Y = 1,

    /// <summary>Erratic: CV above the Y limit, or a single active period out of many.</summary>
    Z = 2,
}

/// <summary>Names the value tier used for high-value customer treatment.</summary>
public enum ValueTier
{
    /// <summary>High value (ABC class A).</summary>
    High = 0,

    /// <summary>Medium value (class B).</summary>
    Medium = 1,

    /// <summary>Low value (class C).</summary>
    Low = 2,
}

/// <summary>Configures ABC, XYZ and value tiers.</summary>
public sealed class ValueClassificationOptions
{
    /// <summary>Gets or sets the cumulative revenue share that closes class A.</summary>
    /// <value>Between 0 and 1, below <see cref="BShare"/>; the default is 0.80.</value>
    public double AShare { get; set; } = 0.80;

    /// <summary>Gets or sets the cumulative revenue share that closes class B.</summary>
    /// <value>Between <see cref="AShare"/> and 1; the default is 0.95.</value>
    public double BShare { get; set; } = 0.95;

    /// <summary>Gets or sets the largest coefficient of variation of class X.</summary>
    /// <value>The default is 0.5.</value>
    public double XLimit { get; set; } = 0.5;

    /// <summary>Gets or sets the largest coefficient of variation of class Y.</summary>
    /// <value>The default is 1.0.</value>
    public double YLimit { get; set; } = 1.0;

    /// <summary>Gets or sets the length of a period for XYZ, in days (30 ≈ monthly).</summary>
    /// <value>From 1 to 366; the default is 30.</value>
    public int PeriodDays { get; set; } = 30;
}

/// <summary>Holds one customer's ABC and XYZ classes and value tier.</summary>
/// <param name="CustomerId">The customer's id.</param>
/// <param name="Revenue">The total revenue.</param>
/// <param name="CumulativeShare">The cumulative revenue share up to and including this customer, in descending revenue order.</param>
/// <param name="Abc">The Pareto class.</param>
/// <param name="Xyz">The stability class.</param>
/// <param name="CoefficientOfVariation">The CV of per-period revenue over the analysis window.</param>
/// <param name="Tier">The value tier.</param>
public sealed record ValueClassification(string CustomerId, decimal Revenue, double CumulativeShare, AbcClass Abc, XyzClass Xyz, double CoefficientOfVariation, ValueTier Tier);

/// <summary>Classifies customers by revenue share (ABC), revenue stability (XYZ) and value tier.</summary>
/// <remarks>
/// ABC boundary rule: customers are sorted by revenue, highest first (ties by ordinal id); a customer is in class A when
/// the cumulative share <em>before</em> it is below <see cref="ValueClassificationOptions.AShare"/>, so the customer
/// that crosses the line is still A, and likewise for B. XYZ: revenue per period over the window from the first to the
/// last transaction date of the whole data set (inactive periods count as zero); CV = population standard deviation /
/// mean. O(t + c log c).
/// </remarks>
public static class ValueClassifier
{
    /// <summary>Classifies every customer that has transactions.</summary>
    /// <param name="transactions">The transactions.</param>
    /// <param name="options">The cut-offs; <see langword="null"/> for 80/15/5, CV 0.5/1.0, 30-day periods.</param>
    /// <returns>One row per customer, in descending revenue order.</returns>
    /// <exception cref="ArgumentException">The options are out of range or a customer id is blank.</exception>
    public static IReadOnlyList<ValueClassification> Classify(IEnumerable<TransactionRecord> transactions, ValueClassificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        options ??= new ValueClassificationOptions();
        if (!(options.AShare is > 0 and < 1) || !(options.BShare > options.AShare && options.BShare <= 1) || !(options.XLimit > 0) || !(options.YLimit >= options.XLimit) || options.PeriodDays is < 1 or > 366)
        {
            throw new ArgumentException("Options need 0 < AShare < BShare ≤ 1, 0 < XLimit ≤ YLimit, and PeriodDays from 1 to 366.", nameof(options));
        }

        var list = transactions as IReadOnlyCollection<TransactionRecord> ?? [.. transactions];
        if (list.Count == 0)
        {
            return [];
        }

        var first = int.MaxValue;
        var last = int.MinValue;
        foreach (var t in list)
        {
            if (string.IsNullOrWhiteSpace(t.CustomerId))
            {
                throw new ArgumentException("A transaction has a blank customer id.", nameof(transactions));
            }

            first = Math.Min(first, t.Date.DayNumber);
            last = Math.Max(last, t.Date.DayNumber);
        }

        var periods = ((last - first) / options.PeriodDays) + 1;
        var perCustomer = new Dictionary<string, (decimal Total, double[] Periods)>(StringComparer.Ordinal);
        foreach (var t in list)
        {
            if (!perCustomer.TryGetValue(t.CustomerId, out var entry))
            {
                entry = (0m, new double[periods]);
            }

            entry.Periods[(t.Date.DayNumber - first) / options.PeriodDays] += (double)t.Amount;
            perCustomer[t.CustomerId] = (entry.Total + t.Amount, entry.Periods);
        }

        var ordered = perCustomer.OrderByDescending(kv => kv.Value.Total).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var grand = (double)ordered.Sum(kv => kv.Value.Total);
        var result = new List<ValueClassification>(ordered.Count);
        var cumulative = 0.0;
        foreach (var (id, (total, series)) in ordered)
        {
            var before = grand == 0 ? 0 : cumulative / grand;
            cumulative += (double)total;
            var abc = before < options.AShare ? AbcClass.A : before < options.BShare ? AbcClass.B : AbcClass.C;
            var cv = CoefficientOfVariation(series);
            var xyz = cv <= options.XLimit ? XyzClass.X : cv <= options.YLimit ? XyzClass.Y : XyzClass.Z;
            result.Add(new ValueClassification(id, total, grand == 0 ? 0 : cumulative / grand, abc, xyz, cv, (ValueTier)(int)abc));
        }

        return result;
    }

    private static double CoefficientOfVariation(double[] series)
    {
        var mean = series.Average();
        if (mean <= 0)
        {
            return double.PositiveInfinity;
        }

        var variance = 0.0;
        foreach (var v in series)
        {
            variance += (v - mean) * (v - mean);
        }

        return Math.Sqrt(variance / series.Length) / mean;
    }
}
