using System.Text.Json.Serialization;
using CustomerCore;
using CustomerCore.Samples.Web;

// 1. Register: the same DI chain as the README. The web host talks only to ICustomerService.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCustomerCore()
    .AddInMemoryStorage(); // STORAGE: the lead swaps this one line for .AddSqliteStorage(o => o.ConnectionString = "Data Source=customers.db") at merge.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<WebDiagnostics>();
builder.Services.AddSingleton<IRouteSource, NearestNeighbourRouteSource>();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    o.SerializerOptions.Converters.Add(new IdJsonConverterFactory());
});

var app = builder.Build();

// 2. Seed: a deterministic demo data set, written through the service like any other caller.
await DemoSeeder.SeedAsync(app.Services, app.Lifetime.ApplicationStopping);

// 3. Serve: static UI, OpenAPI document, JSON endpoints.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseMiddleware<RequestMetricsMiddleware>();
app.MapOpenApi();
app.MapDemoUsers();
app.MapCustomerEndpoints();
app.MapDuplicateEndpoints();
app.MapMapEndpoints();
app.MapDiagnosticsEndpoints();

await app.RunAsync();

/// <summary>Makes the entry point visible to the browser tests, which start the host in-process.</summary>
public partial class Program;
