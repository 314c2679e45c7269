using System.Security.Cryptography;
using Fluxum.Host.Configuration;
using Fluxum.Host.Plugins;
using Fluxum.Host.Runtime;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;
using RecordingPace = Fluxum.Host.Recording.ReplayPace;

namespace Fluxum.Host.Hosting;

/// <summary>Turns configured venues into the runtime's <see cref="VenueRuntimeOptions"/>.</summary>
internal sealed class DeploymentPlanner(PluginCatalog catalog, FluxumConfig config, IRestTransport rest, ILoggerFactory loggers, TimeProvider time)
{
    /// <summary>
    /// Options for <paramref name="venue"/>, with <paramref name="subscriptions"/> replacing the configured
    /// ones when given (<c>fluxum stream</c>). A simulated venue without configured credentials gets a fresh
    /// random key pair that its simulator accepts, so private endpoints (ledger, balances) work offline with
    /// real signatures.
    /// </summary>
    public VenueRuntimeOptions Plan(VenueConfig venue, IReadOnlyList<Subscription>? subscriptions = null)
    {
        ArgumentNullException.ThrowIfNull(venue);
        if (venue.Relay is { } relay)
        {
            return new VenueRuntimeOptions
            {
                Plugin = Relay.RelayPlugin.Instance,
                Context = VenueContextFactory.Create(venue, rest, loggers, time),
                Subscriptions = subscriptions ?? venue.Subscriptions,
                Relay = relay,
            };
        }

        var plugin = catalog.Get(venue.Plugin);
        var chosen = subscriptions ?? venue.Subscriptions;
        var context = VenueContextFactory.Create(venue, rest, loggers, time);
        SimulatorOptionsOrNull(venue, ref context, out var simulator);
        return new VenueRuntimeOptions
        {
            Plugin = plugin,
            Context = context,
            Subscriptions = chosen,
            ReconnectPolicy = config.Reconnect,
            RecordPath = venue.RecordPath,
            ReplayPath = venue.Replay?.File,
            ReplayPace = venue.Replay?.Pace == ReplayPace.Recorded ? RecordingPace.Recorded : RecordingPace.AsFastAsPossible,
            Simulator = simulator,
        };
    }

    private void SimulatorOptionsOrNull(VenueConfig venue, ref VenueContext context, out SimulatorOptions? simulator)
    {
        simulator = null;
        if (venue.Mode != VenueMode.Simulated)
        {
            return;
        }

        var credentials = context.Credentials ?? new VenueCredentials(
            $"sim-{venue.Name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}",
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        context = context with { Credentials = credentials };
        simulator = venue.Simulator.ToOptions() with { Credentials = credentials, Settings = venue.Settings, Time = time, LoggerFactory = loggers };
    }
}
