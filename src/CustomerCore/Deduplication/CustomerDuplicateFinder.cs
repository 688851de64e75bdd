using CustomerCore.Customers;
using CustomerCore.Deduplication.Internal;
using CustomerCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerCore.Deduplication;

/// <summary>Finds duplicates among stored customers: a streaming scan of the whole store, and an entry-time check of one customer.</summary>
public interface ICustomerDuplicateFinder
{
    /// <summary>Scans every stored customer for duplicates, streaming the store in batches.</summary>
    /// <param name="progress">An optional receiver of the completed fraction, from 0 to 1.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>One cluster assignment per customer (record ids are customer id texts), the matched pairs with explanations, and blocking figures.</returns>
    Task<DeduplicationResult> ScanAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Finds stored customers that probably are duplicates of a customer, best first, using the store's phone, email and name indexes.</summary>
    /// <param name="customer">The customer to check, new or stored; it is never reported as its own duplicate.</param>
    /// <param name="maxResults">The most candidates to return, at least 1.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The candidates at or above the match threshold; <see cref="ScoredPair.LeftId"/> is the checked customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxResults"/> is less than 1.</exception>
    Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(Customer customer, int maxResults = 10, CancellationToken cancellationToken = default);
}

/// <summary>Finds duplicates among stored customers with the duplicate engine, reading through <see cref="ICustomerStore"/>.</summary>
/// <remarks>
/// <para>The scan streams the store once and keeps only the engine's compact comparison columns, not the customers; its cost
/// is linear in customers times the block size (no all-pairs step), as for <see cref="IDuplicateDetector.Deduplicate"/>.</para>
/// <para>An entry-time check queries the store for customers sharing an E.164 phone, a normalized email or a display-name
/// prefix (first word plus the initial of the second; first two characters for Chinese names), at most
/// <see cref="MaxCandidatesPerKey"/> per key, and scores them with a model fitted on the store: by the last scan, or on first
/// use from the first <see cref="ModelSampleSize"/> stored customers. Thread-safe.</para>
/// </remarks>
public sealed class CustomerDuplicateFinder : ICustomerDuplicateFinder
{
    /// <summary>The most customers one index lookup of an entry-time check reads.</summary>
    public const int MaxCandidatesPerKey = 200;

    /// <summary>The number of stored customers the model is fitted on when no scan has run.</summary>
    public const int ModelSampleSize = 50_000;

    private const double ReadShare = 0.4;
    private readonly ICustomerStore _store;
    private readonly DuplicateDetector _detector;
    private readonly Lock _gate = new();
    private Task<Model>? _fitting;
    private Model? _model;

    /// <summary>Creates a finder over a store.</summary>
    /// <param name="store">The customer store.</param>
    /// <param name="options">The engine options.</param>
    /// <param name="logger">An optional logger.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option value is out of range.</exception>
    public CustomerDuplicateFinder(ICustomerStore store, IOptions<DeduplicationOptions> options, ILogger<DuplicateDetector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _detector = new DuplicateDetector(options, logger ?? NullLogger<DuplicateDetector>.Instance);
    }

