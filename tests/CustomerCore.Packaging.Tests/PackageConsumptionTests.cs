using System.Diagnostics;
using System.IO.Compression;

namespace CustomerCore.Packaging.Tests;

/// <summary>Packs CustomerCore and both storage providers into a local folder feed and proves a fresh project can consume them by PackageReference.</summary>
public sealed class PackageConsumptionTests
{
    private static readonly TimeSpan s_stepTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task PackedCoreAndProviders_ReferencedByFreshProject_RunQuickStart()
    {
        string repo = FindRepoRoot();
        string work = Directory.CreateTempSubdirectory("customercore-pack-").FullName;
        string feed = Path.Combine(work, "feed");
        string app = Path.Combine(work, "app");
        Directory.CreateDirectory(app);
        string version = "0.1.0-packtest" + Environment.ProcessId;
        await RunAsync(repo, "dotnet", $"pack src/CustomerCore/CustomerCore.csproj -c Release -o \"{feed}\" -p:PackageVersion={version}");
        await RunAsync(repo, "dotnet", $"pack src/CustomerCore.Storage.Sqlite/CustomerCore.Storage.Sqlite.csproj -c Release -o \"{feed}\" -p:PackageVersion={version}");
        await RunAsync(repo, "dotnet", $"pack src/CustomerCore.Storage.Postgres/CustomerCore.Storage.Postgres.csproj -c Release -o \"{feed}\" -p:PackageVersion={version}");
        await File.WriteAllTextAsync(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CustomerCore" Version="{version}" />
                <PackageReference Include="CustomerCore.Storage.Sqlite" Version="{version}" />
                <PackageReference Include="CustomerCore.Storage.Postgres" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.14" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            using CustomerCore;
            using CustomerCore.Customers;
            using Microsoft.Extensions.DependencyInjection;

            var services = new ServiceCollection();
            var db = Path.Combine(Path.GetTempPath(), $"packaged-{Guid.NewGuid():N}.db");
            services.AddCustomerCore().AddSqliteStorage(o => o.ConnectionString = $"Data Source={db}");
            using var provider = services.BuildServiceProvider();
            var customers = provider.GetRequiredService<ICustomerService>();
            var saved = await customers.CreateAsync(CallerContext.System, new Customer { Id = CustomerId.New(), DisplayName = "Packaged Ltd" });
            var found = await customers.GetAsync(CallerContext.System, saved.Customer!.Id);
            Console.WriteLine($"quickstart:{saved.Status}:{found?.Version}");

            // The PostgreSQL package must load and validate its options without a server: an empty connection string is refused on start.
            var pgServices = new ServiceCollection();
            pgServices.AddCustomerCore().AddPostgresStorage(o => o.ConnectionString = "");
            using var pgProvider = pgServices.BuildServiceProvider();
            try
            {
                pgProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<CustomerCore.Storage.Postgres.PostgresStorageOptions>>().Value.ToString();
                Console.WriteLine("postgres:accepted-empty");
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException)
            {
                Console.WriteLine("postgres:validated");
            }
            """);
        // The app lives in the temp folder, outside the repo, so it inherits none of the repo's props; the local feed is added to the user's sources.
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><add key="local" value="{feed}" /></packageSources></configuration>
            """);

        string output = await RunAsync(app, "dotnet", "run -c Release");

        Assert.Contains("quickstart:Created:1", output, StringComparison.Ordinal);
        Assert.Contains("postgres:validated", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(feed, $"CustomerCore.{version}.snupkg")), "symbols package missing");
        using var package = ZipFile.OpenRead(Path.Combine(feed, $"CustomerCore.{version}.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/CustomerCore.dll", entries);
        Assert.Contains("lib/net10.0/CustomerCore.xml", entries);
        Assert.Contains(entries, e => e.EndsWith("README.md", StringComparison.OrdinalIgnoreCase));
        Directory.Delete(work, recursive: true);

        // The unique test version would otherwise pile up in the global packages folder, one per run.
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "customercore", "customercore.storage.sqlite", "customercore.storage.postgres" })
        {
            string cached = Path.Combine(cache, id, version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }

    private static async Task<string> RunAsync(string directory, string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(s_stepTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        string output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{file} {arguments} failed ({process.ExitCode}):\n{output}");
        return output;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomerCore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("CustomerCore.sln was not found above the test output folder.");
    }
}
