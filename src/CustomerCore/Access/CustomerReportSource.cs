using System.Runtime.CompilerServices;
using CustomerCore.Customers;
using CustomerCore.Segmentation;
using CustomerCore.Storage;

namespace CustomerCore.Access;

/// <summary>Feeds reports (segmentation, RFM, lifetime value) with only the data the caller may see.</summary>
/// <remarks>Segment engines take arrays or streams and know nothing of callers: build their input from this source, never
/// from a store, so a report cannot show customers the caller may not read.</remarks>
public interface ICustomerReportSource
{
    /// <summary>Streams the transactions of every customer the caller may read (the pool excluded), customer by customer.</summary>
    /// <param name="caller">Who runs the report; needs <see cref="AccessRights.Read"/> and <see cref="AccessRights.ReadActivity"/>.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The transactions as the segmentation engines take them (UTC dates).</returns>
    /// <exception cref="AccessDeniedException">The caller may not read customers or their activities.</exception>
    IAsyncEnumerable<TransactionRecord> StreamTransactionsAsync(CallerContext caller, CancellationToken cancellationToken = default);
}

/// <summary>Reads visible customers through the access-controlled service and their transactions from the store.</summary>
internal sealed class CustomerReportSource(ICustomerService customers, ITransactionStore? transactions, AccessEvaluator access) : ICustomerReportSource
{
    public async IAsyncEnumerable<TransactionRecord> StreamTransactionsAsync(CallerContext caller, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!access.HasPermission(caller, AccessRights.ReadActivity))
        {
            throw new AccessDeniedException("reports.transactions", AccessRights.ReadActivity);
        }

        var store = transactions ?? throw new InvalidOperationException("No ITransactionStore is registered: the configured storage provider does not store transactions.");
        var view = await access.ViewAsync(caller, cancellationToken).ConfigureAwait(false);
        await foreach (var c in customers.StreamAsync(caller, cancellationToken).ConfigureAwait(false))
        {
            if (!view.Allows(AccessRights.ReadActivity, c.OwnerId))
            {
                continue;
            }

            var page = new PageRequest(1000);
            var id = c.Id.ToString();
            while (true)
            {
                var batch = await store.ListByCustomerAsync(c.Id, page, cancellationToken).ConfigureAwait(false);
                foreach (var t in batch.Items)
                {
                    yield return new TransactionRecord(id, DateOnly.FromDateTime(t.OccurredAt.UtcDateTime), t.Amount);
                }

                if (batch.ContinuationToken is null)
                {
                    break;
                }

                page = page with { ContinuationToken = batch.ContinuationToken };
            }
        }
    }
}
