namespace CustomerCore.Access;

/// <summary>Names what a role may do; a caller may do what any of its roles allows within that role's scope.</summary>
[Flags]
public enum AccessRights
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Reads customers (get, search, stream, exports, maps and reports built on them).</summary>
    Read = 1,

    /// <summary>Creates customers.</summary>
    Create = 2,

    /// <summary>Changes customers.</summary>
    Update = 4,

    /// <summary>Deletes customers.</summary>
    Delete = 8,

    /// <summary>Reads a customer's interactions, reminders and transactions.</summary>
    ReadActivity = 16,

    /// <summary>Records interactions, reminders and transactions.</summary>
    RecordActivity = 32,

    /// <summary>Claims customers from the shared pool (and sees the pool, masked).</summary>
    Claim = 64,

    /// <summary>Returns customers to the pool: stale ones, or those of other owners in scope.</summary>
    ManagePool = 128,

    /// <summary>Reads and verifies the audit log.</summary>
    ReadAuditLog = 256,

    /// <summary>Everything.</summary>
    All = Read | Create | Update | Delete | ReadActivity | RecordActivity | Claim | ManagePool | ReadAuditLog,
}

/// <summary>Names which customers a role's permissions reach, by owner.</summary>
public enum AccessScope
{
    /// <summary>Customers the caller owns.</summary>
    Own = 0,

    /// <summary>Customers owned by the caller or by a member of the caller's team or its sub-teams.</summary>
    Team = 1,

    /// <summary>Every customer, unowned ones included.</summary>
    All = 2,
}

/// <summary>Names the personal fields of a customer that a role may see unmasked; <see cref="Customers.Customer.DisplayName"/> is always visible.</summary>
[Flags]
public enum CustomerField
{
    /// <summary>No personal field.</summary>
    None = 0,

    /// <summary>Given and family name (masked to the first letter).</summary>
    Names = 1,

    /// <summary>Phone numbers (masked as <c>138****8000</c>).</summary>
    Phones = 2,

    /// <summary>Email addresses (masked as <c>z***@example.com</c>).</summary>
    Emails = 4,

    /// <summary>Street lines, postcode and exact location (masked to city level, location rounded to 0.01°).</summary>
    Addresses = 8,

    /// <summary>Date of birth (removed).</summary>
    DateOfBirth = 16,

    /// <summary>Free-text notes (removed).</summary>
    Notes = 32,

    /// <summary>Key contacts (names and contact points masked).</summary>
    KeyContacts = 64,

    /// <summary>Custom attributes (removed).</summary>
    Attributes = 128,

    /// <summary>Every personal field.</summary>
    All = Names | Phones | Emails | Addresses | DateOfBirth | Notes | KeyContacts | Attributes,
}

/// <summary>Names the built-in roles.</summary>
public static class AccessRoles
{
    /// <summary>Gets the administrator role: everything, on every customer.</summary>
    public const string Admin = "admin";

    /// <summary>Gets the manager role: the team's customers, pool management.</summary>
    public const string Manager = "manager";

    /// <summary>Gets the sales rep role: own customers (read, write, delete), claims from the pool.</summary>
    public const string SalesRep = "sales-rep";

    /// <summary>Gets the marketing role: reads every customer and its activities for reports, contact data masked, writes nothing.</summary>
    public const string Marketing = "marketing";

    /// <summary>Gets the service role: reads every customer and records interactions, no notes or birth dates.</summary>
    public const string Service = "service";

    /// <summary>Gets the auditor role: the audit log only, no customer data.</summary>
    public const string Auditor = "auditor";
}

/// <summary>Defines what one role may do, on which customers, and which personal fields it sees unmasked.</summary>
public sealed class RolePolicy
{
    /// <summary>Gets or sets the permissions.</summary>
    /// <value>Defaults to <see cref="AccessRights.None"/>.</value>
    public AccessRights Permissions { get; set; }

    /// <summary>Gets or sets which customers the permissions reach.</summary>
    /// <value>Defaults to <see cref="AccessScope.Own"/>.</value>
    public AccessScope Scope { get; set; }

