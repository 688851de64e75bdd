using CustomerCore.Customers;

namespace CustomerCore.Import;

/// <summary>Standardizes the addresses of an imported row before validation; the default leaves them as they are.</summary>
/// <remarks>A seam for the address standardizer: a host (or the lead's wiring) registers an adapter.</remarks>
public interface IImportAddressStandardizer
{
    /// <summary>Returns the address in standardized form, or unchanged when it cannot be standardized.</summary>
    /// <param name="address">The address as imported.</param>
    /// <returns>The standardized address; never throws for bad data.</returns>
    PostalAddress Standardize(PostalAddress address);
}

/// <summary>Finds an existing customer that an imported row duplicates, beyond exact phone and email matches; the default finds none.</summary>
/// <remarks>A seam for the duplicate detector: a row it matches is counted as merged.</remarks>
public interface IImportDuplicateFinder
{
    /// <summary>Finds the existing customer the candidate duplicates.</summary>
    /// <param name="caller">Who runs the import.</param>
    /// <param name="candidate">The validated, normalized row.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The existing customer's id, or <see langword="null"/> when there is none.</returns>
    Task<CustomerId?> FindDuplicateAsync(CallerContext caller, Customer candidate, CancellationToken cancellationToken = default);
}

internal sealed class NoOpImportAddressStandardizer : IImportAddressStandardizer
{
    public PostalAddress Standardize(PostalAddress address) => address;
}

internal sealed class NoOpImportDuplicateFinder : IImportDuplicateFinder
{
    private static readonly Task<CustomerId?> s_none = Task.FromResult<CustomerId?>(null); // asked once per row: one shared task

    public Task<CustomerId?> FindDuplicateAsync(CallerContext caller, Customer candidate, CancellationToken cancellationToken = default) => s_none;
}
