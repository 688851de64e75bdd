using CustomerCore.Customers;

namespace CustomerCore.Import;

/// <summary>Decides, for one import run, whether a row's exact phone/email lookup in the store can find anything at all.</summary>
/// <remarks>The importer still answers every "may match" row with the same per-row service search as before, so results do
/// not change; the index only skips searches that provably find nothing. A search can find a customer only if the store
/// holds one of the row's keys, and the store holds only (a) what it held when the import started and (b) what this run
/// wrote. (a) is empty when the store was empty at the start, or is answered for a whole batch at once by a store that
/// implements <see cref="IContactKeyLookup"/>; (b) is covered by the 64-bit hashes of every key this run has applied
/// (kept in a <see cref="ContactKeyFilter"/>; a false positive only costs one extra search). Other writers to the same store during the run are not seen by the
/// skip; the contract, as for the batch path of creates, is one importer per store at a time.
/// Memory: at most about 8 bytes per distinct key applied (the filter's 32 bits per key, doubled by its growth steps),
/// against about 20 to 40 for a hash set of the same hashes. Not thread-safe: the storing side of one import uses it.</remarks>
internal sealed class ImportContactIndex
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    private readonly ContactKeyFilter _applied = new();
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
    public bool MayMatch(Customer normalized) => MayMatch(HashesOf(normalized));

    /// <summary>Tells whether a search for a row with these key hashes (from <see cref="HashesOf"/>) may find a customer.</summary>
    /// <param name="hashes">The row's key hashes.</param>
    /// <returns><see langword="false"/> only when no stored customer can hold any of the row's keys.</returns>
    public bool MayMatch(ReadOnlySpan<ulong> hashes)
    {
        if (!_storeWasEmpty && _storedInBatch is null)
        {
            return true;
        }

        foreach (var hash in hashes)
        {
            if (_applied.Contains(hash) || (_storedInBatch?.Contains(hash) ?? false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records the keys of a row that this run stores (created, updated or merged).</summary>
    /// <param name="normalized">The validated row.</param>
    public void Add(Customer normalized) => Add(HashesOf(normalized));

    /// <summary>Records the key hashes (from <see cref="HashesOf"/>) of a row that this run stores.</summary>
    /// <param name="hashes">The row's key hashes.</param>
    public void Add(ReadOnlySpan<ulong> hashes)
    {
        foreach (var hash in hashes)
        {
            _applied.Add(hash);
        }
    }

    /// <summary>Records the key hashes of a row that this run stores, which <see cref="MayMatch(ReadOnlySpan{ulong})"/> has
    /// just answered <see langword="false"/> for: none was applied yet, so the filter's membership test is skipped.</summary>
    /// <param name="hashes">The row's key hashes.</param>
    public void AddAbsent(ReadOnlySpan<ulong> hashes)
    {
        foreach (var hash in hashes)
        {
            _applied.AddAbsent(hash);
        }
    }

    /// <summary>Hashes a row's keys once (the reading side does it, off the storing side's thread).</summary>
    /// <param name="normalized">The validated row.</param>
    /// <returns>One hash per E.164 phone and normalized email.</returns>
    public static ulong[] HashesOf(Customer normalized)
    {
        // Indexed loops: foreach over the lists' interfaces boxes an enumerator each (four per row here).
        var phones = normalized.Phones;
        var emails = normalized.Emails;
        var count = 0;
        for (var p = 0; p < phones.Count; p++)
        {
            count += phones[p].E164 is null ? 0 : 1;
        }

        for (var e = 0; e < emails.Count; e++)
        {
            count += emails[e].Normalized is null ? 0 : 1;
        }

        if (count == 0)
        {
            return [];
        }

        var hashes = new ulong[count];
        var i = 0;
        for (var p = 0; p < phones.Count; p++)
        {
            if (phones[p].E164 is { } e164)
            {
                hashes[i++] = Hash(ContactKeys.PhonePrefix, e164);
            }
        }

        for (var e = 0; e < emails.Count; e++)
        {
            if (emails[e].Normalized is { } address)
            {
                hashes[i++] = Hash(ContactKeys.EmailPrefix, address);
            }
        }

        return hashes;
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
                keys.Add(ContactKeys.PhonePrefix + e164);
            }
        }

        foreach (var email in normalized.Emails)
        {
            if (email.Normalized is { } address)
            {
                keys.Add(ContactKeys.EmailPrefix + address);
            }
        }
    }

    // FNV-1a over the UTF-16 code units, then the SplitMix64 finalizer so that every bit depends on every char:
    // deterministic and allocation-free; collisions only cause an extra search.
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

        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }
}

