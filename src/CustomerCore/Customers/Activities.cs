namespace CustomerCore.Customers;

/// <summary>Represents one interaction with a customer: a call, email, meeting, visit, complaint or note.</summary>
public sealed record Interaction
{
    /// <summary>Gets the id.</summary>
    public required InteractionId Id { get; init; }

    /// <summary>Gets the customer it belongs to.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary>Gets the kind.</summary>
    public InteractionKind Kind { get; init; }

    /// <summary>Gets when it happened.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets the id of the user who recorded it.</summary>
    public required string AuthorId { get; init; }

    /// <summary>Gets a one-line subject.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets free-text notes.</summary>
    public string? Notes { get; init; }

    /// <summary>Gets the outcome (e.g. <c>reached</c>, <c>no-answer</c>, <c>order-placed</c>).</summary>
    public string? Outcome { get; init; }
}

/// <summary>Represents a follow-up reminder so no customer is forgotten.</summary>
public sealed record Reminder
{
    /// <summary>Gets the id.</summary>
    public required ReminderId Id { get; init; }

    /// <summary>Gets the customer it is about.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary>Gets the id of the user who must act.</summary>
    public required string AssigneeId { get; init; }

    /// <summary>Gets what to do.</summary>
    public required string Title { get; init; }

    /// <summary>Gets when it is due.</summary>
    public DateTimeOffset DueAt { get; init; }

    /// <summary>Gets when it was done, or <see langword="null"/> while open.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets a value indicating whether it is done.</summary>
    public bool IsDone => CompletedAt is not null;
}

/// <summary>Represents a transaction: an order or purchase by a customer.</summary>
public sealed record CustomerTransaction
{
    /// <summary>Gets the id.</summary>
    public required TransactionId Id { get; init; }

    /// <summary>Gets the customer who bought.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary>Gets when it happened.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets the total amount; negative for refunds.</summary>
    public decimal Amount { get; init; }

    /// <summary>Gets the ISO 4217 currency code.</summary>
    public required string Currency { get; init; }

    /// <summary>Gets the host's order number, when there is one.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>Gets the order lines, when known.</summary>
    public IReadOnlyList<TransactionItem> Items { get; init; } = [];
}

/// <summary>Represents one line of a transaction.</summary>
/// <param name="Sku">The product code.</param>
/// <param name="Quantity">The quantity.</param>
/// <param name="UnitPrice">The price of one unit.</param>
public readonly record struct TransactionItem(string Sku, decimal Quantity, decimal UnitPrice);
