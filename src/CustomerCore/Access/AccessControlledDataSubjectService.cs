using CustomerCore.Customers;
using CustomerCore.Privacy;

namespace CustomerCore.Access;

/// <summary>Applies the access rules to data-subject requests: a full export needs every field readable, an erasure the delete right.</summary>
/// <remarks>Out-of-scope customers look absent (<see langword="false"/>, <see cref="ErasureStatus.NotFound"/>, nothing deleted).
/// An erasure of an id with no customer (repeating an interrupted one) is passed on only for callers whose delete right covers every customer.</remarks>
internal sealed class AccessControlledDataSubjectService(
    IDataSubjectService inner,
    Func<ICustomerService> customers,
    AccessEvaluator access,
    IAuditLog audit) : IDataSubjectService
{
    public async Task<bool> ExportAsync(CallerContext caller, CustomerId customerId, Stream destination, CancellationToken cancellationToken = default)
    {
        const string Op = "privacy.export";
        var view = await DemandAsync(caller, AccessRights.Read, Op, cancellationToken).ConfigureAwait(false);
        var c = await customers().GetAsync(CallerContext.System, customerId, cancellationToken).ConfigureAwait(false);
        if (c is null)
        {
            return false;
        }

        if (!view.Allows(AccessRights.Read, c.OwnerId) || view.FieldsFor(c.OwnerId) != CustomerField.All)
        {
            await audit.AppendAsync(caller.UserId, AuditAction.Denied, Op, [customerId], [], cancellationToken).ConfigureAwait(false);
            return false;
        }

        return await inner.ExportAsync(caller, customerId, destination, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ErasureResult> EraseAsync(CallerContext caller, CustomerId customerId, CancellationToken cancellationToken = default)
    {
        const string Op = "privacy.erase";
        var view = await DemandAsync(caller, AccessRights.Delete, Op, cancellationToken).ConfigureAwait(false);
        var c = await customers().GetAsync(CallerContext.System, customerId, cancellationToken).ConfigureAwait(false);
        var allowed = c is null ? view.Allows(AccessRights.Delete, null) : view.Allows(AccessRights.Delete, c.OwnerId);
        if (!allowed)
        {
            await audit.AppendAsync(caller.UserId, AuditAction.Denied, Op, [customerId], [], cancellationToken).ConfigureAwait(false);
            return new ErasureResult(ErasureStatus.NotFound, 0, 0, 0, 0);
        }

        return await inner.EraseAsync(caller, customerId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AccessView> DemandAsync(CallerContext caller, AccessRights permission, string operation, CancellationToken cancellationToken)
    {
        var view = await access.ViewAsync(caller, cancellationToken).ConfigureAwait(false);
        if (!view.Has(permission))
        {
            await audit.AppendAsync(caller.UserId, AuditAction.Denied, operation, [], [], cancellationToken).ConfigureAwait(false);
            throw new AccessDeniedException(operation, permission);
        }

        return view;
    }
}
