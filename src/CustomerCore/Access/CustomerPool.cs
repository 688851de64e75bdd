using System.Collections.Concurrent;
using CustomerCore.Customers;
using CustomerCore.Storage;
using Microsoft.Extensions.Logging;

namespace CustomerCore.Access;

/// <summary>Says how a claim from the pool ended.</summary>
public enum ClaimStatus
{
    /// <summary>The caller now owns the customer.</summary>
    Claimed = 0,

    /// <summary>There is no such customer.</summary>
    NotFound = 1,

    /// <summary>The customer already has an owner.</summary>
    AlreadyOwned = 2,

    /// <summary>The caller reached <see cref="AccessPolicy.DailyClaimCap"/> for today (UTC).</summary>
    DailyCapReached = 3,

    /// <summary>Someone else changed or claimed the customer at the same moment; nothing changed.</summary>
    LostRace = 4,

    /// <summary>The stored customer no longer passes validation, so it cannot be saved; nothing changed.</summary>
    Rejected = 5,
}

/// <summary>Reports a claim: its status and, when claimed, the customer as the caller now sees it.</summary>
/// <param name="Status">How the claim ended.</param>
/// <param name="Customer">The claimed customer, or <see langword="null"/> unless <see cref="ClaimStatus.Claimed"/>.</param>
public sealed record ClaimResult(ClaimStatus Status, Customer? Customer);

/// <summary>Manages the customer pool (公海): unowned customers that users claim within a daily cap, and stale ones returned.</summary>
public interface ICustomerPool
{
    /// <summary>Claims an unowned customer for the caller, if nobody else claims it first and the caller's daily cap allows.</summary>
    /// <param name="caller">Who claims; needs <see cref="AccessRights.Claim"/>.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The outcome; with two concurrent claims of one customer, exactly one is <see cref="ClaimStatus.Claimed"/>.</returns>
    /// <exception cref="AccessDeniedException">The caller may not claim.</exception>
    Task<ClaimResult> ClaimAsync(CallerContext caller, CustomerId customerId, CancellationToken cancellationToken = default);

    /// <summary>Returns a customer to the pool: the owner may release their own, <see cref="AccessRights.ManagePool"/> those in scope.</summary>
    /// <param name="caller">Who releases.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when released; <see langword="false"/> when absent, unowned, out of scope or changed meanwhile.</returns>
    /// <exception cref="AccessDeniedException">The caller may neither claim nor manage the pool.</exception>
    Task<bool> ReleaseAsync(CallerContext caller, CustomerId customerId, CancellationToken cancellationToken = default);

    /// <summary>Gets how many more customers the caller may claim today (UTC).</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The claims left, zero or more.</returns>
    Task<int> ClaimsLeftTodayAsync(CallerContext caller, CancellationToken cancellationToken = default);

    /// <summary>Returns to the pool every owned customer in the caller's scope without a follow-up for <see cref="AccessPolicy.StaleAfterDays"/> days.</summary>
    /// <param name="caller">Who runs it; needs <see cref="AccessRights.ManagePool"/> (e.g. <see cref="CallerContext.System"/> in a scheduled job).</param>
    /// <param name="asOf">The time to measure staleness from.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many customers were returned.</returns>
    /// <exception cref="AccessDeniedException">The caller may not manage the pool.</exception>
    /// <remarks>The last follow-up is the newest interaction; a customer without interactions counts from its last change
    /// (a claim is a change). A customer changed meanwhile is skipped, not overwritten.</remarks>
    Task<int> ReturnStaleToPoolAsync(CallerContext caller, DateTimeOffset asOf, CancellationToken cancellationToken = default);
}

