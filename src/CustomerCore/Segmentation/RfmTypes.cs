namespace CustomerCore.Segmentation;

/// <summary>Represents one purchase: who bought, when, and for how much.</summary>
/// <param name="CustomerId">The customer's id.</param>
/// <param name="Date">The purchase date.</param>
/// <param name="Amount">The amount; refunds are negative.</param>
public readonly record struct TransactionRecord(string CustomerId, DateOnly Date, decimal Amount);

/// <summary>Represents a customer's recency, frequency and monetary value, already aggregated.</summary>
/// <param name="CustomerId">The customer's id.</param>
/// <param name="RecencyDays">Days from the last purchase to the analysis date.</param>
/// <param name="Frequency">The number of purchases.</param>
/// <param name="Monetary">The total amount.</param>
public readonly record struct CustomerActivity(string CustomerId, int RecencyDays, int Frequency, decimal Monetary);

/// <summary>Says how RFM values are cut into score bins.</summary>
public enum RfmBinning
{
    /// <summary>Exactly as the R package <c>rfm</c> 0.3.0: breaks at type-7 quantiles plus one, a value at or above a break moves up a bin, equal values share a bin (the default).</summary>
    Quantile = 0,

    /// <summary>Equal-count n-tiles after sorting by value then customer id (ordinal): bins hold equal counts, so equal values may land in adjacent bins.</summary>
    EqualCount = 1,

    /// <summary>Caller-given breaks (<see cref="RfmOptions.RecencyBreaks"/> and the others): a value at or above a break moves up a bin.</summary>
    Fixed = 2,
}

/// <summary>Configures RFM scoring.</summary>
public sealed class RfmOptions
{
    /// <summary>Gets or sets how values are binned.</summary>
    /// <value>The default is <see cref="RfmBinning.Quantile"/>.</value>
    public RfmBinning Binning { get; set; } = RfmBinning.Quantile;

    /// <summary>Gets or sets the number of score bins for each of R, F and M.</summary>
    /// <value>From 2 to 9; the default is 5.</value>
    public int Bins { get; set; } = 5;

    /// <summary>Gets or sets the recency breaks for <see cref="RfmBinning.Fixed"/>: <c>Bins - 1</c> ascending values.</summary>
    public IReadOnlyList<double>? RecencyBreaks { get; set; }

    /// <summary>Gets or sets the frequency breaks for <see cref="RfmBinning.Fixed"/>.</summary>
    public IReadOnlyList<double>? FrequencyBreaks { get; set; }

    /// <summary>Gets or sets the monetary breaks for <see cref="RfmBinning.Fixed"/>.</summary>
    public IReadOnlyList<double>? MonetaryBreaks { get; set; }

    /// <summary>Gets or sets the segment rules; first match wins, unmatched customers are <c>Others</c>.</summary>
    /// <value>The default is <see cref="RfmSegmentScheme.RPackageVignette"/>.</value>
    public RfmSegmentScheme Scheme { get; set; } = RfmSegmentScheme.RPackageVignette;
}

/// <summary>Holds a customer's RFM values, scores and segment.</summary>
/// <param name="CustomerId">The customer's id.</param>
/// <param name="RecencyDays">Days since the last purchase.</param>
/// <param name="Frequency">The number of purchases.</param>
/// <param name="Monetary">The total amount.</param>
/// <param name="R">The recency score: higher is more recent.</param>
/// <param name="F">The frequency score.</param>
/// <param name="M">The monetary score.</param>
/// <param name="Segment">The named segment.</param>
public sealed record RfmCustomer(string CustomerId, int RecencyDays, int Frequency, decimal Monetary, int R, int F, int M, string Segment)
{
    /// <summary>Gets the combined score, R·100 + F·10 + M (e.g. 543).</summary>
    public int Score => (R * 100) + (F * 10) + M;
}

/// <summary>Holds the breaks used for one of R, F or M.</summary>
/// <param name="Recency">The recency breaks, ascending.</param>
/// <param name="Frequency">The frequency breaks, ascending.</param>
/// <param name="Monetary">The monetary breaks, ascending.</param>
public sealed record RfmBreaks(IReadOnlyList<double> Recency, IReadOnlyList<double> Frequency, IReadOnlyList<double> Monetary);

/// <summary>Summarizes one segment.</summary>
/// <param name="Segment">The segment name.</param>
/// <param name="Customers">How many customers.</param>
/// <param name="Orders">Their purchases.</param>
/// <param name="Revenue">Their total amount.</param>
public sealed record SegmentSummary(string Segment, int Customers, long Orders, decimal Revenue)
{
    /// <summary>Gets the average order value.</summary>
    public decimal AverageOrderValue => Orders == 0 ? 0 : Revenue / Orders;
}

