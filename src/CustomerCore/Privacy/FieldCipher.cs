using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CustomerCore.Privacy;

/// <summary>Encrypts single field values with AES-256-GCM and computes blind-index values with HMAC-SHA256.</summary>
/// <remarks>Stored form: <c>enc:v1:&lt;keyId&gt;:&lt;base64(nonce|ciphertext|tag)&gt;</c> with a random 96-bit nonce per value and
/// the caller's associated data (record id and field path) bound into the tag, so a value copied to another record or
/// field fails to decrypt. Blind index: <c>bi:&lt;base64url(HMAC-SHA256(indexKey, value))&gt;</c>. Thread-safe: each thread
/// keeps its own <see cref="AesGcm"/> per key id (the type is not safe for concurrent use).</remarks>
internal sealed class FieldCipher : IDisposable
{
    public const string Prefix = "enc:v1:";
    public const string IndexPrefix = "bi:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int StackLimit = 512;
    private const int AadStackLimit = 128;

    private readonly IKeyProvider _keys;
    private readonly ThreadLocal<Dictionary<string, AesGcm>> _ciphers = new(() => new Dictionary<string, AesGcm>(StringComparer.Ordinal), trackAllValues: true);

    public FieldCipher(IKeyProvider keys, bool acceptPlaintext)
    {
        _keys = keys;
        AcceptPlaintext = acceptPlaintext;
    }

    public bool AcceptPlaintext { get; }

    public string CurrentKeyId => _keys.CurrentKeyId;

    public static bool IsEncrypted(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Tells whether a stored value is ciphertext under the given key id.</summary>
    public static bool IsEncryptedWith(string value, string keyId) =>
        value.Length > Prefix.Length + keyId.Length && value.StartsWith(Prefix, StringComparison.Ordinal)
        && value.AsSpan(Prefix.Length, keyId.Length).SequenceEqual(keyId) && value[Prefix.Length + keyId.Length] == ':';

    public string Encrypt(string plaintext, string recordId, string fieldPath)
    {
        var keyId = _keys.CurrentKeyId;
        var aes = CipherFor(keyId) ?? throw new InvalidOperationException($"The key provider has no key for its current key id '{keyId}'.");
        var plainLength = Encoding.UTF8.GetByteCount(plaintext);
        var total = NonceSize + plainLength + TagSize;
        byte[]? rented = null;
        var buffer = total <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(total));
        buffer = buffer[..total];
        try
        {
            var nonce = buffer[..NonceSize];
            var body = buffer.Slice(NonceSize, plainLength);
            var tag = buffer[(NonceSize + plainLength)..];
            RandomNumberGenerator.Fill(nonce);
            Encoding.UTF8.GetBytes(plaintext, body);
            Span<byte> aadBuffer = stackalloc byte[AadStackLimit];
            aes.Encrypt(nonce, body, body, tag, Aad(recordId, fieldPath, aadBuffer));
            return string.Concat(Prefix, keyId, ":", Convert.ToBase64String(buffer));
        }
        finally
        {
            buffer.Clear();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public string? EncryptOrNull(string? plaintext, string recordId, string fieldPath) =>
        plaintext is null ? null : Encrypt(plaintext, recordId, fieldPath);

    public string Decrypt(string stored, string recordId, string fieldPath, bool? acceptPlaintext = null)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return acceptPlaintext ?? AcceptPlaintext
                ? stored
                : throw new DecryptionFailedException(recordId, fieldPath, null, DecryptionFailure.PlaintextNotAllowed);
        }

        var rest = stored.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0)
        {
            throw new DecryptionFailedException(recordId, fieldPath, null, DecryptionFailure.Malformed);
        }

        var keyId = rest[..colon].ToString();
        var aes = CipherFor(keyId) ?? throw new DecryptionFailedException(recordId, fieldPath, keyId, DecryptionFailure.UnknownKey);
        var encoded = rest[(colon + 1)..];
        var maxLength = (encoded.Length / 4 * 3) + 3;
        byte[]? rented = null;
        var buffer = maxLength <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            if (!Convert.TryFromBase64Chars(encoded, buffer, out var written) || written < NonceSize + TagSize)
            {
                throw new DecryptionFailedException(recordId, fieldPath, keyId, DecryptionFailure.Malformed);
            }

            var data = buffer[..written];
            var nonce = data[..NonceSize];
            var body = data[NonceSize..^TagSize];
            var tag = data[^TagSize..];
            try
            {
                Span<byte> aadBuffer = stackalloc byte[AadStackLimit];
                aes.Decrypt(nonce, body, tag, body, Aad(recordId, fieldPath, aadBuffer));
            }
            catch (AuthenticationTagMismatchException e)
            {
                throw new DecryptionFailedException(recordId, fieldPath, keyId, DecryptionFailure.AuthenticationFailed, e);
            }

            return Encoding.UTF8.GetString(body);
        }
        finally
        {
            buffer.Clear();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public string? DecryptOrNull(string? stored, string recordId, string fieldPath, bool? acceptPlaintext = null) =>
        stored is null ? null : Decrypt(stored, recordId, fieldPath, acceptPlaintext);

    /// <summary>Computes the blind-index form of a normalized value (E.164 phone, normalized email).</summary>
    public string BlindIndex(string normalized)
    {
        Span<byte> mac = stackalloc byte[32];
        var length = Encoding.UTF8.GetByteCount(normalized);
        byte[]? rented = null;
        var bytes = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(normalized, bytes);
            HMACSHA256.HashData(_keys.IndexKey.Span, bytes[..written], mac);
            return string.Concat(IndexPrefix, Base64Url.EncodeToString(mac));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public void Dispose()
    {
        foreach (var map in _ciphers.Values)
        {
            foreach (var aes in map.Values)
            {
                aes.Dispose();
            }
        }

        _ciphers.Dispose();
    }

    /// <summary>Writes the associated data "&lt;record id&gt;/&lt;field path&gt;": it binds the ciphertext to its record and field (not secret, not stored).</summary>
    private static ReadOnlySpan<byte> Aad(string recordId, string fieldPath, Span<byte> buffer)
    {
        var length = Encoding.UTF8.GetByteCount(recordId) + 1 + Encoding.UTF8.GetByteCount(fieldPath);
        var aad = length <= buffer.Length ? buffer : new byte[length];
        var n = Encoding.UTF8.GetBytes(recordId, aad);
        aad[n++] = (byte)'/';
        n += Encoding.UTF8.GetBytes(fieldPath, aad[n..]);
        return aad[..n];
    }

    private AesGcm? CipherFor(string keyId)
    {
        var map = _ciphers.Value!;
        if (map.TryGetValue(keyId, out var aes))
        {
            return aes;
        }

        if (!_keys.TryGetKey(keyId, out var key) || key.Length != KeyRules.KeySize)
        {
            return null;
        }

        aes = new AesGcm(key.Span, TagSize);
        map[keyId] = aes;
        return aes;
    }
}
