namespace CustomerCore.Customers;

/// <summary>Names the kind of problem found in a customer record.</summary>
public enum ValidationCode
{
    /// <summary>A required value is missing or blank.</summary>
    Required = 0,

    /// <summary>A value is longer than allowed.</summary>
    TooLong = 1,

    /// <summary>A value holds characters that are not allowed (e.g. control characters in a tag).</summary>
    InvalidCharacters = 2,

    /// <summary>A phone number is not valid; the message names the reason.</summary>
    InvalidPhone = 3,

    /// <summary>An email address is not valid; the message names the reason.</summary>
    InvalidEmail = 4,

    /// <summary>A date is impossible (e.g. a birth date in the future).</summary>
    InvalidDate = 5,

    /// <summary>A geographic position is out of range.</summary>
    InvalidLocation = 6,

    /// <summary>A value is outside its allowed set or range.</summary>
    InvalidValue = 7,

    /// <summary>Too many items in a collection.</summary>
    TooMany = 8,
}

/// <summary>Describes one problem in a customer record, by field path; messages never contain the value itself.</summary>
/// <param name="Field">The field path, e.g. <c>DisplayName</c>, <c>Phones[1]</c>, <c>KeyContacts[0].Name</c>.</param>
/// <param name="Code">The kind of problem.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record ValidationProblem(string Field, ValidationCode Code, string Message);

/// <summary>Holds a customer record in normalized form together with every problem found in it.</summary>
public sealed class CustomerValidationResult
{
    internal CustomerValidationResult(Customer customer, IReadOnlyList<ValidationProblem> problems)
    {
        Customer = customer;
        Problems = problems;
    }

    /// <summary>Gets the record with names, phones, emails and tags normalized; raw inputs are kept in the contact points.</summary>
    public Customer Customer { get; }

    /// <summary>Gets every problem found, in field order; empty when the record is valid.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>Gets a value indicating whether the record has no problems.</summary>
    public bool IsValid => Problems.Count == 0;
}

/// <summary>Validates and normalizes customer records, reporting every problem at once.</summary>
public interface ICustomerValidator
{
    /// <summary>Normalizes the record and reports every problem in it.</summary>
    /// <param name="customer">The record to check.</param>
    /// <returns>The normalized record and its problems; never throws for bad data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    CustomerValidationResult Validate(Customer customer);
}