    /// <inheritdoc/>
    public async Task<DeduplicationResult> ScanAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        using var activity = CustomerCore.Internal.Telemetry.Source.StartActivity("customercore.dedupe.store_scan");
        var total = await _store.CountAsync(cancellationToken).ConfigureAwait(false);
        var features = new Features(_detector.EngineOptions, []);
        var read = 0L;
        await foreach (var customer in _store.StreamAsync(cancellationToken).ConfigureAwait(false))
        {
            features.Add(DedupeRecord.FromCustomer(customer));
            if (++read % 10_000 == 0)
            {
                progress?.Report(ReadShare * read / Math.Max(total, read));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        activity?.SetTag("customercore.records", features.Count);
        var engineProgress = progress is null ? null : new ScaledProgress(progress, ReadShare, 1 - ReadShare);
        var (result, model) = _detector.DeduplicateFeatures(features, engineProgress);
        CustomerCore.Internal.Telemetry.DedupeRecords.Add(features.Count);
        _model = model;
        progress?.Report(1);
        return result;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(Customer customer, int maxResults = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        var candidates = new Dictionary<CustomerId, Customer>();
        foreach (var query in Queries(customer))
        {
            var page = await _store.QueryAsync(query with { Page = new PageRequest(MaxCandidatesPerKey) }, cancellationToken).ConfigureAwait(false);
            foreach (var found in page.Items)
            {
                if (found.Id != customer.Id)
                {
                    candidates.TryAdd(found.Id, found);
                }
            }
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        var model = _model ?? await FitOnceAsync(cancellationToken).ConfigureAwait(false);

        var features = new Features(_detector.EngineOptions, []);
        features.Add(DedupeRecord.FromCustomer(customer));
        foreach (var c in candidates.Values)
        {
            features.Add(DedupeRecord.FromCustomer(c));
        }

        var threshold = Math.Log2(_detector.EngineOptions.MatchThreshold / Math.Max(1e-12, 1 - _detector.EngineOptions.MatchThreshold));
        var scored = new List<(double W, int Row)>();
        for (var j = 1; j < features.Count; j++)
        {
            var w = model.Score(features, 0, j, default);
            if (w >= threshold)
            {
                scored.Add((w, j));
            }
        }

        scored.Sort((a, b) => b.W != a.W ? b.W.CompareTo(a.W) : a.Row.CompareTo(b.Row));
        var result = new List<DuplicateCandidate>(Math.Min(maxResults, scored.Count));
        for (var s = 0; s < scored.Count && s < maxResults; s++)
        {
            result.Add(new DuplicateCandidate(Engine.Explain(features, model, 0, scored[s].Row)));
        }

        return result;
    }

    /// <summary>Builds the indexed lookups for a customer: each E.164 phone, each normalized email, and a name prefix.</summary>
    internal static IEnumerable<CustomerQuery> Queries(Customer customer)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phone in customer.Phones)
        {
            if (phone.E164 is { Length: > 0 } e164 && seen.Add("p" + e164))
            {
                yield return new CustomerQuery { Phone = e164 };
            }
        }

        foreach (var email in customer.Emails)
        {
            if (email.Normalized is { Length: > 0 } normalized && seen.Add("e" + normalized))
            {
                yield return new CustomerQuery { Email = normalized };
            }
        }

        if (NamePrefix(customer.DisplayName) is { } prefix)
        {
            yield return new CustomerQuery { NamePrefix = prefix };
        }
    }

    /// <summary>Returns a selective display-name prefix: the first word and the initial of the second, or two CJK characters.</summary>
    internal static string? NamePrefix(string? displayName)
    {
        var name = displayName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (Internal.Text.IsCjk(name[0]))
        {
            return name.Length >= 2 ? name[..2] : null;
        }

        var space = name.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return name.Length >= 3 ? name : null;
        }

        var rest = name[(space + 1)..].TrimStart();
        var first = name[..space];
        return first.Length < 2 ? null : rest.Length > 0 ? first + " " + rest[0] : first;
    }

    // One fit is shared by concurrent first checks; a caller's cancellation stops its wait, not the shared fit.
    private Task<Model> FitOnceAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_fitting is null || _fitting.IsFaulted || _fitting.IsCanceled)
            {
                _fitting = FitAsync();
            }

            return _fitting.WaitAsync(cancellationToken);
        }
    }

    private async Task<Model> FitAsync()
    {
        var features = new Features(_detector.EngineOptions, []);
        await foreach (var customer in _store.StreamAsync(CancellationToken.None).ConfigureAwait(false))
        {
            features.Add(DedupeRecord.FromCustomer(customer));
            if (features.Count >= ModelSampleSize)
            {
                break;
            }
        }

        var model = new Engine(_detector.EngineOptions).FitModel(features);
        _model ??= model;
        return _model;
    }

    // Reports synchronously (unlike Progress<T>, which posts), so fractions arrive in order and before the scan returns.
    private sealed class ScaledProgress(IProgress<double> inner, double offset, double scale) : IProgress<double>
    {
        public void Report(double value) => inner.Report(offset + (scale * value));
    }
}
