using Fluxum.Host.Hosting;
using Fluxum.Host.Simulation;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Cli.Runners;

/// <summary>
/// <c>fluxum simulate kraken --port N</c>: serves a plugin's venue simulator on 127.0.0.1 until Ctrl+C or
/// <c>--duration</c>, so any client can be pointed at it. Private endpoints accept the key pair named by
/// the environment variables FLUXUM_SIM_API_KEY and FLUXUM_SIM_API_SECRET when both are set. <c>--fault</c>
/// injects a schedule of faults (<see cref="SimulatorFaultPlan"/>), each one reported on stdout as it happens.
/// </summary>
internal sealed class SimulateCommandRunner(CliServices services) : ICommandRunner<SimulateRequest>
{
    /// <inheritdoc />
    public async Task<int> RunAsync(SimulateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (LoadedConfig.Read(request.ConfigPath, services.ConfigOptions, services.Error) is not { } loaded)
        {
            return ExitCodes.NotStarted;
        }

        // The shared registration without venues or scripts: config checked at start, the host's loggers and clock.
        await using var host = CommandHost.Create(services, loaded, FluxumHostPlan.ServicesOnly, cancellationToken);
        if (!await host.StartAsync(cancellationToken).ConfigureAwait(false))
        {
            return ExitCodes.NotStarted;
        }

        if (!loaded.Catalog.TryGet(request.Plugin, out var entry) || entry.Plugin is null)
        {
            await services.Error.WriteLineAsync($"error: {loaded.Catalog.DescribeMissing(request.Plugin)}").ConfigureAwait(false);
            return 1;
        }

        if (entry.Plugin is not ISimulatorProvider provider)
        {
            await services.Error.WriteLineAsync($"error: plugin {entry.Name} ships no simulator").ConfigureAwait(false);
            return 1;
        }

        if (request.Load is not null && !provider.SupportsLoad)
        {
            await services.Error.WriteLineAsync($"error: --load: the {entry.Name} simulator has no load mode").ConfigureAwait(false);
            return 1;
        }

        var loggers = host.Loggers;
        var instruments = provider.SimulatedInstruments.Select(i => i.Symbol).ToArray();
        IReadOnlyList<ScheduledFault> faults = [];
        if (request.Faults is not null)
        {
            try
            {
                faults = SimulatorFaultPlan.Parse(request.Faults, instruments);
            }
            catch (FormatException e)
            {
                await services.Error.WriteLineAsync($"error: --fault: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        var key = Environment.GetEnvironmentVariable("FLUXUM_SIM_API_KEY");
        var secret = Environment.GetEnvironmentVariable("FLUXUM_SIM_API_SECRET");
        var options = new SimulatorOptions
        {
            Port = request.Port,
            Seed = request.Seed,
            Credentials = !string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(secret) ? new VenueCredentials(key, secret) : null,
            Time = services.Time,
            LoggerFactory = loggers,
            Load = request.Load,
        };
        await using var simulator = provider.CreateSimulator(options);
        await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
        await services.Out.WriteLineAsync($"fluxum: {entry.Name} simulator on 127.0.0.1, instruments {string.Join(", ", instruments)}; Ctrl+C stops it").ConfigureAwait(false);
        foreach (var (name, uri) in simulator.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            await services.Out.WriteLineAsync($"  {name,-8} {uri}").ConfigureAwait(false);
        }

        await services.Out.WriteLineAsync(options.Credentials is null
            ? "  private endpoints: no credentials accepted (set FLUXUM_SIM_API_KEY and FLUXUM_SIM_API_SECRET)"
            : $"  private endpoints: accept key {options.Credentials.RedactedKey} (from FLUXUM_SIM_API_KEY)").ConfigureAwait(false);
        if (request.Load is { } load)
        {
            var rate = load.MessagesPerSecond == 0 ? "as fast as the socket takes" : $"{load.MessagesPerSecond} frames/s";
            var count = load.Messages is { } m ? $", {m} frames" : string.Empty;
            await services.Out.WriteLineAsync($"  load     {rate} on each connection{count}, from {load.Settle.TotalMilliseconds:0} ms after its last subscription").ConfigureAwait(false);
        }

        foreach (var fault in faults)
        {
            await services.Out.WriteLineAsync($"  fault    {fault.Text}").ConfigureAwait(false);
        }

        var schedule = SimulatorFaultScheduler.RunAsync(simulator, faults, services.Time, (entry, fault, accepted) => Report(entry.Text, fault, accepted), cancellationToken);
        await Task.Delay(Timeout.InfiniteTimeSpan, services.Time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await schedule.ConfigureAwait(false);
        return 0;

        void Report(string text, SimulatorFault fault, bool accepted)
        {
            var when = services.Time.GetUtcNow().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
            if (accepted)
            {
                services.Out.WriteLine($"fluxum: {when} fault {text}: injected {fault.ToString().Replace(" { }", string.Empty, StringComparison.Ordinal)}");
            }
            else
            {
                services.Error.WriteLine($"warning: the {entry.Name} simulator cannot produce {fault} (fault '{text}'); it is not tried again");
            }
        }
    }
}
