using CustomerCore.Customers;
using Microsoft.Extensions.Options;

namespace CustomerCore.Access;

/// <summary>Resolves a caller's roles against the <see cref="AccessPolicy"/> into an <see cref="AccessView"/>.</summary>
internal sealed class AccessEvaluator(IOptions<AccessPolicy> options, ITeamDirectory teams)
{
    public AccessPolicy Policy => options.Value;

    public bool HasPermission(CallerContext caller, AccessRights permission)
    {
        foreach (var r in RolesOf(caller))
        {
            if ((r.Permissions & permission) == permission)
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask<AccessView> ViewAsync(CallerContext caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrWhiteSpace(caller.UserId, nameof(caller));
        ArgumentNullException.ThrowIfNull(caller.Roles, nameof(caller));
        var roles = RolesOf(caller);
        HashSet<string>? team = null;
        if (caller.TeamId is { } teamId && !string.IsNullOrWhiteSpace(teamId) && roles.Exists(r => r.Scope == AccessScope.Team))
        {
            team = new HashSet<string>(await teams.GetMembersAsync(teamId, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
        }

        return new AccessView(caller, roles, team, Policy.PoolVisibleFields);
    }

    private List<RolePolicy> RolesOf(CallerContext caller)
    {
        var roles = new List<RolePolicy>(caller.Roles?.Count ?? 0);
        var map = Policy.Roles;
        foreach (var name in caller.Roles ?? [])
        {
            if (name is not null && map.TryGetValue(name, out var policy) && policy is not null)
            {
                roles.Add(policy);
            }
        }

        return roles;
    }
}

/// <summary>Answers what one caller may do to customers of a given owner during one call.</summary>
internal sealed class AccessView(CallerContext caller, List<RolePolicy> roles, HashSet<string>? teamMembers, CustomerField poolFields)
{
    public CallerContext Caller => caller;

    /// <summary>Determines whether any role grants the permission at all, whatever the customer.</summary>
    public bool Has(AccessRights permission) => roles.Exists(r => (r.Permissions & permission) == permission);

    /// <summary>Determines whether a role grants the permission on a customer with this owner (<see langword="null"/>: the pool).</summary>
    public bool Allows(AccessRights permission, string? ownerId)
    {
        foreach (var r in roles)
        {
            if ((r.Permissions & permission) == permission && InScope(r, permission, ownerId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets the personal fields the caller sees unmasked on a readable customer with this owner.</summary>
    public CustomerField FieldsFor(string? ownerId)
    {
        var fields = CustomerField.None;
        foreach (var r in roles)
        {
            if ((r.Permissions & AccessRights.Read) != 0 && InScope(r, AccessRights.Read, ownerId))
            {
                fields |= ownerId is null && r.Scope != AccessScope.All ? r.VisibleFields & poolFields : r.VisibleFields;
            }
        }

        return fields;
    }

    /// <summary>Gets the owner filter for reads: <see langword="null"/> when every owner is readable, else the owners and whether the pool is.</summary>
    public (HashSet<string>? Owners, bool Pool) ReadFilter()
    {
        HashSet<string>? owners = null;
        var pool = false;
        foreach (var r in roles)
        {
            if ((r.Permissions & AccessRights.Read) == 0)
            {
                continue;
            }

            if (r.Scope == AccessScope.All)
            {
                return (null, true);
            }

            owners ??= new HashSet<string>(StringComparer.Ordinal);
            owners.Add(caller.UserId);
            if (r.Scope == AccessScope.Team && teamMembers is not null)
            {
                owners.UnionWith(teamMembers);
            }

            pool |= (r.Permissions & AccessRights.Claim) != 0;
        }

        return (owners ?? new HashSet<string>(StringComparer.Ordinal), pool);
    }

    private bool InScope(RolePolicy role, AccessRights permission, string? ownerId) => role.Scope switch
    {
        AccessScope.All => true,
        _ when ownerId is null => permission == AccessRights.Read && (role.Permissions & AccessRights.Claim) != 0,
        AccessScope.Own => string.Equals(ownerId, caller.UserId, StringComparison.Ordinal),
        AccessScope.Team => string.Equals(ownerId, caller.UserId, StringComparison.Ordinal) || (teamMembers?.Contains(ownerId) ?? false),
        _ => false,
    };
}
