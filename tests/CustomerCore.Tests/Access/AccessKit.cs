using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerCore.Tests.Access;

/// <summary>Builds the real DI graph with access control over the in-memory store, a fake clock and two teams.</summary>
internal sealed class AccessKit : IDisposable
{
    public static readonly CallerContext Admin = new("admin-1", [AccessRoles.Admin]);
    public static readonly CallerContext Rep1 = new("rep-1", [AccessRoles.SalesRep], "team-north");
    public static readonly CallerContext Rep2 = new("rep-2", [AccessRoles.SalesRep], "team-north");
    public static readonly CallerContext Rep3 = new("rep-3", [AccessRoles.SalesRep], "team-south");
    public static readonly CallerContext Manager = new("manager-north", [AccessRoles.Manager], "team-north");
    public static readonly CallerContext Marketing = new("mkt-1", [AccessRoles.Marketing]);
    public static readonly CallerContext Service = new("svc-1", [AccessRoles.Service]);
    public static readonly CallerContext Auditor = new("aud-1", [AccessRoles.Auditor]);

    public AccessKit(Action<AccessPolicy>? configure = null, Action<ICustomerCoreBuilder>? more = null, Action<CustomerCoreOptions>? core = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        var builder = services.AddCustomerCore(core).AddInMemoryStorage().ConfigureAccess(p =>
        {
            p.Teams["team-north"] = Team(null, "manager-north", "rep-1", "rep-2");
            p.Teams["team-north-east"] = Team("team-north", "rep-5");
            p.Teams["team-south"] = Team(null, "rep-3");
            configure?.Invoke(p);
        });
        more?.Invoke(builder);
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));

    public ServiceProvider Provider { get; }

    public ICustomerService Customers => Provider.GetRequiredService<ICustomerService>();

    public ICustomerPool Pool => Provider.GetRequiredService<ICustomerPool>();

    public IAuditLog Audit => Provider.GetRequiredService<IAuditLog>();

    public InMemoryAuditStore AuditStore => (InMemoryAuditStore)Provider.GetRequiredService<IAuditStore>();

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    /// <summary>Stores a customer as the system, bypassing nothing but the caller's rights.</summary>
    public async Task<Customer> SeedAsync(string? owner, string name = "张伟", string phone = "138 0013 8000", string email = "Zhang.Wei@Example.com")
    {
        var c = Some.Customer(name, owner) with
        {
            Phones = [new PhoneNumber { Raw = phone }],
            Emails = [new EmailAddress { Raw = email }],
            Notes = "secret note",
            DateOfBirth = new DateOnly(1980, 2, 29),
        };
        var result = await Customers.CreateAsync(CallerContext.System, c);
        Assert.True(result.IsSuccess, string.Join(", ", result.Problems.Select(p => p.ToString())));
        return result.Customer;
    }

    public async Task<IReadOnlyList<AuditEntry>> AllAuditAsync() =>
        (await Audit.QueryAsync(Admin, new AuditQuery { Page = new(10_000) })).Items;

    public void Dispose() => Provider.Dispose();

    private static TeamDefinition Team(string? parent, params string[] members)
    {
        var t = new TeamDefinition { ParentTeamId = parent };
        foreach (var m in members)
        {
            t.Members.Add(m);
        }

        return t;
    }
}