    /// <summary>Gets or sets the field allow-list: personal fields not listed are masked or removed.</summary>
    /// <value>Defaults to <see cref="CustomerField.All"/>.</value>
    public CustomerField VisibleFields { get; set; } = CustomerField.All;
}

/// <summary>Defines a team for the in-memory <see cref="ITeamDirectory"/>: its members and its parent team.</summary>
public sealed class TeamDefinition
{
    /// <summary>Gets or sets the parent team id, or <see langword="null"/> for a top-level team.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? ParentTeamId { get; set; }

    /// <summary>Gets the user ids of the members (matching <see cref="Customers.Customer.OwnerId"/>).</summary>
    public IList<string> Members { get; } = [];
}

/// <summary>Configures access control: roles with permissions and field allow-lists, teams, and the customer pool.</summary>
/// <remarks>Role names compare case-insensitively. A caller whose roles are all unknown may do nothing. The built-in
/// roles (<see cref="AccessRoles"/>) are present by default and may be changed or removed; custom roles are added here.</remarks>
public sealed class AccessPolicy
{
    /// <summary>Gets the roles by name.</summary>
    public IDictionary<string, RolePolicy> Roles { get; } = new Dictionary<string, RolePolicy>(StringComparer.OrdinalIgnoreCase)
    {
        [AccessRoles.Admin] = new() { Permissions = AccessRights.All, Scope = AccessScope.All },
        [AccessRoles.Manager] = new()
        {
            Permissions = AccessRights.Read | AccessRights.Create | AccessRights.Update | AccessRights.Delete
                | AccessRights.ReadActivity | AccessRights.RecordActivity | AccessRights.Claim | AccessRights.ManagePool,
            Scope = AccessScope.Team,
        },
        [AccessRoles.SalesRep] = new()
        {
            Permissions = AccessRights.Read | AccessRights.Create | AccessRights.Update | AccessRights.Delete
                | AccessRights.ReadActivity | AccessRights.RecordActivity | AccessRights.Claim,
            Scope = AccessScope.Own,
        },
        [AccessRoles.Marketing] = new()
        {
            Permissions = AccessRights.Read | AccessRights.ReadActivity,
            Scope = AccessScope.All,
            VisibleFields = CustomerField.Names | CustomerField.Attributes,
        },
        [AccessRoles.Service] = new()
        {
            Permissions = AccessRights.Read | AccessRights.ReadActivity | AccessRights.RecordActivity,
            Scope = AccessScope.All,
            VisibleFields = CustomerField.Names | CustomerField.Phones | CustomerField.Emails | CustomerField.Addresses | CustomerField.KeyContacts,
        },
        [AccessRoles.Auditor] = new() { Permissions = AccessRights.ReadAuditLog, Scope = AccessScope.All, VisibleFields = CustomerField.None },
    };

    /// <summary>Gets the teams by id, for the default in-memory <see cref="ITeamDirectory"/>.</summary>
    public IDictionary<string, TeamDefinition> Teams { get; } = new Dictionary<string, TeamDefinition>(StringComparer.Ordinal);

    /// <summary>Gets or sets how many customers one user may claim from the pool per UTC day.</summary>
    /// <value>Defaults to 20.</value>
    public int DailyClaimCap { get; set; } = 20;

    /// <summary>Gets or sets after how many days without a follow-up an owned customer returns to the pool.</summary>
    /// <value>Defaults to 30.</value>
    public int StaleAfterDays { get; set; } = 30;

    /// <summary>Gets or sets the personal fields a caller who is not in the <see cref="AccessScope.All"/> scope sees of unowned (pool) customers.</summary>
    /// <value>Defaults to <see cref="CustomerField.Names"/>: contact data shows after a claim.</value>
    public CustomerField PoolVisibleFields { get; set; } = CustomerField.Names;

    /// <summary>Gets or sets how many customers one audit entry of a stream covers at most.</summary>
    /// <value>Defaults to 500.</value>
    public int AuditBatchSize { get; set; } = 500;
}