/// <summary>Holds the RFM scores of every customer, the breaks used and the segment summary.</summary>
/// <param name="Customers">One row per customer, in ordinal order of id.</param>
/// <param name="Breaks">The breaks used.</param>
/// <param name="Segments">Segment counts, in ordinal order of name.</param>
public sealed record RfmResult(IReadOnlyList<RfmCustomer> Customers, RfmBreaks Breaks, IReadOnlyList<SegmentSummary> Segments);

/// <summary>One rule of a segment scheme: inclusive score ranges for R, F and M.</summary>
/// <param name="Segment">The segment name.</param>
/// <param name="RecencyMin">The lowest R score.</param>
/// <param name="RecencyMax">The highest R score.</param>
/// <param name="FrequencyMin">The lowest F score.</param>
/// <param name="FrequencyMax">The highest F score.</param>
/// <param name="MonetaryMin">The lowest M score.</param>
/// <param name="MonetaryMax">The highest M score.</param>
public sealed record RfmSegmentRule(string Segment, int RecencyMin, int RecencyMax, int FrequencyMin, int FrequencyMax, int MonetaryMin, int MonetaryMax)
{
    internal bool Matches(int r, int f, int m) =>
        r >= RecencyMin && r <= RecencyMax && f >= FrequencyMin && f <= FrequencyMax && m >= MonetaryMin && m <= MonetaryMax;
}

/// <summary>An ordered table of segment rules: the first rule that matches names the segment.</summary>
public sealed class RfmSegmentScheme
{
    /// <summary>The name given to customers no rule matches.</summary>
    public const string Others = "Others";

    /// <summary>Initializes a scheme from ordered rules.</summary>
    /// <param name="name">The scheme's name.</param>
    /// <param name="rules">The rules, in priority order.</param>
    /// <exception cref="ArgumentException">A rule has a blank name or a range that is empty.</exception>
    public RfmSegmentScheme(string name, IReadOnlyList<RfmSegmentRule> rules)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var r in rules)
        {
            if (r is null || string.IsNullOrWhiteSpace(r.Segment) || r.RecencyMin > r.RecencyMax || r.FrequencyMin > r.FrequencyMax || r.MonetaryMin > r.MonetaryMax)
            {
                throw new ArgumentException("Every rule needs a name and ranges whose minimum is at most its maximum.", nameof(rules));
            }
        }

        Name = name;
        Rules = [.. rules];
    }

    /// <summary>Gets the scheme's name.</summary>
    public string Name { get; }

    /// <summary>Gets the rules in priority order.</summary>
    public IReadOnlyList<RfmSegmentRule> Rules { get; }

    /// <summary>Gets the ten rules of the R <c>rfm</c> package vignette (MIT, Aravind Hebbali), in its order.</summary>
    public static RfmSegmentScheme RPackageVignette { get; } = new("r-rfm",
    [
        new("Champions", 5, 5, 5, 5, 5, 5),
        new("Potential Loyalist", 3, 5, 3, 5, 2, 5),
        new("Loyal Customers", 2, 4, 2, 4, 2, 4),
        new("Promising", 3, 4, 1, 3, 3, 5),
        new("New Customers", 4, 5, 1, 3, 1, 5),
        new("Can't Lose Them", 1, 2, 3, 4, 4, 5),
        new("At Risk", 1, 2, 2, 5, 4, 5),
        new("Need Attention", 1, 3, 3, 5, 3, 5),
        new("About To Sleep", 2, 3, 1, 3, 1, 4),
        new("Lost", 1, 1, 1, 5, 1, 5),
    ]);

    /// <summary>Gets the common ten-segment scheme on the recency-frequency grid (monetary ignored), for 5 bins.</summary>
    public static RfmSegmentScheme RecencyFrequency10 { get; } = new("rf10",
    [
        new("Champions", 5, 5, 4, 5, 1, 5),
        new("Loyal Customers", 3, 4, 4, 5, 1, 5),
        new("Potential Loyalists", 4, 5, 2, 3, 1, 5),
        new("New Customers", 5, 5, 1, 1, 1, 5),
        new("Promising", 4, 4, 1, 1, 1, 5),
        new("Need Attention", 3, 3, 3, 3, 1, 5),
        new("About To Sleep", 3, 3, 1, 2, 1, 5),
        new("Can't Lose Them", 1, 2, 5, 5, 1, 5),
        new("At Risk", 1, 2, 3, 4, 1, 5),
        new("Hibernating", 1, 2, 1, 2, 1, 5),
    ]);

    /// <summary>Names the segment of a score triple.</summary>
    /// <param name="r">The R score.</param>
    /// <param name="f">The F score.</param>
    /// <param name="m">The M score.</param>
    /// <returns>The first matching rule's segment, or <see cref="Others"/>.</returns>
    public string Classify(int r, int f, int m)
    {
        var index = IndexOf(r, f, m);
        return index < Rules.Count ? Rules[index].Segment : Others;
    }

    /// <summary>Returns the index of the first matching rule, or the rule count when none matches.</summary>
    internal int IndexOf(int r, int f, int m)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i].Matches(r, f, m))
            {
                return i;
            }
        }

        return Rules.Count;
    }
}
