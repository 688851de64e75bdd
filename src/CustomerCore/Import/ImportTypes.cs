namespace CustomerCore.Import;

/// <summary>Names the format of an import or export file.</summary>
public enum ImportFormat
{
    /// <summary>Comma-separated values with a header row (RFC 4180; Excel-exported CSV included).</summary>
    Csv = 0,

    /// <summary>JSON lines: one JSON object per line, property names acting as column names.</summary>
    JsonLines = 1,
}

/// <summary>Names the customer fields an import column can map to.</summary>
public enum ImportField
{
    /// <summary>The display name (姓名, 客户名称).</summary>
    Name = 0,

    /// <summary>A phone number (手机, 电话); several columns may map to it.</summary>
    Phone = 1,

    /// <summary>An email address (邮箱).</summary>
    Email = 2,

    /// <summary>A one-line postal address (地址).</summary>
    Address = 3,

    /// <summary>The company the person works for (公司), kept as the <c>company</c> attribute.</summary>
    Company = 4,

    /// <summary>The owning sales rep id (负责人).</summary>
    Owner = 5,

    /// <summary>Tags separated by <c>;</c>, <c>,</c>, <c>，</c>, <c>、</c> or <c>|</c> (标签).</summary>
    Tags = 6,

    /// <summary>The id in the source system, kept as the <c>externalId</c> attribute.</summary>
    ExternalId = 7,

    /// <summary>Free-text notes (备注).</summary>
    Notes = 8,
}

/// <summary>Names why an import row was rejected; every rejected row has exactly one primary reason.</summary>
public enum ImportRejectReason
{
    /// <summary>The name is missing or blank.</summary>
    MissingName = 0,

    /// <summary>A phone number is not valid.</summary>
    InvalidPhone = 1,

    /// <summary>An email address is not valid.</summary>
    InvalidEmail = 2,

    /// <summary>A value is longer than allowed.</summary>
    TooLong = 3,

    /// <summary>A value holds characters that are not allowed (e.g. control characters).</summary>
    InvalidCharacters = 4,

    /// <summary>Another value is invalid (date, location, range, count).</summary>
    InvalidValue = 5,

    /// <summary>The row could not be read (bad quoting, malformed JSON, not an object).</summary>
    MalformedRow = 6,

    /// <summary>The matching customer changed or vanished while the row was applied.</summary>
    Conflict = 7,
}

/// <summary>Reports how far an import has come.</summary>
/// <param name="RowsRead">The number of data rows read so far.</param>
/// <param name="Created">The number of customers created so far.</param>
/// <param name="Updated">The number of customers updated so far.</param>
/// <param name="Merged">The number of rows merged into an existing customer found by the duplicate finder so far.</param>
/// <param name="Rejected">The number of rows rejected so far.</param>
public readonly record struct ImportProgress(long RowsRead, long Created, long Updated, long Merged, long Rejected);
