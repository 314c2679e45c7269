using Fluxum.Host.Cli;
using Fluxum.Host.Configuration;
using Fluxum.Host.Ledger;
using Fluxum.Host.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Fluxum.Host.Hosting;

/// <summary>
/// The composition root of every runtime command (<c>run</c>, <c>stream</c>, <c>script run</c>,
/// <c>simulate</c>): one registration, used by <see cref="CommandHost"/>.
/// </summary>
internal static class FluxumServices
{
    /// <summary>
    /// Registers the command's world: its console writers and clock (<paramref name="cli"/>), the config read
    /// by the strict YAML reader as options validated when the host starts, the plugin catalog, loggers at the
    /// configured levels, script compilation, and as hosted services in start order the ledger store (when the plan
    /// keeps the ledger and the config has one), the venues (when <paramref name="plan"/> has any), the recorder of
    /// their live ledger entries, the command's own services (<paramref name="command"/>) and the scripts.
    /// Stopping the host stops them in reverse: scripts, the command's services, then the venues.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="cli">Output writers, clock and config lookup of the CLI.</param>
    /// <param name="loaded">The config file, read strictly, with its plugin catalog (owned by the caller).</param>
    /// <param name="plan">The venues, scripts and deployment settings of this command.</param>
    /// <param name="stop">The command's token (Ctrl+C, <c>--duration</c>): stops the host.</param>
    /// <param name="command">Hosted services of the command itself, started after the venues and before the scripts.</param>
    public static IServiceCollection AddFluxum(
        this IServiceCollection services,
        CliServices cli,
        LoadedConfig loaded,
        FluxumHostPlan plan,
        CancellationToken stop,
        Action<IServiceCollection>? command = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(plan);

        services.AddSingleton(cli);
        services.AddSingleton(cli.Time);
        services.AddSingleton(new CommandStopToken(stop));
        services.AddSingleton<IHostLifetime, CommandLifetime>();
        services.Configure<HostOptions>(options =>
        {
            // Stopping waits for every venue to close and every script to end (the supervisor abandons a stuck one).
            options.ShutdownTimeout = Timeout.InfiniteTimeSpan;
            options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        services.AddLogging(builder => HostLogging.Configure(builder, loaded.Config.Logging));

        // Options come from the strict YAML reader (file:line:column errors), not IConfiguration binding.
        services.AddSingleton(loaded);
        services.AddSingleton(loaded.Catalog);
        services.AddSingleton<IValidateOptions<FluxumConfig>, FluxumConfigValidation>();
        services.AddSingleton<IOptionsFactory<FluxumConfig>>(sp => new LoadedOptionsFactory<FluxumConfig>(loaded.Config, sp.GetServices<IValidateOptions<FluxumConfig>>()));
        services.AddOptions<FluxumConfig>().ValidateOnStart();
        services.AddSingleton<IOptions<DeploymentOptions>>(Options.Create(plan.Deployment));
        services.AddSingleton(plan);
        services.AddSingleton<ScriptHost>();

        var ledger = plan.Venues is not null && plan.KeepsLedger ? loaded.Config.Ledger : null;
        if (ledger is not null)
        {
            // Opened before any venue connects; the venues' ledgers query it.
            services.AddSingleton(ledger);
            services.AddSingleton<LedgerStoreService>();
            services.AddHostedService(sp => sp.GetRequiredService<LedgerStoreService>());
        }

        if (plan.Venues is not null)
        {
            services.AddSingleton<DeploymentService>();
            services.AddHostedService(sp => sp.GetRequiredService<DeploymentService>());
        }

        if (ledger is not null)
        {
            services.AddHostedService<LedgerRecorderService>();
        }

        command?.Invoke(services);
        if (plan.Scripts.Count > 0)
        {
            services.AddSingleton<ScriptService>();
            services.AddHostedService(sp => sp.GetRequiredService<ScriptService>());
        }

        return services;
    }
}
