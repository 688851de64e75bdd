using CustomerCore.Customers;
using CustomerCore.Storage;
using Microsoft.Extensions.Logging;

namespace CustomerCore.Privacy;

/// <summary>Re-encrypts stored customers with the key provider's current key.</summary>
public interface IKeyRotationService
{
    /// <summary>Re-encrypts, batch by batch, every customer holding a value under an older key (or plaintext written before encryption was on).</summary>
    /// <param name="batchSize">How many customers to read per batch, from 1 to <see cref="PageRequest.MaxPageSize"/>.</param>
    /// <param name="progress">Receives the running totals after each batch, when given.</param>
    /// <param name="cancellationToken">Cancels between customers; every customer is either fully re-encrypted or untouched.</param>
    /// <returns>The totals of this run.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is out of range.</exception>
    /// <exception cref="DecryptionFailedException">A stored value cannot be decrypted with any known key.</exception>
    /// <remarks>Each customer is written with optimistic concurrency: a customer changed meanwhile is read again and
    /// retried once, else counted in <see cref="KeyRotationResult.Conflicts"/> and left for the next run. The rotation is
    /// resumable: customers already under the current key are skipped without decrypting, so after a cancellation or a
    /// crash simply run it again. Old keys must stay in the key provider: interactions cannot be rewritten through the
    /// store contract, so their notes keep the key they were written with.</remarks>
    Task<KeyRotationResult> RotateAsync(int batchSize = 500, IProgress<KeyRotationResult>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>Reports the totals of a key rotation run.</summary>
/// <param name="KeyId">The key values were re-encrypted with.</param>
/// <param name="Scanned">How many customers were read.</param>
/// <param name="Reencrypted">How many were rewritten.</param>
/// <param name="Conflicts">How many changed concurrently twice and were left for the next run.</param>
public sealed record KeyRotationResult(string KeyId, long Scanned, long Reencrypted, long Conflicts)
{
    /// <summary>Gets a value indicating whether every scanned customer is now under <see cref="KeyId"/>.</summary>
    public bool IsComplete => Conflicts == 0;
}

/// <summary>Implements key rotation over the raw (inner) customer store.</summary>
internal sealed class KeyRotationService : IKeyRotationService
{
    private readonly Func<ICustomerStore> _store;
    private readonly CustomerFieldProtector _protector;
    private readonly ILogger _logger;

    public KeyRotationService(Func<ICustomerStore> rawStore, CustomerFieldProtector protector, ILogger<KeyRotationService> logger)
    {
        _store = rawStore;
        _protector = protector;
        _logger = logger;
    }

    public async Task<KeyRotationResult> RotateAsync(int batchSize = 500, IProgress<KeyRotationResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, PageRequest.MaxPageSize);
        var store = _store();
        var keyId = _protector.Cipher.CurrentKeyId;
        long scanned = 0, reencrypted = 0, conflicts = 0;
        string? token = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await store.QueryAsync(new CustomerQuery { Page = new PageRequest(batchSize, token) }, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                scanned++;
                switch (await RotateOneAsync(store, stored, cancellationToken).ConfigureAwait(false))
                {
                    case Outcome.Rewritten:
                        reencrypted++;
                        break;
                    case Outcome.Conflict:
                        conflicts++;
                        Log.KeyRotationConflict(_logger, stored.Id);
                        break;
                }
            }

            token = page.ContinuationToken;
            var totals = new KeyRotationResult(keyId, scanned, reencrypted, conflicts);
            progress?.Report(totals);
            Log.KeyRotationProgress(_logger, keyId, scanned, reencrypted, conflicts);
        }
        while (token is not null);

        return new KeyRotationResult(keyId, scanned, reencrypted, conflicts);
    }

    private async Task<Outcome> RotateOneAsync(ICustomerStore store, Customer stored, CancellationToken cancellationToken)
    {
        var current = stored;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (!_protector.NeedsRotation(current))
            {
                return attempt == 0 ? Outcome.Unchanged : Outcome.Rewritten;
            }

            // Plaintext is accepted here on purpose: rotation is how a database written before encryption gets encrypted.
            var rewritten = _protector.Protect(_protector.Unprotect(current, acceptPlaintext: true)) with { Version = current.Version };
            try
            {
                await store.UpdateAsync(rewritten, cancellationToken).ConfigureAwait(false);
                return Outcome.Rewritten;
            }
            catch (ConcurrencyConflictException)
            {
                var fresh = await store.GetAsync(current.Id, cancellationToken).ConfigureAwait(false);
                if (fresh is null)
                {
                    return Outcome.Unchanged;
                }

                current = fresh;
            }
            catch (RecordNotFoundException)
            {
                return Outcome.Unchanged;
            }
        }

        return _protector.NeedsRotation(current) ? Outcome.Conflict : Outcome.Rewritten;
    }

    private enum Outcome
    {
        Unchanged,
        Rewritten,
        Conflict,
    }
}
