using System.Net.WebSockets;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Sinks;
using Fluxum.Sdk.Transport;
using Xunit;

namespace Fluxum.Sdk.Testing.Conformance;

/// <summary>
/// The host's path without the host, for plugin tests: one real <see cref="ClientWebSocket"/> connection driven by a
/// plugin's protocol, frames decoded into a <see cref="RecordingFrameSink"/> whose book frames go through a real
/// <see cref="BookManager"/> with the venue's rules, and pings sent at the protocol's interval. It runs the venue's
/// book-sync strategy as the host does: <see cref="BookSync.Socket"/> resyncs with the protocol's
/// <see cref="IMarketDataProtocol.EncodeResync"/>; <see cref="BookSync.SocketWithConnectionSequence"/> checks every
/// reported connection sequence number and, on a gap, marks every book stale and subscribes everything again;
/// <see cref="BookSync.RestSnapshot"/> buffers each symbol's diffs, fetches the snapshot through
/// <see cref="IVenueAdapter.FetchBookSnapshotAsync"/> and stitches the two by update id (a snapshot older than the
/// buffered diffs is fetched again; a gap resyncs that symbol alone). Like the host, it sends no more messages a second
/// than the protocol's <see cref="IMarketDataProtocol.MaxMessagesPerSecond"/>.
/// </summary>
public sealed partial class VenueHarness : IAsyncDisposable
{
    private readonly IMarketDataProtocol _protocol;
    private readonly IVenueAdapter? _adapter;
    private readonly BookSync _strategy;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Dictionary<Symbol, MarketChannel> _bookChannels = [];
    private readonly List<Subscription> _subscriptions = [];
    private readonly HarnessSink _decodeTarget;
    private readonly string _venue;
    private ClientWebSocket? _socket;
    private MessagePacer? _pacer;
    private long? _lastConnectionSequence;
    private Task? _receive;
    private Task? _ping;

    /// <summary>Creates a harness over <paramref name="protocol"/> with books kept by <paramref name="rules"/> and synced on the socket (<see cref="BookSync.Socket"/>).</summary>
    public VenueHarness(string venue, IMarketDataProtocol protocol, BookRules rules)
        : this(venue, protocol, rules, BookSync.Socket, adapter: null)
    {
    }

    /// <summary>
    /// Creates a harness over <paramref name="protocol"/> (one of <paramref name="adapter"/>'s) that keeps books by the
    /// adapter's rules and runs its book-sync strategy, REST snapshots included.
    /// </summary>
    public VenueHarness(string venue, IVenueAdapter adapter, IMarketDataProtocol protocol)
        : this(venue, protocol, (adapter ?? throw new ArgumentNullException(nameof(adapter))).Capabilities.BookRules, adapter.Capabilities.BookSync, adapter)
    {
    }

