namespace CustomerCore.Privacy;

/// <summary>Supplies the AES-256 keys that encrypt personal fields and the HMAC key of the blind index.</summary>
/// <remarks>Implementations are thread-safe and fast (they are called per field): a KMS-backed provider caches the
/// unwrapped keys. Key ids are stored with every ciphertext, so old keys must stay available until
/// <see cref="IKeyRotationService"/> has re-encrypted everything written with them.</remarks>
public interface IKeyProvider
{
    /// <summary>Gets the id of the key new values are encrypted with (letters, digits, <c>-</c> and <c>_</c>).</summary>
    string CurrentKeyId { get; }

    /// <summary>Gets the 32-byte HMAC-SHA256 key of the blind index used for exact phone and email lookups.</summary>
    /// <remarks>It never rotates: changing it would orphan every stored index value.</remarks>
    ReadOnlyMemory<byte> IndexKey { get; }

    /// <summary>Looks up a 32-byte AES key by id.</summary>
    /// <param name="keyId">The key id stored with a ciphertext.</param>
    /// <param name="key">The key when found.</param>
    /// <returns><see langword="true"/> when the provider holds the key.</returns>
    bool TryGetKey(string keyId, out ReadOnlyMemory<byte> key);
}
