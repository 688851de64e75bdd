namespace CustomerCore.Storage;

/// <summary>Reports that a record changed since the caller read it: the save was refused, nothing was overwritten.</summary>
/// <remarks>Read the record again, re-apply the change and save with the new version.</remarks>
public sealed class ConcurrencyConflictException : CustomerCoreException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="recordId">The id of the record.</param>
    /// <param name="expectedVersion">The version the caller based the change on.</param>
    /// <param name="actualVersion">The version now stored, or <see langword="null"/> when the record was deleted.</param>
    public ConcurrencyConflictException(string recordId, long expectedVersion, long? actualVersion)
        : base($"Record {recordId} was changed by someone else: expected version {expectedVersion}, found {(actualVersion is null ? "none (deleted)" : actualVersion.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}. Read it again and retry.")
    {
        RecordId = recordId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the id of the record.</summary>
    public string RecordId { get; }

    /// <summary>Gets the version the caller based the change on.</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version now stored, or <see langword="null"/> when the record no longer exists.</summary>
    public long? ActualVersion { get; }
}

/// <summary>Reports that a record to change does not exist.</summary>
public sealed class RecordNotFoundException : CustomerCoreException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="recordType">The kind of record, e.g. <c>Customer</c>.</param>
    /// <param name="recordId">The id that was not found.</param>
    public RecordNotFoundException(string recordType, string recordId)
        : base($"{recordType} {recordId} does not exist.")
    {
        RecordType = recordType;
        RecordId = recordId;
    }

    /// <summary>Gets the kind of record.</summary>
    public string RecordType { get; }

    /// <summary>Gets the id that was not found.</summary>
    public string RecordId { get; }
}

/// <summary>Reports that a record to add already exists under the same id.</summary>
public sealed class RecordAlreadyExistsException : CustomerCoreException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="recordType">The kind of record, e.g. <c>Customer</c>.</param>
    /// <param name="recordId">The id that is taken.</param>
    public RecordAlreadyExistsException(string recordType, string recordId)
        : base($"{recordType} {recordId} already exists; update it instead.")
    {
        RecordType = recordType;
        RecordId = recordId;
    }

    /// <summary>Gets the kind of record.</summary>
    public string RecordType { get; }

    /// <summary>Gets the id that is taken.</summary>
    public string RecordId { get; }
}

/// <summary>Reports that the storage backend failed (I/O, connection, corrupt data); the cause is in <see cref="Exception.InnerException"/>.</summary>
public sealed class StorageException : CustomerCoreException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed, without personal data.</param>
    /// <param name="innerException">The provider's exception.</param>
    public StorageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
