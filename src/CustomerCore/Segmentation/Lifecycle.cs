using CustomerCore.Customers;

namespace CustomerCore.Segmentation;

/// <summary>Configures the lifecycle-stage rules.</summary>
public sealed class LifecycleOptions
{
    /// <summary>Gets or sets how many days after the first purchase a customer still counts as new.</summary>
    /// <value>The default is 90.</value>
    public int NewWithinDays { get; set; } = 90;

    /// <summary>Gets or sets the recency, in days, beyond which a customer is churned whatever the model says.</summary>
    /// <value>The default is 365.</value>
    public int ChurnedAfterDays { get; set; } = 365;

    /// <summary>Gets or sets the P(alive) below which a customer is churned.</summary>
    /// <value>The default is 0.2.</value>
    public double ChurnedBelowProbabilityAlive { get; set; } = 0.2;

    /// <summary>Gets or sets the P(alive) below which a customer is at risk.</summary>
    /// <value>The default is 0.5.</value>
    public double AtRiskBelowProbabilityAlive { get; set; } = 0.5;

    /// <summary>Gets or sets the highest R score that, with an F score of at least <see cref="LoyalMinFrequencyScore"/>, marks a valuable customer as at risk.</summary>
    /// <value>The default is 2.</value>
    public int AtRiskMaxRecencyScore { get; set; } = 2;

    /// <summary>Gets or sets the lowest F score of a loyal customer.</summary>
    /// <value>The default is 4.</value>
    public int LoyalMinFrequencyScore { get; set; } = 4;

    /// <summary>Gets or sets the lowest R score of a loyal customer.</summary>
    /// <value>The default is 3.</value>
    public int LoyalMinRecencyScore { get; set; } = 3;
}

/// <summary>Assigns lifecycle stages from RFM scores and, when a BG/NBD model is given, P(alive).</summary>
/// <remarks>Rules, first match wins: no purchase → Prospect; recency beyond the churn limit or P(alive) below the churn
/// limit → Churned; P(alive) below the risk limit, or a frequent buyer (F ≥ loyal F) whose R is low → AtRisk; first
/// purchase within the new window → New; R and F at least the loyal scores → Loyal; otherwise Active.</remarks>
public static class LifecycleClassifier
{
    /// <summary>Names the stage of one customer.</summary>
    /// <param name="rfm">The customer's RFM row, or <see langword="null"/> for a customer who never bought.</param>
    /// <param name="daysSinceFirstPurchase">Days from the first purchase to the analysis date.</param>
    /// <param name="probabilityAlive">P(alive) from a BG/NBD model, if one was fitted.</param>
    /// <param name="options">The thresholds; <see langword="null"/> for the defaults.</param>
    /// <returns>The stage.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probabilityAlive"/> is outside 0..1.</exception>
    public static LifecycleStage Classify(RfmCustomer? rfm, int daysSinceFirstPurchase, double? probabilityAlive = null, LifecycleOptions? options = null)
    {
        if (probabilityAlive is { } p && (p is < 0 or > 1 || double.IsNaN(p)))
        {
            throw new ArgumentOutOfRangeException(nameof(probabilityAlive), p, "P(alive) must be between 0 and 1.");
        }

        options ??= new LifecycleOptions();
        if (rfm is null)
        {
            return LifecycleStage.Prospect;
        }

        if (rfm.RecencyDays > options.ChurnedAfterDays || probabilityAlive < options.ChurnedBelowProbabilityAlive)
        {
            return LifecycleStage.Churned;
        }

        if (probabilityAlive < options.AtRiskBelowProbabilityAlive || (rfm.F >= options.LoyalMinFrequencyScore && rfm.R <= options.AtRiskMaxRecencyScore))
        {
            return LifecycleStage.AtRisk;
        }

        if (daysSinceFirstPurchase <= options.NewWithinDays)
        {
            return LifecycleStage.New;
        }

        return rfm.R >= options.LoyalMinRecencyScore && rfm.F >= options.LoyalMinFrequencyScore ? LifecycleStage.Loyal : LifecycleStage.Active;
    }
}
