using System.Security.Cryptography;

namespace CustomerCore.Privacy;

/// <summary>Holds keys in memory, for tests and for hosts that load keys themselves.</summary>
/// <remarks>Thread-safe: <see cref="AddKey(string, ReadOnlySpan{byte}, bool)"/> swaps an immutable snapshot.</remarks>
public sealed class InMemoryKeyProvider : IKeyProvider
{
    private readonly Lock _gate = new();
    private readonly byte[] _indexKey;
    private Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private string _current;

    /// <summary>Initializes a new instance with one current key.</summary>
    /// <param name="keyId">The id of the first key.</param>
    /// <param name="key">The 32-byte AES key.</param>
    /// <param name="indexKey">The 32-byte blind-index key.</param>
    /// <exception cref="ArgumentException">A key id is not letters, digits, <c>-</c> or <c>_</c>, or a key is not 32 bytes.</exception>
    public InMemoryKeyProvider(string keyId, ReadOnlySpan<byte> key, ReadOnlySpan<byte> indexKey)
    {
        KeyRules.CheckKey(indexKey, nameof(indexKey));
        _indexKey = indexKey.ToArray();
        _current = keyId;
        AddKey(keyId, key, makeCurrent: true);
    }

    /// <inheritdoc/>
    public string CurrentKeyId
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> IndexKey => _indexKey;

    /// <summary>Creates a provider with fresh random keys.</summary>
    /// <param name="keyId">The id of the first key.</param>
    /// <returns>The provider.</returns>
    public static InMemoryKeyProvider CreateRandom(string keyId = "k1") =>
        new(keyId, RandomNumberGenerator.GetBytes(KeyRules.KeySize), RandomNumberGenerator.GetBytes(KeyRules.KeySize));

    /// <summary>Adds a key, optionally making it the current one.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="key">The 32-byte AES key.</param>
    /// <param name="makeCurrent">Whether new values are encrypted with it from now on.</param>
    /// <exception cref="ArgumentException">The id is invalid or taken, or the key is not 32 bytes.</exception>
    public void AddKey(string keyId, ReadOnlySpan<byte> key, bool makeCurrent)
    {
        KeyRules.CheckKeyId(keyId, nameof(keyId));
        KeyRules.CheckKey(key, nameof(key));
        var copy = key.ToArray();
        lock (_gate)
        {
            if (_keys.ContainsKey(keyId))
            {
                throw new ArgumentException($"Key id '{keyId}' is already in use; key ids are never reused.", nameof(keyId));
            }

            _keys = new Dictionary<string, byte[]>(_keys, StringComparer.Ordinal) { [keyId] = copy };
            if (makeCurrent)
            {
                _current = keyId;
            }
        }
    }

    /// <inheritdoc/>
    public bool TryGetKey(string keyId, out ReadOnlyMemory<byte> key)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var keys = Volatile.Read(ref _keys);
        var found = keys.TryGetValue(keyId, out var bytes);
        key = found ? bytes : ReadOnlyMemory<byte>.Empty;
        return found;
    }
}

/// <summary>Checks key ids and key sizes.</summary>
internal static class KeyRules
{
    public const int KeySize = 32;
    public const int MaxKeyIdLength = 64;

    public static bool IsValidKeyId(string? keyId) =>
        !string.IsNullOrEmpty(keyId) && keyId.Length <= MaxKeyIdLength && keyId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static void CheckKeyId(string keyId, string paramName)
    {
        ArgumentNullException.ThrowIfNull(keyId, paramName);
        if (!IsValidKeyId(keyId))
        {
            throw new ArgumentException($"A key id must be 1 to {MaxKeyIdLength} ASCII letters, digits, '-' or '_'.", paramName);
        }
    }

    public static void CheckKey(ReadOnlySpan<byte> key, string paramName)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"A key must be exactly {KeySize} bytes (AES-256, HMAC-SHA256).", paramName);
        }
    }
}
