using CustomerCore.Samples.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerCore.Samples.Web.Tests;

/// <summary>Starts the real web host on a free 127.0.0.1 port (Kestrel) and a headless Debian Chromium, once for all web tests.</summary>
public sealed class WebHostFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        string project = FindProjectDirectory();
        _app = await WebHostFactory.BuildAsync(new WebApplicationOptions
        {
            Args = ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            ContentRootPath = project,
            WebRootPath = Path.Combine(project, "wwwroot"),
            EnvironmentName = "Development",
        });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            Timeout = 30_000,
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static string FindProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "CustomerCore.Samples.Web");
            if (Directory.Exists(Path.Combine(candidate, "wwwroot")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("samples/CustomerCore.Samples.Web/wwwroot was not found above the test output folder.");
    }
}

/// <summary>One web host and browser for every web test class: the host's meters are process-wide, so two hosts would mix their counts.</summary>
[CollectionDefinition(Name)]
public sealed class SharedWebHost : ICollectionFixture<WebHostFixture>
{
    public const string Name = "web host";
}
