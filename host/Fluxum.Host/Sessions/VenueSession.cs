using System.Threading.Channels;
using Fluxum.Host.MarketData;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Sessions;

/// <summary>
/// One connection to a venue, for any plugin: the protocol says what to send and decodes what arrives; the
/// session connects, subscribes, watches, pings, reconnects with backoff and resubscribes, and feeds every
/// frame into the venue's <see cref="VenueFeed"/>. Its <see cref="SessionState"/> changes are observable.
/// </summary>
internal sealed partial class VenueSession : ISession
{
    private readonly IMarketDataProtocol _protocol;
    private readonly IWebSocketTransport _transport;
    private readonly VenueFeed _feed;
    private readonly SessionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SessionFrameSink _sink;
    // Lock order: _gate (subscriptions, outbound) may be held while calling the protocol (to encode). Decode
    // never re-enters the host: the plugin fills a DecodeBuffer and returns, and the host applies and publishes
    // what it filled afterwards, outside any plugin lock (see VenueFeed.Process). Applying may still not take
    // _gate: state changes have their own _stateGate, and resync requests are queued to _resyncs.
    private readonly Lock _gate = new();
    private readonly Lock _stateGate = new();
    private readonly List<Subscription> _subscriptions = [];
    // A copy of _subscriptions, replaced under _gate and read without it (while applying a frame: see above).
    private Subscription[] _subscribed = [];
    private readonly List<Channel<SessionState>> _stateSubscribers = [];
    private readonly Channel<ResyncRequest> _resyncs = Channel.CreateUnbounded<ResyncRequest>(new UnboundedChannelOptions { SingleReader = true });
    private SessionState _state = SessionState.Disconnected;
    private ChannelWriter<ReadOnlyMemory<byte>>? _outbound;
    private int _connection;
    // Strategy (c): the last connection sequence number seen on this connection (receive loop only).
    private long? _lastConnectionSequence;
    private CancellationTokenSource? _stop;
    private Task? _run;

    // The current run's start signal. Each run completes only its own (it is also the run's identity), so a run
    // that outlives its DisconnectAsync (given a cancelled token) cannot complete the next run's.
    private TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The run whose connection awaits its first ack or data to become Ready; null if none.
    private TaskCompletionSource? _awaitingReady;

    public VenueSession(IMarketDataProtocol protocol, IWebSocketTransport transport, VenueFeed feed, SessionOptions options, TimeProvider time, ILogger<VenueSession> logger)
    {
        _protocol = protocol;
        _transport = transport;
        _feed = feed;
        _options = options;
        _time = time;
        _logger = logger;
        _sink = new SessionFrameSink(this, feed, protocol, record: options.Kind == ConnectionKind.Public);
        Connection = $"{feed.Venue} ({(options.Kind == ConnectionKind.Public ? "public" : "account")})";
        feed.Books.ResyncRequested += OnResyncRequested;
    }

    /// <summary>The venue and which of its connections this is, as every log line names it: <c>kraken (public)</c>.</summary>
    public string Connection { get; }

    /// <inheritdoc />
    public string Venue => _feed.Venue;

    /// <inheritdoc />
    public SessionState State => Volatile.Read(ref _state);

    /// <inheritdoc />
    public ReconnectPolicy ReconnectPolicy => _options.ReconnectPolicy;

    /// <summary>Connections, reconnects, watchdog trips, rejected subscriptions, send failures.</summary>
    public SessionCounters Counters { get; } = new();

    /// <inheritdoc />
    public IReadOnlyCollection<Subscription> Subscriptions
    {
        get
        {
            lock (_gate)
            {
                return [.. _subscriptions];
            }
        }
    }

