using Fluxum.Host.Cli;
using Fluxum.Host.Configuration;
using Fluxum.Host.Runtime;
using Fluxum.Host.Scripting;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Hosting;

/// <summary>
/// What every runtime command does, in order: read and check the config (nothing connects if it is
/// broken), set up logging, compile scripts (nothing connects if one fails), start the venues. Each step
/// prints its own errors and returns false/null; disposing releases whatever was set up.
/// </summary>
internal sealed class CommandSession : IAsyncDisposable
{
    private readonly CliServices _services;
    private HostedDeployment? _hosted;

    private CommandSession(CliServices services, LoadedConfig loaded)
    {
        _services = services;
        Loaded = loaded;
        Loggers = HostLogging.Create(loaded.Config.Logging);
        Scripts = new ScriptHost(Loggers, services.Time);
    }

    /// <summary>The checked configuration and its plugins.</summary>
    public LoadedConfig Loaded { get; }

    /// <summary>The host's loggers.</summary>
    public ILoggerFactory Loggers { get; }

    /// <summary>Script compilation and supervision.</summary>
    public ScriptHost Scripts { get; }

    /// <summary>The running venues, after <see cref="StartAsync"/>.</summary>
    public HostedDeployment Hosted => _hosted ?? throw new InvalidOperationException("the deployment was not started");

    /// <summary>Reads and checks the config; null (errors printed) when it is unusable.</summary>
    public static CommandSession? Open(CliServices services, string configPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        var loaded = LoadedConfig.Load(configPath, services.ConfigOptions, services.Error);
        return loaded is null ? null : new CommandSession(services, loaded);
    }

    /// <summary>Compiles <paramref name="scripts"/>; null (errors printed) when any fails.</summary>
    public Task<IReadOnlyList<(ScriptConfig Config, CompiledScript Script)>?> CompileAsync(IReadOnlyList<ScriptConfig> scripts, CancellationToken cancellationToken) =>
        Scripts.CompileAsync(scripts, _services.Error, cancellationToken);

    /// <summary>Starts the venues <paramref name="plan"/> selects (every configured venue by default); false when none could.</summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken, Func<DeploymentPlanner, IReadOnlyList<VenueRuntimeOptions>>? plan = null, DeploymentOptions? options = null)
    {
        _hosted = await HostedDeployment.StartAsync(
            Loaded,
            plan ?? (planner => [.. Loaded.Config.Venues.Select(v => planner.Plan(v))]),
            options ?? DeploymentOptions.Default,
            Loggers,
            _services.Time,
            _services.Error,
            cancellationToken).ConfigureAwait(false);
        return _hosted is not null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_hosted is not null)
        {
            await _hosted.DisposeAsync().ConfigureAwait(false);
        }

        Loggers.Dispose();
        Loaded.Dispose();
    }
}
