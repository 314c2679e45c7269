using Fluxum.Host.Books;
using Fluxum.Host.Logging;
using Fluxum.Host.MarketData;
using Fluxum.Host.Recording;
using Fluxum.Host.Sessions;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Runtime;

/// <summary>
/// Runs one configured venue end to end: starts its simulator (simulated mode), creates the plugin's
/// protocol, the venue's book manager and feed in the shared hub, then either a live
/// <see cref="VenueSession"/> (live and simulated modes) or a <see cref="ReplaySource"/> (replay mode).
/// Any failure on the way (a plugin that throws, a simulator that does not start, a session that gives up)
/// becomes this venue's <see cref="Fault"/>; it never throws into the caller.
/// </summary>
internal sealed partial class VenueRuntime : IAsyncDisposable
{
    private readonly VenueRuntimeOptions _options;
    private readonly MarketDataHub _hub;
    private readonly IWebSocketTransport _transport;
    private readonly FrameRecorder? _sharedRecorder;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FrameRecorder? _ownRecorder;
    private Task? _work;
    private Task? _privateWork;

    /// <summary>Creates the runtime; nothing runs until <see cref="StartAsync"/>.</summary>
    /// <param name="options">The venue's plugin, context, subscriptions and mode settings.</param>
    /// <param name="hub">The hub the venue publishes into.</param>
    /// <param name="transport">The WebSocket transport.</param>
    /// <param name="sharedRecorder">A recorder shared by the deployment's venues, or null.</param>
    public VenueRuntime(VenueRuntimeOptions options, MarketDataHub hub, IWebSocketTransport transport, FrameRecorder? sharedRecorder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _hub = hub;
        _transport = transport;
        _sharedRecorder = sharedRecorder;
        _loggers = options.Context.LoggerFactory;
        _time = options.Context.Time;
        _logger = _loggers.CreateLogger<VenueRuntime>();
    }

    /// <summary>The venue name.</summary>
    public string Venue => _options.Context.Venue;

    /// <summary>The venue's plugin.</summary>
    public IExchangePlugin Plugin => _options.Plugin;

    /// <summary>The venue's mode.</summary>
    public VenueMode Mode => _options.Context.Mode;

    /// <summary>Where the runtime is.</summary>
    public VenueRuntimeStatus Status { get; private set; }

    /// <summary>Why the venue failed, or null.</summary>
    public VenueFault? Fault { get; private set; }

    /// <summary>The live session (live and simulated modes, once started).</summary>
    public VenueSession? Session { get; private set; }

    /// <summary>
    /// The authenticated session carrying the real-time ledger (when the venue has credentials and its
    /// plugin streams the ledger); its events reach the hub like the public session's.
    /// </summary>
    public VenueSession? PrivateSession { get; private set; }

    /// <summary>
    /// Why the authenticated session (the real-time ledger) stopped, or null: a refused authentication or a
    /// session that gave up. The venue's market data keeps running; <see cref="Fault"/> stays null.
    /// </summary>
    public VenueFault? PrivateFault { get; private set; }

    /// <summary>The venue's feed into the hub (counters, books), once started.</summary>
    public VenueFeed? Feed { get; private set; }

    /// <summary>The relay reading this venue from NATS (<c>mode: relay</c>), once started.</summary>
    public Relay.RelaySource? RelaySource { get; private set; }

    /// <summary>The running simulator (simulated mode).</summary>
    public IVenueSimulator? Simulator { get; private set; }

    /// <summary>The context actually used (in simulated mode its endpoints point at the simulator).</summary>
    public VenueContext Context { get; private set; } = null!;

    /// <summary>The venue's adapter, created once at start (null before, or when the plugin could not create it).</summary>
    public IVenueAdapter? Adapter { get; private set; }