    /// <summary>Registers a state consumer now; each further enumeration is its own (bounded) consumer.</summary>
    public IAsyncEnumerable<SessionState> StateChanges(CancellationToken cancellationToken = default) =>
        new EagerStream<SessionState>(
            () =>
            {
                var channel = Channel.CreateBounded<SessionState>(
                    new BoundedChannelOptions(_options.StateBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                    _ => Counters.StateDropped());
                lock (_stateGate)
                {
                    _stateSubscribers.Add(channel);
                }

                return new StreamRegistration<SessionState>(channel.Reader, () => RemoveStateSubscriber(channel));
            },
            cancellationToken);

    private void RemoveStateSubscriber(Channel<SessionState> channel)
    {
        lock (_stateGate)
        {
            _stateSubscribers.Remove(channel);
        }
    }

    /// <summary>
    /// Starts the session and returns once it is Ready (data flowing or subscriptions acknowledged), Failed
    /// (connection attempts exhausted), or stopped. Connection failures are retried per the policy.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        Task started;
        lock (_gate)
        {
            if (_run is null)
            {
                _stop = new CancellationTokenSource();
                var run = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (_stateGate)
                {
                    _started = run;
                }

                var stop = _stop.Token;
                _run = Task.Run(() => RunAsync(run, stop), CancellationToken.None);
            }

            lock (_stateGate)
            {
                started = _started.Task;
            }
        }

        await started.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        Task? run;
        CancellationTokenSource? stop;
        lock (_gate)
        {
            (run, stop) = (_run, _stop);
            _run = null;
            _stop = null;
        }

        if (run is null || stop is null)
        {
            return;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await run.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        _feed.Books.ResyncRequested -= OnResyncRequested;
        lock (_stateGate)
        {
            foreach (var subscriber in _stateSubscribers)
            {
                subscriber.Writer.TryComplete();
            }
        }
    }

    internal void OnAck(SubscriptionAck ack)
    {
        if (!ack.Success)
        {
            Counters.Rejected();
            var what = $"{(ack.IsSubscribe ? "subscribe" : "unsubscribe")} {ack.Channel} {(ack.Symbol is { } s ? s.ToString() : RefusedSymbols(ack.Channel))}";
            LogRejected(_logger, Connection, what, ack.Error ?? "no reason given");
            _feed.Publish(new VenueError
            {
                Venue = Venue,
                Code = "subscription_rejected",
                Message = $"{Venue} refused {what}: {ack.Error ?? "no reason given"}",
                Symbol = ack.Symbol,
                ReceivedAt = ack.ReceivedAt,
                ExchangeTime = ack.ExchangeTime,
            });
            StaleRefusedBooks(ack);
        }

        MarkReady();
    }

    /// <summary>
    /// A refused book subscription sends no more updates: its books (even one whose snapshot came before the
    /// refusal) must not be served as good. Marked stale, no resync (the venue said no; reconnects retry).
    /// </summary>
    private void StaleRefusedBooks(SubscriptionAck ack)
    {
        if (!ack.IsSubscribe || ack.Channel.Kind != ChannelKind.Book)
        {
            return;
        }

        IReadOnlyList<Symbol> symbols = ack.Symbol is { } one ? [one] : Volatile.Read(ref _subscribed).Where(s => s.Channel == ack.Channel).SelectMany(s => s.Symbols).Distinct().ToList();
        foreach (var symbol in symbols)
        {
            _feed.Books.MarkStale(symbol, $"the venue refused the book subscription: {ack.Error ?? "no reason given"}");
        }
    }

    /// <summary>
    /// The symbols a refusal that names none can be about: those subscribed on its channel (a venue that
    /// refuses a whole request answers once for all of them).
    /// </summary>
    private string RefusedSymbols(MarketChannel channel)
    {
        var symbols = Volatile.Read(ref _subscribed).Where(s => s.Channel == channel).SelectMany(s => s.Symbols).Distinct().ToList();
        return symbols.Count == 0 ? "(the venue named no symbol)" : $"({string.Join(", ", symbols)}: the venue named none of them)";
    }

    internal void OnData() => MarkReady();

    private void MarkReady()
    {
        var run = Volatile.Read(ref _awaitingReady);
        if (run is not null && Interlocked.CompareExchange(ref _awaitingReady, null, run) == run)
        {
            SetState(SessionState.Ready, run);
        }
    }

    /// <summary>
    /// Publishes a state change of the run whose start signal is <paramref name="run"/>; a Ready, Failed or
    /// Disconnected state completes that signal, never a later run's. A run a later ConnectAsync replaced (its
    /// DisconnectAsync did not wait for it) publishes nothing: the session's state is the new run's. Runs from
    /// Decode (the first frame makes the session Ready), under the protocol's lock, so it takes only
    /// <see cref="_stateGate"/>, never <see cref="_gate"/>.
    /// </summary>
    private void SetState(SessionState state, TaskCompletionSource run)
    {
        lock (_stateGate)
        {
            if (!ReferenceEquals(run, _started))
            {
                CompleteStart(state, run);
                return;
            }

            var previous = _state;
            Volatile.Write(ref _state, state);
            foreach (var subscriber in _stateSubscribers)
            {
                subscriber.Writer.TryWrite(state);
            }

            LogState(_logger, Connection, previous, state);
            CompleteStart(state, run);
        }
    }

    private static void CompleteStart(SessionState state, TaskCompletionSource run)
    {
        if (state is { Phase: SessionPhase.Ready or SessionPhase.Failed or SessionPhase.Disconnected })
        {
            run.TrySetResult();
        }
    }
}
