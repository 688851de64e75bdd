using System.Text.Json.Serialization;
using CustomerCore.Privacy;

namespace CustomerCore.Samples.Web;

/// <summary>Builds the web host: registration, seed data and endpoints.</summary>
internal static class WebHostFactory
{
    public static async Task<WebApplication> BuildAsync(WebApplicationOptions options, CancellationToken cancellationToken = default)
    {
        // 1. Register: the same DI chain as the README. The web host talks only to ICustomerService.
        var builder = WebApplication.CreateBuilder(options);
        builder.Services.AddCustomerCore()
            .AddInMemoryStorage() // The sample seeds fresh demo data at each start; a host keeping data uses .AddSqliteStorage(o => o.ConnectionString = "Data Source=customers.db").
            .AddFieldEncryption(o => o.KeyProvider = new InMemoryKeyProvider( // stored personal fields are ciphertext; fresh keys per start match fresh data
                "web-1", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)))
            .ConfigureAccess(DemoUsers.ConfigureTeams); // the demo users' teams: a manager sees the team's customers
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WebDiagnostics>();
        builder.Services.AddSingleton<IRouteSource, PlannerRouteSource>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new IdJsonConverterFactory());
        });

        var app = builder.Build();

        // 2. Seed: a deterministic demo data set, written through the service like any other caller.
        await DemoSeeder.SeedAsync(app.Services, cancellationToken);

        // 3. Serve: static UI, OpenAPI document, JSON endpoints.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseMiddleware<AccessDeniedMiddleware>();
        app.MapOpenApi();
        app.MapDemoUsers();
        app.MapCustomerEndpoints();
        app.MapDuplicateEndpoints();
        app.MapMapEndpoints();
        app.MapDiagnosticsEndpoints();
        return app;
    }
}
