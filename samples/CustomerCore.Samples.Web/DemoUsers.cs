using CustomerCore.Access;
using CustomerCore.Customers;

namespace CustomerCore.Samples.Web;

/// <summary>Builds the caller context from a demo "sign in as" switch (header or cookie); the access rules come from the privacy capability.</summary>
internal static class DemoUsers
{
    public const string HeaderName = "X-Demo-User";
    public const string CookieName = "demo-user";
    public const string DefaultUser = "admin";

    public static readonly IReadOnlyDictionary<string, CallerContext> All = new Dictionary<string, CallerContext>(StringComparer.OrdinalIgnoreCase)
    {
        ["admin"] = new("admin", ["admin"]),
        ["manager"] = new("manager", ["manager"], "team-north"),
        ["rep-1"] = new("rep-1", ["sales-rep"], "team-north"),
        ["rep-2"] = new("rep-2", ["sales-rep"], "team-north"),
        ["rep-3"] = new("rep-3", ["sales-rep"], "team-south"),
        ["rep-4"] = new("rep-4", ["sales-rep"], "team-south"),
        ["marketing"] = new("marketing", ["marketing"]),
    };

    /// <summary>Puts the demo users into the teams their caller contexts name (the manager leads team-north).</summary>
    public static void ConfigureTeams(AccessPolicy policy)
    {
        foreach (var user in All.Values.Where(u => u.TeamId is not null))
        {
            if (!policy.Teams.TryGetValue(user.TeamId!, out var team))
            {
                team = new TeamDefinition();
                policy.Teams[user.TeamId!] = team;
            }

            team.Members.Add(user.UserId);
        }
    }

    public static CallerContext Resolve(HttpContext http)
    {
        string? name = http.Request.Headers[HeaderName].FirstOrDefault() ?? http.Request.Cookies[CookieName];
        return name is not null && All.TryGetValue(name, out var caller) ? caller : All[DefaultUser];
    }

    public static void MapDemoUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Demo users");
        group.MapGet("/", (HttpContext http) => new
        {
            current = Resolve(http).UserId,
            users = All.Values.Select(u => new { id = u.UserId, roles = u.Roles, team = u.TeamId }),
        }).WithSummary("Lists the demo users and the current one.");
        group.MapPost("/sign-in/{user}", (string user, HttpContext http) =>
        {
            if (!All.ContainsKey(user))
            {
                return Results.Problem(statusCode: 400, title: "Unknown demo user.", detail: "Use one of the ids listed by GET /api/users.");
            }

            http.Response.Cookies.Append(CookieName, user, new CookieOptions { HttpOnly = false, SameSite = SameSiteMode.Strict, Path = "/" });
            return Results.Ok(new { current = user });
        }).WithSummary("Signs in as a demo user by setting a cookie.");
    }
}
