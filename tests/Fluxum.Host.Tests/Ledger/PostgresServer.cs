using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Fluxum.Host.Tests.Ledger;

/// <summary>
/// A real PostgreSQL server for the tests that need one: <c>initdb</c> into a temporary directory, <c>pg_ctl start</c> on a
/// free loopback port (its socket in that directory), stopped and deleted at the end. PostgreSQL refuses to run as
/// root, so as root it runs as the <c>postgres</c> user (or <c>nobody</c>) through <c>runuser</c>. Where no server
/// binary is found the tests skip with that reason, unless <c>FLUXUM_REQUIRE_SERVERS=1</c> (CI), where they fail.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly string[] SearchDirectories = ["/usr/local/bin", "/usr/bin", .. PackagedBinDirectories()];
    private string? _directory;
    private string? _user;
    private int _databases;

    /// <summary>The folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>, or null.</summary>
    public static string? BinDirectory { get; } = FindBinaries();

    /// <summary>True when CI asks for the real servers: a missing binary fails the tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("FLUXUM_REQUIRE_SERVERS") == "1";

    /// <summary>Why the tests are skipped, or null when the server runs.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The server's admin connection string (database <c>postgres</c>).</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (BinDirectory is null)
        {
            var reason = $"PostgreSQL's initdb/pg_ctl/postgres were not found (looked in {string.Join(", ", SearchDirectories)} and PATH); install Debian's postgresql";
            if (Required)
            {
                throw new InvalidOperationException($"{reason}; FLUXUM_REQUIRE_SERVERS=1 says this machine must have them");
            }

            SkipReason = reason;
            return;
        }

        _directory = Directory.CreateTempSubdirectory("fluxum-pg-").FullName;
        _user = Environment.UserName == "root" ? (UserExists("postgres") ? "postgres" : "nobody") : null;
        if (_user is not null)
        {
            await RunAsync("chown", ["-R", _user, _directory], asUser: false);
        }

        var port = FreePort();
        var data = Path.Combine(_directory, "data");
        await RunAsync(Path.Combine(BinDirectory, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", data, "-o", $"-k {_directory} -p {port} -h 127.0.0.1 -F", "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start"]);
        AdminConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false }.ToString();
    }

    /// <summary>A new empty database on the server; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"fluxum_test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_directory is null)
        {
            return;
        }

        try
        {
            if (AdminConnectionString.Length > 0)
            {
                await RunAsync(Path.Combine(BinDirectory!, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string? FindBinaries()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return SearchDirectories.Concat(path).FirstOrDefault(d => new[] { "initdb", "pg_ctl", "postgres" }.All(b => File.Exists(Path.Combine(d, b))));
    }

    private static IEnumerable<string> PackagedBinDirectories() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];

    private static bool UserExists(string name) =>
        File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asUser = true)
    {
        var start = new ProcessStartInfo(asUser && _user is not null ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory ?? Path.GetTempPath(),
        };
        if (asUser && _user is not null)
        {
            foreach (var a in new[] { "-u", _user, "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }
}

/// <summary>The tests that share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL";
}
