using System.Runtime.CompilerServices;
using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.Privacy;

/// <summary>Wraps any customer store: encrypts personal fields on the way in, decrypts them on the way out, and
/// rewrites phone and email filters to the blind index.</summary>
/// <remarks>The inner store sees only the stored form (see <see cref="CustomerFieldProtector"/>), which uses the same
/// fields and shapes as plaintext, so every provider stores it unchanged. With encrypted names a name-prefix query
/// cannot use the store's name index: it pages through the customers matching the other filters, decrypts and filters
/// them (O(n) per page); its continuation token records the inner page and the last id returned.</remarks>
internal sealed class EncryptingCustomerStore : ICustomerStore
{
    private const string ScanTokenPrefix = "ns1:";
    private const int ScanPageSize = 500;
    private readonly ICustomerStore _inner;
    private readonly CustomerFieldProtector _protector;

    public EncryptingCustomerStore(ICustomerStore inner, CustomerFieldProtector protector)
    {
        _inner = inner;
        _protector = protector;
    }

    public ICustomerStore Inner => _inner;

    public async Task<Customer?> GetAsync(CustomerId id, CancellationToken cancellationToken = default)
    {
        var stored = await _inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : _protector.Unprotect(stored);
    }

    public async Task<Customer> AddAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var stored = await _inner.AddAsync(_protector.Protect(customer), cancellationToken).ConfigureAwait(false);
        return Returned(customer, stored);
    }

    public async Task<Customer> UpdateAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var stored = await _inner.UpdateAsync(_protector.Protect(customer), cancellationToken).ConfigureAwait(false);
        return Returned(customer, stored);
    }

    public Task<bool> DeleteAsync(CustomerId id, long expectedVersion, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(id, expectedVersion, cancellationToken);

    public Task<int> UpsertBatchAsync(IReadOnlyList<Customer> customers, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var stored = new Customer[customers.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            var c = customers[i] ?? throw new ArgumentException($"The batch holds a null customer at index {i}.", nameof(customers));
            stored[i] = _protector.Protect(c);
        }

        return _inner.UpsertBatchAsync(stored, progress, cancellationToken);
    }

    public Task<IReadOnlyList<bool>> AddManyAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default)
    {
        // Encrypt all, then one call: the provider keeps its single transaction.
        StoreBatch.Check(customers);
        var stored = new Customer[customers.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            stored[i] = _protector.Protect(customers[i]);
        }

        return _inner.AddManyAsync(stored, cancellationToken);
    }

    public async Task<Page<Customer>> QueryAsync(CustomerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Page.Validate();
        var inner = query with
        {
            Phone = query.Phone is null ? null : _protector.IndexPhone(query.Phone),
            Email = query.Email is null ? null : _protector.IndexEmail(query.Email),
        };
        if (query.NamePrefix is not null && _protector.EncryptNames)
        {
            return await ScanByNameAsync(inner, cancellationToken).ConfigureAwait(false);
        }

        var page = await _inner.QueryAsync(inner, cancellationToken).ConfigureAwait(false);
        var items = new Customer[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = _protector.Unprotect(page.Items[i]);
        }

        return new Page<Customer>(items, page.ContinuationToken);
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => _inner.CountAsync(cancellationToken);

    public async IAsyncEnumerable<Customer> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var stored in _inner.StreamAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return _protector.Unprotect(stored);
        }
    }

    /// <summary>Returns what the caller stored, with the version the store assigned (no decryption needed).</summary>
    private static Customer Returned(Customer given, Customer stored) => given with { Version = stored.Version, Phones = [.. given.Phones], Emails = [.. given.Emails], Addresses = [.. given.Addresses] };

    private async Task<Page<Customer>> ScanByNameAsync(CustomerQuery query, CancellationToken cancellationToken)
    {
        var prefix = query.NamePrefix!.Replace("\0", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        var (innerToken, after) = DecodeScanToken(query.Page.ContinuationToken, nameof(query));
        var wanted = query.Page.PageSize;
        var items = new List<Customer>(Math.Min(wanted, 256));
        while (true)
        {
            var pageQuery = query with { NamePrefix = null, Page = new PageRequest(ScanPageSize, innerToken) };
            var page = await _inner.QueryAsync(pageQuery, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page.Items)
            {
                if (after is { } a && string.CompareOrdinal(stored.Id.ToString(), a.ToString("D")) <= 0)
                {
                    continue;
                }

                var c = _protector.Unprotect(stored);
                if (!c.DisplayName.Replace("\0", string.Empty, StringComparison.Ordinal).ToLowerInvariant().StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (items.Count == wanted)
                {
                    return new Page<Customer>(items, EncodeScanToken(innerToken, items[^1].Id.Value));
                }

                items.Add(c);
            }

            if (page.ContinuationToken is null)
            {
                return new Page<Customer>(items, null);
            }

            // Moving to the next inner page: the last id filter applied only within the page the token pointed at.
            innerToken = page.ContinuationToken;
            after = null;
        }
    }

    private static string EncodeScanToken(string? innerToken, Guid? after) =>
        string.Concat(ScanTokenPrefix, after?.ToString("N") ?? "-", ":", innerToken ?? string.Empty);

    private static (string? InnerToken, Guid? After) DecodeScanToken(string? token, string paramName)
    {
        if (token is null)
        {
            return (null, null);
        }

        if (!token.StartsWith(ScanTokenPrefix, StringComparison.Ordinal) || token.IndexOf(':', ScanTokenPrefix.Length) is var colon && colon < 0)
        {
            throw new ArgumentException("The continuation token is not one this store issued.", paramName);
        }

        var afterText = token.AsSpan(ScanTokenPrefix.Length, colon - ScanTokenPrefix.Length);
        Guid? after = null;
        if (afterText is not "-")
        {
            after = Guid.TryParseExact(afterText, "N", out var g) ? g : throw new ArgumentException("The continuation token is not one this store issued.", paramName);
        }

        var inner = token[(colon + 1)..];
        return (inner.Length == 0 ? null : inner, after);
    }
}

/// <summary>Wraps an interaction store: encrypts subjects and notes on the way in and decrypts them on the way out.</summary>
internal sealed class EncryptingInteractionStore : IInteractionStore
{
    private readonly IInteractionStore _inner;
    private readonly CustomerFieldProtector _protector;

    public EncryptingInteractionStore(IInteractionStore inner, CustomerFieldProtector protector)
    {
        _inner = inner;
        _protector = protector;
    }

    public Task AddAsync(Interaction interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return _inner.AddAsync(_protector.Protect(interaction), cancellationToken);
    }

    public async Task<Interaction?> GetAsync(InteractionId id, CancellationToken cancellationToken = default)
    {
        var stored = await _inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : _protector.Unprotect(stored);
    }

    public async Task<Page<Interaction>> ListByCustomerAsync(CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var result = await _inner.ListByCustomerAsync(customerId, page, cancellationToken).ConfigureAwait(false);
        return new Page<Interaction>([.. result.Items.Select(_protector.Unprotect)], result.ContinuationToken);
    }

    public Task<int> MoveAsync(IReadOnlyCollection<InteractionId> ids, CustomerId target, CancellationToken cancellationToken = default) =>
        _inner.MoveAsync(ids, target, cancellationToken);

    public Task<int> DeleteByCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default) =>
        _inner.DeleteByCustomerAsync(customerId, cancellationToken);
}
