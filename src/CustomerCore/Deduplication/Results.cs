namespace CustomerCore.Deduplication;

/// <summary>Names how two values of one field compare.</summary>
public enum ComparisonLevel
{
    /// <summary>One or both values are missing; the field contributes nothing.</summary>
    Missing = 0,

    /// <summary>The normalized values are equal.</summary>
    Exact = 1,

    /// <summary>The values differ by a typo, nickname, transposition or abbreviation.</summary>
    Close = 2,

    /// <summary>The values are loosely similar.</summary>
    Similar = 3,

    /// <summary>The values disagree.</summary>
    Different = 4,
}

/// <summary>Describes what one field contributed to a pair's score.</summary>
/// <param name="Field">The field name, such as <c>given_name</c>, <c>phone</c> or <c>attr:ssn</c>.</param>
/// <param name="Level">How the two values compared.</param>
/// <param name="Weight">The log2 Bayes factor the field added (positive for evidence of a match).</param>
public readonly record struct FieldContribution(string Field, ComparisonLevel Level, double Weight);

/// <summary>Describes a scored candidate pair with its per-field explanation.</summary>
/// <param name="LeftId">The id of the first record.</param>
/// <param name="RightId">The id of the second record.</param>
/// <param name="MatchWeight">The total log2 odds of a match, prior included.</param>
/// <param name="Probability">The match probability from 0 to 1.</param>
/// <param name="Contributions">The contribution of every compared field.</param>
public sealed record ScoredPair(string LeftId, string RightId, double MatchWeight, double Probability, IReadOnlyList<FieldContribution> Contributions);

/// <summary>Describes how many candidate pairs each blocking key produced.</summary>
/// <param name="Key">The blocking key name.</param>
/// <param name="CandidatePairs">The pairs first produced by this key (pairs already produced by an earlier key are not counted again).</param>
/// <param name="SkippedBlocks">The blocks skipped because they were larger than the block size limit.</param>
public sealed record BlockingKeyReport(string Key, long CandidatePairs, int SkippedBlocks);

/// <summary>Describes the candidate generation of one run.</summary>
/// <param name="CandidatePairs">The distinct candidate pairs that were scored.</param>
/// <param name="Keys">The per-key figures.</param>
public sealed record BlockingReport(long CandidatePairs, IReadOnlyList<BlockingKeyReport> Keys);

/// <summary>Assigns one record to its cluster.</summary>
/// <param name="RecordId">The record id.</param>
/// <param name="ClusterId">The cluster id: the id of the cluster's first record in input order (singletons use their own id).</param>
public readonly record struct ClusterAssignment(string RecordId, string ClusterId);

/// <summary>Holds the outcome of deduplicating or linking records.</summary>
public sealed class DeduplicationResult
{
    internal DeduplicationResult(IReadOnlyList<ClusterAssignment> assignments, IReadOnlyList<ScoredPair> pairs, BlockingReport blocking)
    {
        Assignments = assignments;
        Pairs = pairs;
        Blocking = blocking;
    }

    /// <summary>Gets one assignment per input record, in input order, singletons included.</summary>
    public IReadOnlyList<ClusterAssignment> Assignments { get; }

    /// <summary>Gets the pairs scored at or above the match threshold, best first, with explanations.</summary>
    public IReadOnlyList<ScoredPair> Pairs { get; }

    /// <summary>Gets the blocking figures.</summary>
    public BlockingReport Blocking { get; }
}

/// <summary>Describes an existing record that may be a duplicate of a checked record.</summary>
/// <param name="Pair">The scored pair; <see cref="ScoredPair.LeftId"/> is the checked record.</param>
public sealed record DuplicateCandidate(ScoredPair Pair);

/// <summary>Records that a person judged two records to be the same entity, or not.</summary>
/// <param name="LeftId">The id of one record.</param>
/// <param name="RightId">The id of the other record.</param>
/// <param name="IsMatch">A value indicating whether the two records are the same entity.</param>
public readonly record struct LabelledPair(string LeftId, string RightId, bool IsMatch);
