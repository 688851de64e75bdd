using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CustomerCore.Storage.Postgres.Tests;

/// <summary>Starts a throwaway PostgreSQL cluster from the installed binaries on a free loopback port, or uses
/// the server named by <c>CUSTOMERCORE_POSTGRES</c>; stops and deletes the cluster at the end.</summary>
/// <remarks>initdb refuses to run as root, so as root the cluster belongs to the <c>postgres</c> system user and the
/// tools run through <c>runuser</c>. Durability is off (fsync, synchronous commit): the data is thrown away.</remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _root;
    private string? _bin;
    private bool _asPostgresUser;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("CUSTOMERCORE_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (_bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: run 'apt-get install -y postgresql' (the CI script does), or set CUSTOMERCORE_POSTGRES to a connection string.");
        }

        _root = Path.Combine(Path.GetTempPath(), $"cc-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        _asPostgresUser = Environment.UserName == "root";
        if (_asPostgresUser)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _root]);
        }

        var data = Path.Combine(_root, "data");
        var port = FreePort();
        await RunToolAsync("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"]);
        await RunToolAsync("pg_ctl", ["-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o", $"-p {port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start"]);
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20";
    }

    public async Task DisposeAsync()
    {
        if (_root is null)
        {
            return;
        }

        await RunToolAsync("pg_ctl", ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"]);
        Directory.Delete(_root, recursive: true);
    }

    private Task RunToolAsync(string tool, string[] args)
    {
        var path = Path.Combine(_bin!, tool);
        return _asPostgresUser ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresServer>;
