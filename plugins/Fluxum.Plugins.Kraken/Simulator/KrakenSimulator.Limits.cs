using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>
/// The venue's limits the simulator enforces beyond single requests: the REST call counter of the venue's tier
/// (<see cref="KrakenTier"/>, from <see cref="Sdk.Plugins.SimulatorOptions.Settings"/>: the simulated venue's own
/// <c>tier</c> setting; Starter when the simulator runs on its own), and new WebSocket connections, at most
/// <see cref="KrakenRateLimits.ConnectionsPerWindow"/> per <see cref="KrakenRateLimits.ConnectionWindow"/> over the
/// public and authenticated endpoints together (Kraken counts per IP address; every simulator client is 127.0.0.1).
/// Kraken documents no shape for a refused connection attempt, so an upgrade past the window is answered as a
/// front-end rate limiter answers: HTTP 429 with a plain-text body, no WebSocket. Refused upgrades do not count.
/// </summary>
internal sealed partial class KrakenSimulator
{
    private static readonly Action<ILogger, string, int, TimeSpan, Exception?> LogConnectionRefused = LoggerMessage.Define<string, int, TimeSpan>(
        LogLevel.Information, new EventId(4204, "KrakenSimConnectionRefused"), "Kraken simulator: WebSocket upgrade to {Path} refused with HTTP 429 ({Connections} connections in the last {Window})");

    private RollingWindowCounter? _connectionWindow;

    /// <summary>The tier whose call counter the simulator enforces.</summary>
    internal KrakenTier Tier => KrakenTier.Read(Options.Settings, problems: null);

    /// <summary>New WebSocket connections in the rolling window (created on first upgrade, on the simulator's clock).</summary>
    internal RollingWindowCounter ConnectionWindow =>
        LazyInitializer.EnsureInitialized(ref _connectionWindow, () => new RollingWindowCounter(KrakenRateLimits.ConnectionsPerWindow, KrakenRateLimits.ConnectionWindow, Options.Time));

    /// <summary>Admits an upgrade while the connection window has room; refuses it with HTTP 429 past it.</summary>
    public override ValueTask<LoopbackRefusal?> InspectUpgradeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (ConnectionWindow.TryAdmit(out var inWindow))
        {
            return ValueTask.FromResult<LoopbackRefusal?>(null);
        }

        LogConnectionRefused(_logger, request.Path.Value ?? "/", inWindow, ConnectionWindow.Window, null);
        return ValueTask.FromResult<LoopbackRefusal?>(new LoopbackRefusal(429, "429 Too Many Requests: too many connection attempts from this address", "text/plain"));
    }
}
