using Microsoft.Extensions.Options;

namespace CustomerCore.Access;

/// <summary>Tells which users' customers a team's manager sees: the host implements it from its own directory.</summary>
public interface ITeamDirectory
{
    /// <summary>Gets the user ids of the members of a team and of all its sub-teams.</summary>
    /// <param name="teamId">The team id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The member ids; empty for an unknown team.</returns>
    ValueTask<IReadOnlyCollection<string>> GetMembersAsync(string teamId, CancellationToken cancellationToken = default);
}

/// <summary>Answers team membership from <see cref="AccessPolicy.Teams"/>, sub-teams included; a cycle in the parent links is cut.</summary>
internal sealed class InMemoryTeamDirectory(IOptions<AccessPolicy> options) : ITeamDirectory
{
    public ValueTask<IReadOnlyCollection<string>> GetMembersAsync(string teamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        var teams = options.Value.Teams;
        var members = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(teamId);
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (!visited.Add(id) || !teams.TryGetValue(id, out var team))
            {
                continue;
            }

            members.UnionWith(team.Members);
            foreach (var (childId, child) in teams)
            {
                if (string.Equals(child.ParentTeamId, id, StringComparison.Ordinal))
                {
                    pending.Push(childId);
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyCollection<string>>(members);
    }
}

/// <summary>Reports every problem of an <see cref="AccessPolicy"/> at once.</summary>
internal sealed class AccessPolicyValidator : IValidateOptions<AccessPolicy>
{
    public ValidateOptionsResult Validate(string? name, AccessPolicy options)
    {
        var errors = new List<string>();
        if (options.DailyClaimCap < 0)
        {
            errors.Add("DailyClaimCap must be zero or more.");
        }

        if (options.StaleAfterDays < 1)
        {
            errors.Add("StaleAfterDays must be at least 1.");
        }

        if (options.AuditBatchSize is < 1 or > 10_000)
        {
            errors.Add("AuditBatchSize must be between 1 and 10000.");
        }

        foreach (var (role, policy) in options.Roles)
        {
            if (string.IsNullOrWhiteSpace(role))
            {
                errors.Add("Role names must not be blank.");
            }
            else if (policy is null)
            {
                errors.Add($"Role '{role}' has no policy.");
            }
            else if (!Enum.IsDefined(policy.Scope))
            {
                errors.Add($"Role '{role}' has an unknown scope.");
            }
        }

        foreach (var (id, team) in options.Teams)
        {
            if (string.IsNullOrWhiteSpace(id) || team is null)
            {
                errors.Add("Teams need a non-blank id and a definition.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
