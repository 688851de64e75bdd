using System.Diagnostics.CodeAnalysis;

namespace CustomerCore.Customers;

/// <summary>Names the outcome of saving a customer.</summary>
public enum SaveStatus
{
    /// <summary>The customer was created.</summary>
    Created = 0,

    /// <summary>The customer was updated.</summary>
    Updated = 1,

    /// <summary>The record has problems; nothing was stored.</summary>
    Invalid = 2,

    /// <summary>Someone else saved first (stale version); nothing was stored.</summary>
    Conflict = 3,

    /// <summary>The customer to update does not exist.</summary>
    NotFound = 4,

    /// <summary>A customer with the same id already exists.</summary>
    AlreadyExists = 5,

    /// <summary>Another customer already has one of the phones or emails and the entry check rejects such records; nothing was stored.</summary>
    PossibleDuplicate = 6,
}

/// <summary>Holds the outcome of saving a customer: the stored record, or why nothing was stored.</summary>
public sealed class CustomerSaveResult
{
    internal CustomerSaveResult(SaveStatus status, Customer? customer, IReadOnlyList<ValidationProblem> problems, IReadOnlyList<CustomerId>? duplicateOf = null)
    {
        DuplicateOf = duplicateOf ?? [];
        Status = status;
        Customer = customer;
        Problems = problems;
    }

    /// <summary>Gets the outcome.</summary>
    public SaveStatus Status { get; }

    /// <summary>Gets a value indicating whether the customer was stored.</summary>
    [MemberNotNullWhen(true, nameof(Customer))]
    public bool IsSuccess => Status is SaveStatus.Created or SaveStatus.Updated;

    /// <summary>Gets the stored customer when successful; otherwise <see langword="null"/>.</summary>
    public Customer? Customer { get; }

    /// <summary>Gets the existing customers that share a phone or email, when the status is <see cref="SaveStatus.PossibleDuplicate"/>.</summary>
    public IReadOnlyList<CustomerId> DuplicateOf { get; }

    /// <summary>Gets the validation problems when the status is <see cref="SaveStatus.Invalid"/>.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }
}
