using CustomerCore.Customers;

namespace CustomerCore.Import;

/// <summary>Decides, for one import run, whether a row's exact phone/email lookup in the store can find anything at all.</summary>
/// <remarks>The importer still answers every "may match" row with the same per-row service search as before, so results do
/// not change; the index only skips searches that provably find nothing. A search can find a customer only if the store
/// holds one of the row's keys, and the store holds only (a) what it held when the import started and (b) what this run
/// wrote. (a) is empty when the store was empty at the start, or is answered for a whole batch at once by a store that
/// implements <see cref="IContactKeyLookup"/>; (b) is covered by the 64-bit hashes of every key this run has applied
/// (a hash collision only costs one extra search). Other writers to the same store during the run are not seen by the
/// skip; the contract, as for the batch path of creates, is one importer per store at a time.
/// Memory: 8 bytes of hash (about 20 bytes with the set's overhead) per distinct key applied. Not thread-safe: the
/// consumer side of one import uses it.</remarks>
internal sealed class ImportContactIndex
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    private readonly HashSet<ulong> _applied = [];
    private readonly bool _storeWasEmpty;
    private HashSet<ulong>? _storedInBatch;

    /// <summary>Initializes an index for one run.</summary>
    /// <param name="storeWasEmpty">Whether the store held no customer when the run started.</param>
    public ImportContactIndex(bool storeWasEmpty) => _storeWasEmpty = storeWasEmpty;

    /// <summary>Gets a value indicating whether keys stored before the run must be looked up (the store was not empty).</summary>
    public bool NeedsStoreKeys => !_storeWasEmpty;

    /// <summary>Sets the keys of the coming rows that the store held before they are applied (from one batched lookup).</summary>
    /// <param name="storedKeys">The stored keys (<c>p:</c>+E.164, <c>e:</c>+normalized email), or <see langword="null"/>
    /// when the store cannot answer in bulk, so every row must be searched.</param>
    public void SetStoredKeys(IEnumerable<string>? storedKeys)
    {
        if (storedKeys is null)
        {
            _storedInBatch = null;
            return;
        }

        _storedInBatch ??= [];
        _storedInBatch.Clear();
        foreach (var key in storedKeys)
        {
            _storedInBatch.Add(Hash(key.AsSpan(0, 2), key.AsSpan(2)));
        }
    }

    /// <summary>Tells whether a search for the row's phones and emails may find a customer.</summary>
    /// <param name="normalized">The validated row.</param>
    /// <returns><see langword="false"/> only when no stored customer can hold any of the row's keys.</returns>
    public bool MayMatch(Customer normalized) => (!_storeWasEmpty && _storedInBatch is null) || AnyKeyIn(normalized);

    /// <summary>Records the keys of a row that this run stores (created, updated or merged).</summary>
    /// <param name="normalized">The validated row.</param>
    public void Add(Customer normalized)
    {
        foreach (var phone in normalized.Phones)
        {
            if (phone.E164 is { } e164)
            {
                _applied.Add(Hash("p:", e164));
            }
        }

        foreach (var email in normalized.Emails)
        {
            if (email.Normalized is { } address)
            {
                _applied.Add(Hash("e:", address));
            }
        }
    }

    /// <summary>Lists the keys of a row in the form a <see cref="IContactKeyLookup"/> takes.</summary>
    /// <param name="normalized">The validated row.</param>
    /// <param name="keys">Receives the keys.</param>
    public static void CollectKeys(Customer normalized, ICollection<string> keys)
    {
        foreach (var phone in normalized.Phones)
        {
            if (phone.E164 is { } e164)
            {
                keys.Add("p:" + e164);
            }
        }

        foreach (var email in normalized.Emails)
        {
            if (email.Normalized is { } address)
            {
                keys.Add("e:" + address);
            }
        }
    }

    private bool AnyKeyIn(Customer normalized)
    {
        foreach (var phone in normalized.Phones)
        {
            if (phone.E164 is { } e164 && Contains(Hash("p:", e164)))
            {
                return true;
            }
        }

        foreach (var email in normalized.Emails)
        {
            if (email.Normalized is { } address && Contains(Hash("e:", address)))
            {
                return true;
            }
        }

        return false;
    }

    private bool Contains(ulong hash) => _applied.Contains(hash) || (_storedInBatch?.Contains(hash) ?? false);

    // FNV-1a over the UTF-16 code units: deterministic, allocation-free; collisions only cause an extra search.
    private static ulong Hash(ReadOnlySpan<char> prefix, ReadOnlySpan<char> value)
    {
        var hash = FnvOffset;
        foreach (var c in prefix)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        foreach (var c in value)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return hash;
    }
}

/// <summary>Answers, for many contact keys at once, which ones a store holds: an optional store capability the importer uses
/// to skip per-row searches when importing into a store that was not empty.</summary>
/// <remarks>Keys are <c>p:</c> + E.164 number and <c>e:</c> + normalized email. The answer must ignore access rules (it
/// is a superset filter; the importer then searches through the service). A decorator that transforms stored contacts
/// (field encryption) must not forward it.</remarks>
internal interface IContactKeyLookup
{
    /// <summary>Finds which of the keys the store holds on any customer.</summary>
    /// <param name="keys">The keys; duplicates allowed.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The subset of <paramref name="keys"/> that some stored customer has.</returns>
    Task<IReadOnlyCollection<string>> FindStoredKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}