    /// <summary>Completes when the venue is done: stopped, replay finished, or faulted. Never faults itself.</summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// Sets the venue up and starts it. Returns true when it runs; false when it faulted (see
    /// <see cref="Fault"/>). Does not wait for the session to be Ready (<see cref="VenueSession.ConnectAsync"/> does).
    /// </summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken = default)
    {
        if (Status != VenueRuntimeStatus.Created)
        {
            throw new InvalidOperationException($"{Venue}: the runtime was already started");
        }

        Status = VenueRuntimeStatus.Running;
        Context = _options.Context;
        try
        {
            // The simulator first: the venue's adapter is created once, with the endpoints it will connect to.
            if (Mode == VenueMode.Simulated && !await StartSimulatorAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (_options.Relay is { } relay)
            {
                return StartRelay(relay);
            }

            Adapter = CreateAdapter();
            if (Adapter.Problems is { Count: > 0 } problems)
            {
                return Faulted($"{Venue}: invalid settings for plugin {_options.Plugin.Descriptor.Name}: {string.Join("; ", problems)}", null);
            }

            var protocol = CreateProtocol();
            Feed = _hub.AddVenue(Venue, new BookManager(Venue, Adapter.Capabilities.BookRules, _time) { TrackedOnly = true });
            if (Adapter.Capabilities.BookSync == BookSync.RestSnapshot)
            {
                // Strategy (b): the host stitches the venue's REST snapshots to its socket diffs.
                Feed.RestSync = new RestSnapshotSync(Adapter, Feed, _options.RestSnapshotSync, _time, _loggers.CreateLogger<RestSnapshotSync>());
            }
            Feed.Recorders = Recorders();
            _work = Mode == VenueMode.Replay ? ReplayAsync(protocol, Feed) : RunSessionAsync(CreateSession(protocol, Feed));
            if (Mode != VenueMode.Replay && WantsLedgerStream)
            {
                _privateWork = RunPrivateSessionAsync(Feed);
            }

            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Faulted($"{Venue}: could not start ({Mode} mode): {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>Stops the venue: closes its socket cleanly, stops its replay and simulator.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (Session is { } session)
        {
            await session.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        }

        if (PrivateSession is { } privateSession)
        {
            await privateSession.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_work is { } work)
        {
            await work.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_privateWork is { } privateWork)
        {
            await privateWork.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (Simulator is { } simulator)
        {
            Simulator = null;
            await simulator.DisposeAsync().ConfigureAwait(false);
        }

        Feed?.RestSync?.Dispose();
        if (RelaySource is { } relaySource)
        {
            await relaySource.DisposeAsync().ConfigureAwait(false);
        }

        _ownRecorder?.Dispose();
        _sharedRecorder?.Flush();
        if (Status == VenueRuntimeStatus.Running)
        {
            Status = VenueRuntimeStatus.Completed;
        }

        _completion.TrySetResult();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (Session is { } session)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        if (PrivateSession is { } privateSession)
        {
            await privateSession.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private IVenueAdapter CreateAdapter()
    {
        try
        {
            var adapter = _options.Plugin.CreateVenue(Context) ?? throw new InvalidOperationException("CreateVenue returned null");
            _ = adapter.Capabilities ?? throw new InvalidOperationException("the venue declared no capabilities");
            return adapter;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new VenueStartException($"{Venue}: plugin {_options.Plugin.Descriptor.Name} failed to create the venue: {e.Message}", e);
        }
    }

    private IMarketDataProtocol CreateProtocol()
    {
        try
        {
            return Adapter!.CreateProtocol(ConnectionKind.Public)
                ?? throw new InvalidOperationException("CreateProtocol returned null");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new VenueStartException($"{Venue}: plugin {_options.Plugin.Descriptor.Name} failed to create its protocol: {e.Message}", e);
        }
    }

    /// <summary>
    /// The venue's own recording (<c>record:</c>) and the deployment's (<c>--record</c>): both are written;
    /// the same file named twice is written once.
    /// </summary>
    private IReadOnlyList<FrameRecorder> Recorders()
    {
        var recorders = new List<FrameRecorder>(2);
        if (_options.RecordPath is { } path)
        {
            if (_sharedRecorder is not null && string.Equals(Path.GetFullPath(path), _sharedRecorder.Path, StringComparison.Ordinal))
            {
                return [_sharedRecorder];
            }

            _ownRecorder = new FrameRecorder(path, _loggers.CreateLogger<FrameRecorder>());
            recorders.Add(_ownRecorder);
        }

        if (_sharedRecorder is not null)
        {
            recorders.Add(_sharedRecorder);
        }

        return recorders;
    }

    /// <summary>The recordings this venue writes (for the summary: a failed one says why).</summary>
    public IReadOnlyList<FrameRecorder> Recordings => Feed?.Recorders ?? [];

    private bool Faulted(string message, Exception? exception)
    {
        Fault = new VenueFault(Venue, message, exception);
        Status = VenueRuntimeStatus.Faulted;
        using (_logger.BeginScope(LogScope.ForVenue(Venue)))
        {
            LogFault(_logger, Venue, message, exception);
        }

        _completion.TrySetResult();
        return false;
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Error, Message = "{Venue}: venue faulted: {Problem}")]
    private static partial void LogFault(ILogger logger, string venue, string problem, Exception? exception);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "{Venue}: simulator started at {Endpoints}")]
    private static partial void LogSimulator(ILogger logger, string venue, string endpoints);
}
