using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace CustomerCore.Customers;

/// <summary>A read-only map of a few customer attributes (imports bring one or two): one array of pairs, searched linearly.</summary>
/// <remarks>Why: a customer waiting in an import batch survives several garbage collections, and a one-entry
/// <see cref="Dictionary{TKey, TValue}"/> (object, buckets and entries, about 216 bytes) was the largest piece of it; this
/// map holds the same entry in about 64 bytes. Lookups compare at most <see cref="MaxCount"/> keys ordinally. Keys are
/// distinct and enumerate in insertion order, as a dictionary built without removals does.</remarks>
internal sealed class SmallAttributeMap : IReadOnlyDictionary<string, string>
{
    /// <summary>Gets the most entries this map is used for; larger sets stay dictionaries.</summary>
    internal const int MaxCount = 8;

    private readonly KeyValuePair<string, string>[] _pairs;

    /// <summary>Initializes a map over pairs whose keys are distinct (the caller guarantees it); the array is kept, not copied.</summary>
    /// <param name="pairs">The entries, in enumeration order.</param>
    internal SmallAttributeMap(KeyValuePair<string, string>[] pairs) => _pairs = pairs;

    public int Count => _pairs.Length;

    /// <summary>Gets the entries, for enumeration without an enumerator object.</summary>
    internal ReadOnlySpan<KeyValuePair<string, string>> Pairs => _pairs;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var pair in _pairs)
            {
                yield return pair.Key;
            }
        }
    }

    public IEnumerable<string> Values
    {
        get
        {
            foreach (var pair in _pairs)
            {
                yield return pair.Value;
            }
        }
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The attribute '{key}' is not present.");

    /// <summary>Finds the index of a key among pairs, or -1.</summary>
    /// <param name="pairs">The pairs.</param>
    /// <param name="count">How many of <paramref name="pairs"/> are filled.</param>
    /// <param name="key">The key.</param>
    /// <returns>The index, or -1 when absent.</returns>
    internal static int IndexOf(KeyValuePair<string, string>[] pairs, int count, string key)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(pairs[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public bool ContainsKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return IndexOf(_pairs, _pairs.Length, key) >= 0;
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var i = IndexOf(_pairs, _pairs.Length, key);
        value = i >= 0 ? _pairs[i].Value : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
