using System.Text.Json.Serialization;

namespace CustomerCore.Import;

/// <summary>Accounts for every input row of an import: created, updated, merged or rejected with a reason.</summary>
/// <remarks><see cref="Created"/> + <see cref="Updated"/> + <see cref="Merged"/> + <see cref="Rejected"/> equals
/// <see cref="Total"/>, and the per-reason counts add up to <see cref="Rejected"/>.</remarks>
public sealed class ImportReport
{
    internal ImportReport(long total, long created, long updated, long merged, long rejected, IReadOnlyDictionary<string, long> rejectedByReason, bool dryRun)
    {
        Total = total;
        Created = created;
        Updated = updated;
        Merged = merged;
        Rejected = rejected;
        RejectedByReason = rejectedByReason;
        DryRun = dryRun;
    }

    /// <summary>Gets the number of data rows read.</summary>
    [JsonPropertyName("total")]
    public long Total { get; }

    /// <summary>Gets the number of new customers (or, in a dry run, that would be created).</summary>
    [JsonPropertyName("created")]
    public long Created { get; }

    /// <summary>Gets the number of rows that updated a customer matched by phone or email.</summary>
    [JsonPropertyName("updated")]
    public long Updated { get; }

    /// <summary>Gets the number of rows merged into a customer found by the duplicate finder.</summary>
    [JsonPropertyName("merged")]
    public long Merged { get; }

    /// <summary>Gets the number of rejected rows.</summary>
    [JsonPropertyName("rejected")]
    public long Rejected { get; }

    /// <summary>Gets the rejected rows per reason (<see cref="ImportRejectReason"/> names).</summary>
    [JsonPropertyName("rejectedByReason")]
    public IReadOnlyDictionary<string, long> RejectedByReason { get; }

    /// <summary>Gets a value indicating whether nothing was stored.</summary>
    [JsonPropertyName("dryRun")]
    public bool DryRun { get; }

    /// <summary>Gets a value indicating whether the counts add up: every row is accounted for exactly once.</summary>
    [JsonIgnore]
    public bool IsBalanced => Created + Updated + Merged + Rejected == Total && RejectedByReason.Values.Sum() == Rejected;
}
