using Fluxum.Host.Cli;
using Fluxum.Host.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fluxum.Host.Hosting;

/// <summary>
/// A runtime command's <see cref="IHost"/>, built from <see cref="FluxumServices.AddFluxum"/>. Starting it
/// validates the options, compiles the scripts, starts the venues, then the command's services and the
/// scripts; each failure is printed and <see cref="StartAsync"/> returns false (exit 1, nothing left
/// running). The command's token and the command itself end it through <see cref="IHostApplicationLifetime"/>.
/// Disposing releases the host and then the config's plugins.
/// </summary>
internal sealed class CommandHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly LoadedConfig _loaded;
    private readonly CliServices _cli;

    private CommandHost(IHost host, LoadedConfig loaded, CliServices cli)
    {
        _host = host;
        _loaded = loaded;
        _cli = cli;
    }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The host's lifetime: <see cref="IHostApplicationLifetime.ApplicationStopping"/> fires on Ctrl+C, <c>--duration</c> or <see cref="IHostApplicationLifetime.StopApplication"/>.</summary>
    public IHostApplicationLifetime Lifetime => _host.Services.GetRequiredService<IHostApplicationLifetime>();

    /// <summary>The host's loggers.</summary>
    public ILoggerFactory Loggers => _host.Services.GetRequiredService<ILoggerFactory>();

    /// <summary>The running venues (after <see cref="StartAsync"/>).</summary>
    public HostedDeployment Deployment => _host.Services.GetRequiredService<DeploymentService>().Hosted;

    /// <summary>The scripts, or null when the command runs none.</summary>
    public ScriptService? Scripts => _host.Services.GetService<ScriptService>();

    /// <summary>The config and its plugins.</summary>
    public LoadedConfig Loaded => _loaded;

    /// <summary>Builds the host of a command; takes ownership of <paramref name="loaded"/>.</summary>
    public static CommandHost Create(CliServices cli, LoadedConfig loaded, FluxumHostPlan plan, CancellationToken stop, Action<IServiceCollection>? command = null)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(loaded);
        try
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Directory.GetCurrentDirectory() });
            builder.Services.AddFluxum(cli, loaded, plan, stop, command);
            return new CommandHost(builder.Build(), loaded, cli);
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts the host. False (the reasons on stderr) when the config does not fit its plugins, a script did not
    /// compile or no venue started. Cancelling <paramref name="cancellationToken"/> throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _host.StartAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OptionsValidationException e) when (e.OptionsType == typeof(FluxumConfig))
        {
            foreach (var failure in e.Failures)
            {
                await _cli.Error.WriteLineAsync(failure).ConfigureAwait(false);
            }

            return false;
        }
        catch (CommandNotStartedException)
        {
            // Its reasons are on stderr already; whatever had started is stopped when the host is disposed.
            return false;
        }
    }

    /// <summary>Stops the application through its lifetime and waits for every hosted service to stop (scripts first, venues last).</summary>
    public async Task StopAsync()
    {
        Lifetime.StopApplication();
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }

        _loaded.Dispose();
    }
}
