using System.Diagnostics.CodeAnalysis;
using CustomerCore.Customers;

namespace CustomerCore.Emails;

/// <summary>Names why an email address could not be normalized.</summary>
public enum EmailError
{
    /// <summary>No error: the address is valid.</summary>
    None = 0,

    /// <summary>The input is empty or whitespace.</summary>
    Empty = 1,

    /// <summary>The input is longer than 254 characters (RFC 5321 path limit).</summary>
    TooLong = 2,

    /// <summary>There is not exactly one <c>@</c> separating a local part and a domain.</summary>
    MissingAt = 3,

    /// <summary>The local part is empty, longer than 64 characters, or has characters or dots not allowed.</summary>
    InvalidLocalPart = 4,

    /// <summary>The domain is not a valid host name with at least two labels.</summary>
    InvalidDomain = 5,
}

/// <summary>Holds the outcome of normalizing one email address; the raw input is always kept.</summary>
public sealed class EmailResult
{
    internal EmailResult(string raw, EmailError error, string? normalized)
    {
        Raw = raw;
        Error = error;
        Normalized = normalized;
    }

    /// <summary>Gets the text as given.</summary>
    public string Raw { get; }

    /// <summary>Gets a value indicating whether the address is valid and normalized.</summary>
    [MemberNotNullWhen(true, nameof(Normalized))]
    public bool IsSuccess => Error == EmailError.None;

    /// <summary>Gets why normalization failed, or <see cref="EmailError.None"/>.</summary>
    public EmailError Error { get; }

    /// <summary>Gets the normalized address: trimmed, full-width folded, lower-cased, domain in ASCII (punycode).</summary>
    public string? Normalized { get; }

    /// <summary>Converts the result to the domain's email address, keeping the raw input even when invalid.</summary>
    /// <param name="isVerified">Whether the address is confirmed to reach the customer.</param>
    /// <returns>The email address.</returns>
    public EmailAddress ToEmailAddress(bool isVerified = false) => new() { Raw = Raw, Normalized = Normalized, IsVerified = isVerified };
}
