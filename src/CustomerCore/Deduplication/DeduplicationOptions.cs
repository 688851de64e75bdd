namespace CustomerCore.Deduplication;

/// <summary>Configures the duplicate detection engine.</summary>
public sealed class DeduplicationOptions
{
    /// <summary>Gets or sets the pair probability at or above which two records are linked.</summary>
    /// <value>From 0 to 1; the default is 0.5 (a match is likelier than not under the fitted model).</value>
    public double MatchThreshold { get; set; } = 0.5;

    /// <summary>Gets or sets the mean probability over all cross pairs that two clusters need to be merged.</summary>
    /// <value>From 0 to 1; the default is 0.5. It stops chains A~B~C from merging A and C when A and C disagree.</value>
    public double ClusterThreshold { get; set; } = 0.5;

    /// <summary>Gets or sets the largest cluster the engine builds.</summary>
    /// <value>At least 2; the default is 50.</value>
    public int MaxClusterSize { get; set; } = 50;

    /// <summary>Gets or sets the largest blocking block; larger blocks are skipped and reported.</summary>
    /// <value>At least 2; the default is 400.</value>
    public int MaxBlockSize { get; set; } = 400;

    /// <summary>Gets or sets the number of expectation-maximization iterations for the m probabilities.</summary>
    /// <value>From 0 to 200; the default is 15. Zero keeps the built-in starting values.</value>
    public int EmIterations { get; set; } = 15;

    /// <summary>Gets or sets the number of random record pairs sampled to estimate the u probabilities.</summary>
    /// <value>At least 1,000; the default is 200,000.</value>
    /// <remarks>A sampled pair that shares a phone or e-mail counts only by its fitted non-match probability, so the store's
    /// own duplicates do not pass for non-matches.</remarks>
    public int USampleSize { get; set; } = 200_000;

    /// <summary>Gets or sets a value indicating whether exact matches on rare values weigh more than on common values.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool TermFrequencyAdjustment { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether an equal phone number alone makes a match.</summary>
    /// <value>The default is <see langword="false"/>. Enable it only for verified numbers.</value>
    public bool HardMatchOnPhone { get; set; }

    /// <summary>Gets or sets a value indicating whether an equal e-mail address alone makes a match.</summary>
    /// <value>The default is <see langword="false"/>. Enable it only for verified addresses.</value>
    public bool HardMatchOnEmail { get; set; }

    /// <summary>Gets or sets the seed of the random pair sample, so runs are repeatable.</summary>
    /// <value>The default is 42.</value>
    public int RandomSeed { get; set; } = 42;

    /// <summary>Gets or sets an optional phone normalizer (for example to E.164); return <see langword="null"/> to drop a value.</summary>
    /// <value>The default is <see langword="null"/>: the engine compares digits only.</value>
    public Func<string, string?>? PhoneNormalizer { get; set; }

    /// <summary>Gets or sets an optional record standardizer applied before comparison (for example an address standardizer).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Func<DedupeRecord, DedupeRecord>? RecordStandardizer { get; set; }
}
