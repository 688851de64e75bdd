using CustomerCore.Customers;
using CustomerCore.Deduplication;

namespace CustomerCore.Access;

/// <summary>Writes every merge and undo to the audit log (actor, the customers concerned, field names), whoever runs it:
/// the web sample, the console, or a host calling <see cref="IMergeService"/> directly.</summary>
internal sealed class AuditedMergeService(IMergeService inner, IAuditLog audit) : IMergeService
{
    private const string System = "system";

    public Task<CustomerMergePlanResult> PlanAsync(IReadOnlyList<CustomerId> customerIds, MergeOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.PlanAsync(customerIds, options, cancellationToken);

    public async Task<MergeResult> MergeAsync(CustomerMergePlan plan, string? actorId = null, CancellationToken cancellationToken = default)
    {
        var result = await inner.MergeAsync(plan, actorId, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            await audit.AppendAsync(actorId ?? System, AuditAction.Merge, "merge", [result.Journal.SurvivorId, .. result.Journal.MergedIds],
                [.. result.Journal.Decisions.Select(d => d.Field).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public async Task<UnmergeResult> UnmergeAsync(MergeJournalId journalId, CancellationToken cancellationToken = default)
    {
        var result = await inner.UnmergeAsync(journalId, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            await audit.AppendAsync(System, AuditAction.Merge, "merge.undo", [.. result.Restored.Select(c => c.Id)], [], cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public Task<IReadOnlyList<MergeJournalEntry>> ListMergesAsync(CustomerId customerId, CancellationToken cancellationToken = default) =>
        inner.ListMergesAsync(customerId, cancellationToken);
}