/// <summary>Remembers 64-bit key hashes approximately: a growing series of blocked Bloom filters that never forgets a key
/// and wrongly claims an absent one rarely (measured: 0.12 % of absent keys over four stages).</summary>
/// <remarks>Each stage is an array of 64-bit words; a key sets 8 bits of one word (one cache line touched per stage) chosen
/// from its hash. A stage holds 2 keys per word (32 bits per key); when full, a stage twice as large starts, so memory is
/// at most about 8 bytes per distinct key and a lookup touches one word per stage (log₂ of the growth: 8 stages for 2
/// million keys). Not thread-safe.</remarks>
internal sealed class ContactKeyFilter
{
    private const int FirstStageWords = 8_192; // 64 kB, 16,384 keys
    private const int KeysPerWord = 2;
    private const int BitsPerKey = 8;

    private readonly List<ulong[]> _stages = [];
    private int _countInLast;

    /// <summary>Adds a hash.</summary>
    /// <param name="hash">A well-mixed 64-bit hash of the key.</param>
    public void Add(ulong hash)
    {
        if (Contains(hash))
        {
            return; // repeats do not fill the stage
        }

        AddAbsent(hash);
    }

    /// <summary>Adds a hash known to be absent (<see cref="Contains"/> just answered <see langword="false"/>), without
    /// testing it again: each test touches one word per stage, mostly cache misses once the stages outgrow the cache.</summary>
    /// <param name="hash">A well-mixed 64-bit hash of the key.</param>
    public void AddAbsent(ulong hash)
    {
        if (_stages.Count == 0 || _countInLast >= _stages[^1].Length * KeysPerWord)
        {
            _stages.Add(new ulong[_stages.Count == 0 ? FirstStageWords : _stages[^1].Length * 2]);
            _countInLast = 0;
        }

        var last = _stages[^1];
        last[WordOf(hash, last.Length)] |= MaskOf(hash);
        _countInLast++;
    }

    /// <summary>Tells whether the hash may have been added: never <see langword="false"/> for an added one.</summary>
    /// <param name="hash">A well-mixed 64-bit hash of the key.</param>
    /// <returns><see langword="true"/> when the hash was (probably) added.</returns>
    public bool Contains(ulong hash)
    {
        var mask = MaskOf(hash);
        for (var i = _stages.Count - 1; i >= 0; i--)
        {
            var stage = _stages[i];
            if ((stage[WordOf(hash, stage.Length)] & mask) == mask)
            {
                return true;
            }
        }

        return false;
    }

    // The word comes from the hash's low bits (stage lengths are powers of two); the 8 bit positions come from the high
    // 48 bits of a second, multiplied hash, so they are independent of the word.
    private static int WordOf(ulong hash, int words) => (int)(hash & (ulong)(words - 1));

    private static ulong MaskOf(ulong hash)
    {
        var second = (hash ^ (hash >> 32)) * 0x9E3779B97F4A7C15UL;
        var mask = 0UL;
        for (var i = 0; i < BitsPerKey; i++)
        {
            mask |= 1UL << (int)((second >> (16 + (6 * i))) & 63);
        }

        return mask;
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

/// <summary>Spells and splits the keys of <see cref="IContactKeyLookup"/>, so the importer and every provider agree on them.</summary>
internal static class ContactKeys
{
    /// <summary>Prefixes an E.164 phone number's key.</summary>
    internal const string PhonePrefix = "p:";

    /// <summary>Prefixes a normalized email's key.</summary>
    internal const string EmailPrefix = "e:";

    /// <summary>Splits keys into their distinct phone numbers and emails (prefixes removed); other keys are ignored.</summary>
    /// <param name="keys">The keys; duplicates allowed.</param>
    /// <returns>The distinct E.164 numbers and the distinct normalized emails.</returns>
    internal static (string[] Phones, string[] Emails) Split(IEnumerable<string> keys)
    {
        HashSet<string> phones = new(StringComparer.Ordinal), emails = new(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key.StartsWith(PhonePrefix, StringComparison.Ordinal))
            {
                phones.Add(key[PhonePrefix.Length..]);
            }
            else if (key.StartsWith(EmailPrefix, StringComparison.Ordinal))
            {
                emails.Add(key[EmailPrefix.Length..]);
            }
        }

        return ([.. phones], [.. emails]);
    }
}
