namespace CustomerCore.Customers;

/// <summary>Identifies who makes a call to the customer services, so access rules and the audit log can apply.</summary>
/// <param name="UserId">The user's id (e.g. a sales rep id, matching <see cref="Customer.OwnerId"/>).</param>
/// <param name="Roles">The user's roles, e.g. <c>admin</c>, <c>manager</c>, <c>sales-rep</c>, <c>marketing</c>.</param>
/// <param name="TeamId">The user's team, for managers who see their team's customers.</param>
public sealed record CallerContext(string UserId, IReadOnlyList<string> Roles, string? TeamId = null)
{
    /// <summary>Gets the context for work the host does on its own behalf (imports, scheduled jobs) with full rights.</summary>
    public static CallerContext System { get; } = new("system", ["admin"]);

    /// <summary>Determines whether the caller has a role (ordinal, case-insensitive).</summary>
    /// <param name="role">The role.</param>
    /// <returns><see langword="true"/> when the caller has it.</returns>
    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
}
