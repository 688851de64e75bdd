namespace CustomerCore.Customers;

/// <summary>Creates customers that the caller has already validated and normalized with the service's own validator.</summary>
/// <remarks>Internal fast path for the importer, which validates every row on its reading thread: the second validation
/// that <see cref="ICustomerService.CreateManyAsync"/> would run is skipped, and everything else (argument checks, in-call
/// id checks, the entry duplicate check, time stamps, the store's bulk insert, per-item results, logging) stays the same.
/// <see cref="CustomerService"/> implements it, and the access-control decorator routes it through its own rights check and
/// audit (access control is always on, so the importer always holds that decorator). A decorator that does not implement it
/// (field encryption) hides it: the caller then takes the public path and that decorator's rules still apply. A decorator
/// that does implement it reports a <see langword="null"/> <see cref="Validator"/> when its inner service has no fast path.</remarks>
internal interface IValidatedCustomerWriter
{
    /// <summary>Gets the validator whose output <see cref="CreateManyValidatedAsync"/> accepts, or <see langword="null"/> when
    /// the fast path is unavailable; a caller must have validated with this very instance, otherwise it must use the public path.</summary>
    ICustomerValidator? Validator { get; }

    /// <summary>Creates customers that are the valid output of <see cref="Validator"/>, as <see cref="ICustomerService.CreateManyAsync"/> would.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="normalized">The validated, normalized customers.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>One result per customer, in order.</returns>
    Task<IReadOnlyList<CustomerSaveResult>> CreateManyValidatedAsync(CallerContext caller, IReadOnlyList<Customer> normalized, CancellationToken cancellationToken = default);
}
