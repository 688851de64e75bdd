using CustomerCore.Customers;

namespace CustomerCore.Storage;

/// <summary>Filters customers; every filter that is set must match (logical AND).</summary>
/// <remarks>Results come in ascending order of <see cref="CustomerId"/> (the order of its text form), which for
/// time-ordered ids is creation order. Stores answer each filter from an index.</remarks>
public sealed record CustomerQuery
{
    /// <summary>Gets a phone number in E.164 form that one of the customer's phones must equal.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets a normalized (lower-case) email that one of the customer's emails must equal.</summary>
    public string? Email { get; init; }

    /// <summary>Gets a prefix that the display name must start with, compared case-insensitively (invariant lower case).</summary>
    public string? NamePrefix { get; init; }

    /// <summary>Gets a tag the customer must have (exact).</summary>
    public string? Tag { get; init; }

    /// <summary>Gets the owner the customer must have.</summary>
    public string? OwnerId { get; init; }

    /// <summary>Gets the owners of which the customer must have one (an owner set, e.g. a manager's team); <see langword="null"/> for no such filter.</summary>
    /// <remarks>Access control pushes a caller's visible owners down with this filter. A store that ignores it stays safe,
    /// because the access layer filters results again, but it then returns shorter pages.</remarks>
    public IReadOnlyCollection<string>? OwnerIds { get; init; }

    /// <summary>Gets a value indicating whether only customers without an owner (the shared pool) match.</summary>
    public bool UnownedOnly { get; init; }

    /// <summary>Gets the lifecycle stage the customer must be in.</summary>
    public LifecycleStage? Stage { get; init; }

    /// <summary>Gets the earliest last-change time, inclusive.</summary>
    public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary>Gets a box that one of the customer's address locations must lie in (edges included).</summary>
    public GeoBoundingBox? Within { get; init; }

    /// <summary>Gets the page to return.</summary>
    public PageRequest Page { get; init; } = new();
}