/// <summary>Implements the pool over the undecorated customer service, with optimistic concurrency and audit entries.</summary>
internal sealed class CustomerPool(
    ICustomerService inner,
    AccessEvaluator access,
    IAuditLog audit,
    IAuditStore auditStore,
    TimeProvider time,
    ILogger<CustomerPool> logger) : ICustomerPool
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _claimGates = new(StringComparer.Ordinal);

    public async Task<ClaimResult> ClaimAsync(CallerContext caller, CustomerId customerId, CancellationToken cancellationToken = default)
    {
        const string Op = "pool.claim";
        var view = await DemandAsync(caller, AccessRights.Claim, Op, cancellationToken).ConfigureAwait(false);

        // One claim at a time per user keeps the daily cap exact; different users race on the customer's version.
        var gate = _claimGates.GetOrAdd(caller.UserId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await ClaimsTodayAsync(caller.UserId, cancellationToken).ConfigureAwait(false) >= access.Policy.DailyClaimCap)
            {
                Log.ClaimCapReached(logger, access.Policy.DailyClaimCap);
                return new ClaimResult(ClaimStatus.DailyCapReached, null);
            }

            var stored = await inner.GetAsync(CallerContext.System, customerId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return new ClaimResult(ClaimStatus.NotFound, null);
            }

            if (stored.OwnerId is not null)
            {
                return new ClaimResult(ClaimStatus.AlreadyOwned, null);
            }

            var saved = await inner.UpdateAsync(CallerContext.System, stored with { OwnerId = caller.UserId }, cancellationToken).ConfigureAwait(false);
            switch (saved.Status)
            {
                case SaveStatus.Updated:
                    await audit.AppendAsync(caller.UserId, AuditAction.Claim, Op, [customerId], [nameof(Customer.OwnerId)], cancellationToken).ConfigureAwait(false);
                    Log.CustomerClaimed(logger, customerId);
                    return new ClaimResult(ClaimStatus.Claimed, FieldMasker.Mask(saved.Customer!, view.FieldsFor(caller.UserId)));
                case SaveStatus.Conflict:
                    return new ClaimResult(ClaimStatus.LostRace, null);
                case SaveStatus.NotFound:
                    return new ClaimResult(ClaimStatus.NotFound, null);
                default:
                    return new ClaimResult(ClaimStatus.Rejected, null);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<bool> ReleaseAsync(CallerContext caller, CustomerId customerId, CancellationToken cancellationToken = default)
    {
        const string Op = "pool.release";
        var view = await access.ViewAsync(caller, cancellationToken).ConfigureAwait(false);
        if (!view.Has(AccessRights.Claim) && !view.Has(AccessRights.ManagePool))
        {
            await DenyAsync(caller, Op, AccessRights.ManagePool, [customerId], cancellationToken).ConfigureAwait(false);
        }

        var stored = await inner.GetAsync(CallerContext.System, customerId, cancellationToken).ConfigureAwait(false);
        if (stored?.OwnerId is null)
        {
            return false;
        }

        var own = string.Equals(stored.OwnerId, caller.UserId, StringComparison.Ordinal) && view.Has(AccessRights.Claim);
        if (!own && !view.Allows(AccessRights.ManagePool, stored.OwnerId))
        {
            await audit.AppendAsync(caller.UserId, AuditAction.Denied, Op, [customerId], [], cancellationToken).ConfigureAwait(false);
            return false;
        }

        var saved = await inner.UpdateAsync(CallerContext.System, stored with { OwnerId = null }, cancellationToken).ConfigureAwait(false);
        if (saved.Status != SaveStatus.Updated)
        {
            return false;
        }

        await audit.AppendAsync(caller.UserId, AuditAction.Release, Op, [customerId], [nameof(Customer.OwnerId)], cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<int> ClaimsLeftTodayAsync(CallerContext caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrWhiteSpace(caller.UserId, nameof(caller));
        var used = await ClaimsTodayAsync(caller.UserId, cancellationToken).ConfigureAwait(false);
        return Math.Max(0, access.Policy.DailyClaimCap - used);
    }

    public async Task<int> ReturnStaleToPoolAsync(CallerContext caller, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        const string Op = "pool.return-stale";
        var view = await DemandAsync(caller, AccessRights.ManagePool, Op, cancellationToken).ConfigureAwait(false);
        var cutoff = asOf.AddDays(-access.Policy.StaleAfterDays);
        var stale = new List<Customer>();
        await foreach (var c in inner.StreamAsync(CallerContext.System, cancellationToken).ConfigureAwait(false))
        {
            if (c.OwnerId is null || !view.Allows(AccessRights.ManagePool, c.OwnerId) || c.UpdatedAt >= cutoff)
            {
                continue;
            }

            var timeline = await TryTimelineAsync(c.Id, cancellationToken).ConfigureAwait(false);
            var last = timeline is { Items.Count: > 0 } t && t.Items[0].OccurredAt > c.UpdatedAt ? t.Items[0].OccurredAt : c.UpdatedAt;
            if (last < cutoff)
            {
                stale.Add(c);
            }
        }

        var returned = new List<CustomerId>(Math.Min(stale.Count, access.Policy.AuditBatchSize));
        var total = 0;
        foreach (var c in stale)
        {
            var saved = await inner.UpdateAsync(CallerContext.System, c with { OwnerId = null }, cancellationToken).ConfigureAwait(false);
            if (saved.Status == SaveStatus.Updated)
            {
                returned.Add(c.Id);
                total++;
            }

            if (returned.Count >= access.Policy.AuditBatchSize)
            {
                await audit.AppendAsync(caller.UserId, AuditAction.Release, Op, returned, [nameof(Customer.OwnerId)], cancellationToken).ConfigureAwait(false);
                Log.StaleReturned(logger, returned.Count);
                returned.Clear();
            }
        }

        if (returned.Count > 0)
        {
            await audit.AppendAsync(caller.UserId, AuditAction.Release, Op, returned, [nameof(Customer.OwnerId)], cancellationToken).ConfigureAwait(false);
            Log.StaleReturned(logger, returned.Count);
        }

        return total;
    }

    private async Task<Page<Interaction>?> TryTimelineAsync(CustomerId id, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.GetTimelineAsync(CallerContext.System, id, new PageRequest(1), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The provider stores no interactions: staleness counts from the last change.
            return null;
        }
    }

    private async Task<int> ClaimsTodayAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var page = await auditStore.QueryAsync(
            new AuditQuery { ActorId = userId, Action = AuditAction.Claim, From = dayStart, To = dayStart.AddDays(1), Page = new PageRequest(Math.Max(1, access.Policy.DailyClaimCap) + 1) },
            cancellationToken).ConfigureAwait(false);
        return page.Items.Count;
    }

    private async Task<AccessView> DemandAsync(CallerContext caller, AccessRights permission, string operation, CancellationToken cancellationToken)
    {
        var view = await access.ViewAsync(caller, cancellationToken).ConfigureAwait(false);
        if (!view.Has(permission))
        {
            await DenyAsync(caller, operation, permission, [], cancellationToken).ConfigureAwait(false);
        }

        return view;
    }

    private async Task DenyAsync(CallerContext caller, string operation, AccessRights permission, IReadOnlyList<CustomerId> ids, CancellationToken cancellationToken)
    {
        Log.AccessDenied(logger, operation, permission);
        await audit.AppendAsync(caller.UserId, AuditAction.Denied, operation, ids, [], cancellationToken).ConfigureAwait(false);
        throw new AccessDeniedException(operation, permission);
    }
}
