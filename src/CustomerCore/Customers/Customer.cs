namespace CustomerCore.Customers;

/// <summary>Represents a customer: a person or an organization, with contact points, ownership and classification.</summary>
/// <remarks>Immutable: change a customer with <c>with</c> and save it through the customer service, which validates,
/// normalizes, stamps times and increments <see cref="Version"/> for optimistic concurrency.</remarks>
public sealed record Customer
{
    /// <summary>The attributes of a customer without any: one shared read-only instance, not one dictionary per record.</summary>
    internal static readonly IReadOnlyDictionary<string, string> NoAttributes = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Gets the id.</summary>
    public required CustomerId Id { get; init; }

    /// <summary>Gets whether this is a person or an organization.</summary>
    public CustomerKind Kind { get; init; }

    /// <summary>Gets the name shown in lists: a person's full name or an organization's name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets a person's given name, when known separately.</summary>
    public string? GivenName { get; init; }

    /// <summary>Gets a person's family name, when known separately (Chinese names are written family name first, without spaces).</summary>
    public string? FamilyName { get; init; }

    /// <summary>Gets the phone numbers.</summary>
    public IReadOnlyList<PhoneNumber> Phones { get; init; } = [];

    /// <summary>Gets the email addresses.</summary>
    public IReadOnlyList<EmailAddress> Emails { get; init; } = [];

    /// <summary>Gets the postal addresses.</summary>
    public IReadOnlyList<PostalAddress> Addresses { get; init; } = [];

    /// <summary>Gets the id of the owning sales rep, or <see langword="null"/> for customers in the shared pool.</summary>
    public string? OwnerId { get; init; }

    /// <summary>Gets the free tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the groups the customer belongs to.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Gets the lifecycle stage.</summary>
    public LifecycleStage Stage { get; init; }

    /// <summary>Gets the credit rating.</summary>
    public CreditRating CreditRating { get; init; }

    /// <summary>Gets the channel the customer came from (e.g. <c>web-form</c>, <c>import</c>, <c>referral</c>).</summary>
    public string? SourceChannel { get; init; }

    /// <summary>Gets a person's date of birth.</summary>
    public DateOnly? DateOfBirth { get; init; }

    /// <summary>Gets the key contacts of an organization and their roles in the decision chain.</summary>
    public IReadOnlyList<KeyContact> KeyContacts { get; init; } = [];

    /// <summary>Gets host-defined attributes by name.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = NoAttributes;

    /// <summary>Gets free-text notes.</summary>
    public string? Notes { get; init; }

    /// <summary>Gets when the record was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the record was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets when the record was last verified with the customer, for periodic verification.</summary>
    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>Gets the version for optimistic concurrency: 0 before the first save, then 1, 2, ...</summary>
    public long Version { get; init; }
}
