namespace CustomerCore.Access;

/// <summary>Reports that the caller's roles do not allow an operation at all; filtered reads return less instead of throwing.</summary>
/// <remarks>The message names the operation and the permission required, never a user id or customer data.</remarks>
public sealed class AccessDeniedException : CustomerCoreException
{
    /// <summary>Initializes a new instance for an operation and the permission it needs.</summary>
    /// <param name="operation">The operation, e.g. <c>customers.update</c>.</param>
    /// <param name="permission">The permission the caller lacks.</param>
    public AccessDeniedException(string operation, AccessRights permission)
        : base($"Access denied: {operation} requires the {permission} right, which none of the caller's roles grants for this request.")
    {
        Operation = operation;
        Permission = permission;
    }

    /// <summary>Gets the operation that was denied.</summary>
    public string Operation { get; }

    /// <summary>Gets the permission the caller lacks.</summary>
    public AccessRights Permission { get; }
}