    private VenueHarness(string venue, IMarketDataProtocol protocol, BookRules rules, BookSync strategy, IVenueAdapter? adapter)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        _venue = venue;
        _protocol = protocol;
        _adapter = adapter;
        _strategy = strategy;
        Books = new BookManager(venue, rules);
        // Strategy (b) stitches diffs to snapshots before the manager sees them, so the recording sink does not apply them.
        Sink = new RecordingFrameSink(strategy == BookSync.RestSnapshot ? null : Books);
        _decodeTarget = new HarnessSink(this);
        Books.Quality += e => Sink.Publish(e);
        Books.ResyncRequested += (symbol, reason) => OnResyncRequested(symbol);
    }

    /// <summary>The books, kept as the host keeps them.</summary>
    public BookManager Books { get; }

    /// <summary>Everything decoded.</summary>
    public RecordingFrameSink Sink { get; }

    /// <summary>Ends when the connection closes.</summary>
    public Task Closed => _receive ?? Task.CompletedTask;

    /// <summary>Messages the current connection held back to stay within the protocol's messages-per-second limit.</summary>
    public long PacedSends => _pacer?.Delayed ?? 0;

    /// <summary>Connections opened so far.</summary>
    public int Connections { get; private set; }

    /// <summary>Strategy (c): gaps in the connection's sequence numbers seen (each made every subscription again).</summary>
    public int ConnectionSequenceGaps { get; private set; }

    /// <summary>Strategy (b): REST snapshots fetched.</summary>
    public int SnapshotsFetched => Volatile.Read(ref _snapshotsFetched);

    /// <summary>Strategy (b): snapshots that were older than the buffered diffs, so another was fetched.</summary>
    public int SnapshotsTooOld => Volatile.Read(ref _snapshotsTooOld);

    /// <summary>Strategy (b): gaps in a symbol's update ids (each resynced that symbol from a new snapshot).</summary>
    public int UpdateIdGaps => Volatile.Read(ref _updateIdGaps);

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var limit = new CancellationTokenSource(timeout);
        while (!condition())
        {
            Assert.False(limit.IsCancellationRequested, $"timed out after {timeout.TotalSeconds:0} s waiting for: {what}");
            await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Opens a connection (closing the previous one) and sends the protocol's on-connect messages.</summary>
    public async Task ConnectAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        var endpoint = await _protocol.ResolveEndpointAsync(_stop.Token).ConfigureAwait(false);
        var socket = new ClientWebSocket();
        foreach (var (name, value) in endpoint.Headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        await socket.ConnectAsync(endpoint.Uri, _stop.Token).ConfigureAwait(false);
        _pacer = _protocol.MaxMessagesPerSecond is { } limit and > 0 ? new MessagePacer(limit, TimeProvider.System) : null;
        _socket = socket;
        Connections++;
        _lastConnectionSequence = null;
        ResetStitching();
        foreach (var message in _protocol.OnConnected())
        {
            await SendAsync(message).ConfigureAwait(false);
        }

        _receive = Task.Run(() => ReceiveAsync(socket), CancellationToken.None);
        if (_protocol.PingInterval is { } interval && _ping is null)
        {
            _ping = Task.Run(() => PingAsync(interval), CancellationToken.None);
        }
    }

    /// <summary>Subscribes: books are tracked at the channel's depth, then the protocol's frames are sent.</summary>
    public async Task SubscribeAsync(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (_subscriptions)
        {
            _subscriptions.Add(subscription);
        }

        if (subscription.Channel.Kind == ChannelKind.Book)
        {
            foreach (var symbol in subscription.Symbols)
            {
                _bookChannels[symbol] = subscription.Channel;
                Books.Track(symbol, subscription.Channel.Depth);
                if (_strategy == BookSync.RestSnapshot)
                {
                    TrackStitching(symbol, subscription.Channel.Depth);
                }
            }
        }

        foreach (var message in _protocol.EncodeSubscribe(subscription))
        {
            await SendAsync(message).ConfigureAwait(false);
        }
    }

    /// <summary>Sends raw bytes as one text message.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> message)
    {
        await _sendLock.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            var socket = _socket ?? throw new InvalidOperationException("the harness is not connected");
            if (_pacer is { } pacer)
            {
                await pacer.PaceAsync(_stop.Token).ConfigureAwait(false);
            }

            await socket.SendAsync(message, WebSocketMessageType.Text, true, _stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
        if (_ping is not null)
        {
            await _ping.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task CloseAsync()
    {
        _socket?.Abort();
        if (_receive is not null)
        {
            await _receive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _socket?.Dispose();
        _socket = null;
        _receive = null;
    }

    private void OnResyncRequested(Symbol symbol)
    {
        if (_strategy == BookSync.RestSnapshot)
        {
            RestartStitching(symbol);
        }
        else
        {
            _ = ResyncAsync(symbol);
        }
    }

    /// <summary>Strategy (c): one reported connection sequence number; a gap stales every book and subscribes everything again.</summary>
    private void OnConnectionSequence(long sequence)
    {
        if (_strategy != BookSync.SocketWithConnectionSequence)
        {
            return;
        }

        var last = _lastConnectionSequence;
        _lastConnectionSequence = sequence;
        if (last is not { } previous || sequence == previous + 1)
        {
            return;
        }

        ConnectionSequenceGaps++;
        var reason = $"the connection's sequence went from {previous} to {sequence}: messages were lost";
        Books.MarkAllStale(reason);
        _ = ResubscribeAsync();
    }

    private async Task ResubscribeAsync()
    {
        Subscription[] subscriptions;
        lock (_subscriptions)
        {
            subscriptions = [.. _subscriptions];
        }

        try
        {
            foreach (var subscription in subscriptions)
            {
                foreach (var message in _protocol.EncodeUnsubscribe(subscription).Concat(_protocol.EncodeSubscribe(subscription)))
                {
                    await SendAsync(message).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            Sink.Publish(new VenueError { Venue = _venue, Message = $"resubscribe not sent: {e.Message}", ReceivedAt = DateTimeOffset.UtcNow });
        }
    }

    private async Task ResyncAsync(Symbol symbol)
    {
        if (_socket is null || !_bookChannels.TryGetValue(symbol, out var channel))
        {
            return;
        }

        try
        {
            foreach (var message in _protocol.EncodeResync(symbol, channel))
            {
                await SendAsync(message).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Sink.Publish(new VenueError { Venue = _venue, Message = $"resync of {symbol} not sent: {e.Message}", ReceivedAt = DateTimeOffset.UtcNow });
        }
    }

    private async Task PingAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var ping = _protocol.EncodePing();
                if (!ping.IsEmpty && _socket is { State: WebSocketState.Open })
                {
                    await SendAsync(ping).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped, or the connection went away: the next connection pings again.
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 16];
        var length = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                length += result.Count;
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                if (result.EndOfMessage)
                {
                    _protocol.Decode(buffer.AsSpan(0, length), DateTimeOffset.UtcNow, _decodeTarget);
                    length = 0;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            Sink.Publish(new VenueError { Venue = _venue, Message = "connection closed: " + e.Message, ReceivedAt = DateTimeOffset.UtcNow });
        }
    }
}
