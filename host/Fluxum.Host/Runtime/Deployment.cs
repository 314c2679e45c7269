using Fluxum.Host.MarketData;
using Fluxum.Host.Recording;
using Fluxum.Host.Transport;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Runtime;

/// <summary>
/// Several venues streaming into one <see cref="MarketDataHub"/>. A venue that fails to start or gives up
/// is reported in <see cref="Faults"/> (by name) while the others run. Stopping closes every socket cleanly,
/// stops replays and simulators, flushes the recording and ends every consumer's stream.
/// </summary>
/// <example>
/// <code>
/// await using var deployment = new Deployment(venues, DeploymentOptions.Default, loggerFactory, TimeProvider.System);
/// await deployment.StartAsync(ct);
/// await foreach (var trade in deployment.Hub.Trades(Symbol.Parse("BTC/USD"), ct)) { ... }
/// // or: await deployment.RunAsync(ct); // until Ctrl+C / --duration cancels ct
/// </code>
/// </example>
internal sealed partial class Deployment : IAsyncDisposable
{
    private readonly FrameRecorder? _recorder;
    private readonly ILogger _logger;
    private int _stopped;

    /// <summary>Creates the hub and one runtime per venue; nothing connects until <see cref="StartAsync"/>.</summary>
    /// <param name="venues">The venues to run (names must be distinct).</param>
    /// <param name="options">Recording, hub and WebSocket settings.</param>
    /// <param name="loggerFactory">Loggers.</param>
    /// <param name="time">The clock.</param>
    /// <param name="transport">The WebSocket transport; by default Websocket.Client.</param>
    public Deployment(IReadOnlyList<VenueRuntimeOptions> venues, DeploymentOptions options, ILoggerFactory loggerFactory, TimeProvider time, IWebSocketTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(venues);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var duplicate = venues.GroupBy(v => v.Context.Venue, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"venue '{duplicate.Key}' is configured more than once", nameof(venues));
        }

        _logger = loggerFactory.CreateLogger<Deployment>();
        Hub = new MarketDataHub(options.Hub, time, loggerFactory.CreateLogger<MarketDataHub>());
        transport ??= new WebSocketClientTransport(options.WebSocket, time, loggerFactory);
        ConnectionLimits = (transport as WebSocketClientTransport)?.ConnectionLimits;
        _recorder = options.RecordPath is { } path ? new FrameRecorder(path, loggerFactory.CreateLogger<FrameRecorder>()) : null;
        if (options.Publish is { } publish)
        {
            Publisher = new Publishing.NatsPublisher(publish, time, loggerFactory);
            Hub.TapFactory = Publisher.CreateTap;
        }

        Venues = [.. venues.Select(v => new VenueRuntime(v, Hub, transport, _recorder))];
    }

    /// <summary>The venues' WebSocket connection limits and their held-connect counts (null with a transport other than the host's own).</summary>
    public Transport.RateLimits.ConnectionRateLimiters? ConnectionLimits { get; }
    /// <summary>The NATS publisher (<c>publish: { nats }</c>), or null.</summary>
    public Publishing.NatsPublisher? Publisher { get; }

    /// <summary>The unified market data of every venue.</summary>
    public MarketDataHub Hub { get; }

    /// <summary>The venues, in configuration order.</summary>
    public IReadOnlyList<VenueRuntime> Venues { get; }

    /// <summary>Every recording the deployment writes (the shared one and the venues' own), each once.</summary>
    public IReadOnlyList<FrameRecorder> Recordings => [.. Venues.SelectMany(v => v.Recordings).Concat(_recorder is null ? [] : [_recorder]).Distinct()];

    /// <summary>The venues that failed, each with its name and reason.</summary>
    public IReadOnlyList<VenueFault> Faults => [.. Venues.Select(v => v.Fault).OfType<VenueFault>()];

    /// <summary>
    /// Starts the publisher (when configured: connected, its stream checked), then every venue at once. Returns how
    /// many run; the others are in <see cref="Faults"/>.
    /// </summary>
    /// <exception cref="Publishing.PublishStartException">Publishing is configured and cannot start (nothing was started).</exception>
    public async Task<int> StartAsync(CancellationToken cancellationToken = default)
    {
        if (Publisher is { } publisher)
        {
            await publisher.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var started = await Task.WhenAll(Venues.Select(v => v.StartAsync(cancellationToken))).ConfigureAwait(false);
        var running = started.Count(ok => ok);
        LogStarted(_logger, running, Venues.Count);
        return running;
    }

    /// <summary>
    /// Starts, then runs until <paramref name="cancellationToken"/> is cancelled (Ctrl+C, <c>--duration</c>)
    /// or every venue is done, then stops cleanly. Never throws for a venue's failure: see <see cref="Faults"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(Venues.Select(v => v.Completion)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops every venue (closing sockets) and ends the hub's streams. Safe to call twice.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await Task.WhenAll(Venues.Select(v => v.StopAsync(cancellationToken))).ConfigureAwait(false);
        if (Publisher is { } publisher)
        {
            await publisher.DisposeAsync().ConfigureAwait(false);
        }

        _recorder?.Dispose();
        Hub.Complete();
        LogStopped(_logger, Venues.Count);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var venue in Venues)
        {
            await venue.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Deployment started: {Running} of {Total} venues running")]
    private static partial void LogStarted(ILogger logger, int running, int total);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Deployment stopped ({Total} venues)")]
    private static partial void LogStopped(ILogger logger, int total);
}
