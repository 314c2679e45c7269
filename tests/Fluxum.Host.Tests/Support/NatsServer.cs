using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Fluxum.Host.Tests.Support;

/// <summary>
/// A real <c>nats-server -js</c> on a free loopback port with its store in a temporary folder, or one node of a
/// loopback cluster (<see cref="NatsCluster"/>). Disposing stops it and deletes the store.
/// </summary>
internal sealed class NatsServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _store;
    private readonly List<string> _log = [];

    private NatsServer(Process process, TempDirectory store, int port, int? clusterPort)
    {
        _process = process;
        _store = store;
        Port = port;
        ClusterPort = clusterPort;
    }

    /// <summary>The <c>nats-server</c> binary on this machine, or null (then <see cref="NatsFactAttribute"/> skips, unless CI requires it).</summary>
    public static string? Binary { get; } = Find();

    private const string CloseInheritedThenExec =
        "for f in /proc/$$/fd/*; do n=${f##*/}; [ \"$n\" -gt 2 ] 2>/dev/null && eval \"exec $n>&-\" 2>/dev/null; done; exec \"$0\" \"$@\"";

    /// <summary>The client port.</summary>
    public int Port { get; }

    /// <summary>The route port (a cluster node), or null.</summary>
    public int? ClusterPort { get; }

    /// <summary>The client URL.</summary>
    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the server logged (for a failing test's message).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>Starts a standalone server.</summary>
    public static Task<NatsServer> StartAsync() => StartAsync(FreePort(), null, null, null);

    /// <summary>Starts a server (a cluster node when <paramref name="clusterPort"/> is given) and waits until it is ready.</summary>
    internal static async Task<NatsServer> StartAsync(int port, string? name, int? clusterPort, IReadOnlyList<int>? routes)
    {
        var binary = Binary ?? throw new InvalidOperationException(NatsFactAttribute.MissingMessage);
        var store = new TempDirectory();
        // Through a shell that closes every inherited descriptor above stderr first: a test run under `flock` (the
        // shared CPU lock) must not hand the lock to a server that could outlive it.
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(CloseInheritedThenExec);
        start.ArgumentList.Add(binary);
        foreach (var argument in new[] { "-js", "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", store.Path })
        {
            start.ArgumentList.Add(argument);
        }

        if (clusterPort is { } cluster)
        {
            foreach (var argument in new[] { "-n", name!, "--cluster_name", "fluxum-test", "--cluster", $"nats://127.0.0.1:{cluster}", "--routes", string.Join(',', routes!.Select(r => $"nats://127.0.0.1:{r}")) })
            {
                start.ArgumentList.Add(argument);
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        var server = new NatsServer(process, store, port, clusterPort);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (server._log)
            {
                server._log.Add(e.Data);
            }

            if (e.Data.Contains("Server is ready", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"nats-server on port {port} was not ready within 20 s:\n{server.Log}");
        }

        return server;
    }

    /// <summary>Kills the server at once (a node lost mid-stream).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        _store.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(dir, "nats-server");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>Three <see cref="NatsServer"/> nodes routed to each other on loopback, JetStream clustered.</summary>
internal sealed class NatsCluster : IAsyncDisposable
{
    private NatsCluster(IReadOnlyList<NatsServer> nodes) => Nodes = nodes;

    /// <summary>The nodes.</summary>
    public IReadOnlyList<NatsServer> Nodes { get; }

    /// <summary>Every node's client URL, comma-separated (the client fails over among them).</summary>
    public string Url => string.Join(',', Nodes.Select(n => n.Url));

    /// <summary>Starts three nodes and waits until each is ready.</summary>
    public static async Task<NatsCluster> StartAsync()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => NatsServer.FreePort()).ToArray();
        var routes = Enumerable.Range(0, 3).Select(_ => NatsServer.FreePort()).ToArray();
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            NatsServer.StartAsync(ports[i], $"n{i}", routes[i], [.. routes.Where((_, j) => j != i)])));
        return new NatsCluster(nodes);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}

/// <summary>
/// A test that needs a real <c>nats-server</c>: skipped with a clear message when the binary cannot be found,
/// unless <c>FLUXUM_REQUIRE_SERVERS=1</c> (CI) is set, when it runs and fails for want of it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NatsFactAttribute : FactAttribute
{
    /// <summary>Why a NATS test cannot run.</summary>
    public const string MissingMessage = "nats-server not found on PATH or in /usr/sbin (apt-get install nats-server); FLUXUM_REQUIRE_SERVERS=1 makes this a failure instead of a skip";

    public NatsFactAttribute()
    {
        if (NatsServer.Binary is null && Environment.GetEnvironmentVariable("FLUXUM_REQUIRE_SERVERS") != "1")
        {
            Skip = MissingMessage;
        }
    }
}
