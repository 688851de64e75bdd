namespace CustomerCore.Privacy;

/// <summary>Names why a stored field could not be decrypted.</summary>
public enum DecryptionFailure
{
    /// <summary>The key id stored with the ciphertext is not known to the key provider.</summary>
    UnknownKey = 0,

    /// <summary>The stored value is not well-formed ciphertext (bad prefix, base64 or length).</summary>
    Malformed = 1,

    /// <summary>The authentication tag did not verify: wrong key, tampered ciphertext, or ciphertext moved from another record or field.</summary>
    AuthenticationFailed = 2,

    /// <summary>The field holds plaintext but <see cref="FieldEncryptionOptions.AcceptPlaintext"/> is off.</summary>
    PlaintextNotAllowed = 3,
}

/// <summary>Reports that a stored field could not be decrypted; CustomerCore never returns garbage instead.</summary>
/// <remarks>The message names the record id, the field path and the key id, never the value.</remarks>
public sealed class DecryptionFailedException : CustomerCoreException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="recordId">The id of the record holding the field.</param>
    /// <param name="fieldPath">The path of the field, e.g. <c>phones/0</c>.</param>
    /// <param name="keyId">The key id stored with the value, when one could be read.</param>
    /// <param name="reason">Why decryption failed.</param>
    /// <param name="innerException">The cryptographic cause, when there is one.</param>
    public DecryptionFailedException(string recordId, string fieldPath, string? keyId, DecryptionFailure reason, Exception? innerException = null)
        : base($"Field '{fieldPath}' of record {recordId} could not be decrypted ({reason}{(keyId is null ? string.Empty : ", key '" + keyId + "'")}). Check that the key provider holds the key the data was written with.", innerException)
    {
        RecordId = recordId;
        FieldPath = fieldPath;
        KeyId = keyId;
        Reason = reason;
    }

    /// <summary>Gets the id of the record holding the field.</summary>
    public string RecordId { get; }

    /// <summary>Gets the path of the field.</summary>
    public string FieldPath { get; }

    /// <summary>Gets the key id stored with the value, when one could be read.</summary>
    public string? KeyId { get; }

    /// <summary>Gets why decryption failed.</summary>
    public DecryptionFailure Reason { get; }
}
