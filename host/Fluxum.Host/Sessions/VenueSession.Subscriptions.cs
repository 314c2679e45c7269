using System.Threading.Channels;
using Fluxum.Host.Logging;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Sessions;

/// <summary>The session's subscriptions: validation, run-time changes, book tracking and resyncs.</summary>
internal sealed partial class VenueSession
{
    /// <summary>Adds subscriptions; they are sent now when connected and after every reconnect.</summary>
    /// <exception cref="ArgumentException">A channel or symbol the venue does not support (the message says which and why).</exception>
    public Task SubscribeAsync(IReadOnlyList<Subscription> subscriptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        foreach (var subscription in subscriptions)
        {
            if (Problem(subscription) is { } problem)
            {
                throw new ArgumentException($"{Venue}: cannot subscribe {subscription}: {problem}", nameof(subscriptions));
            }
        }

        lock (_gate)
        {
            foreach (var subscription in subscriptions)
            {
                _subscriptions.Add(subscription);
                TrackBooks(subscription, track: true);

                // Encode only for a live connection: before it, the protocol may lack what encoding needs
                // (Kraken's private token comes with the endpoint), and connecting subscribes everything.
                if (_outbound is not null)
                {
                    Send(_outbound, Encode(subscription, subscribe: true));
                }
            }

            Volatile.Write(ref _subscribed, [.. _subscriptions]);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(IReadOnlyList<Subscription> subscriptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        lock (_gate)
        {
            foreach (var subscription in subscriptions)
            {
                if (_subscriptions.Remove(subscription))
                {
                    TrackBooks(subscription, track: false);
                    if (_outbound is not null)
                    {
                        Send(_outbound, Encode(subscription, subscribe: false));
                    }
                }
            }

            Volatile.Write(ref _subscribed, [.. _subscriptions]);
        }

        return Task.CompletedTask;
    }

    private string? Problem(Subscription subscription)
    {
        if (_options.Capabilities?.Check(_options.Kind, subscription) is { } declared)
        {
            return declared;
        }

        try
        {
            return _protocol.Validate(subscription);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"the protocol's validation threw {e.GetType().Name}: {e.Message}";
        }
    }

    private void TrackBooks(Subscription subscription, bool track)
    {
        if (subscription.Channel is not { Kind: ChannelKind.Book } book)
        {
            return;
        }

        foreach (var symbol in subscription.Symbols)
        {
            if (track)
            {
                _feed.Books.Track(symbol, _feed.Books.Rules.TruncateToSubscribedDepth ? book.Depth : null);
                _feed.RestSync?.Track(symbol, book.Depth);
            }
            else
            {
                _feed.RestSync?.Untrack(symbol);
                _feed.Books.Untrack(symbol);
            }
        }
    }

    /// <summary>
    /// The book manager asks for a snapshot. This runs on the receive loop inside Decode (under the protocol's
    /// lock) or on a timer thread, so it only queues the request, tagged with the connection it is for; the
    /// resync loop encodes and sends it under <see cref="_gate"/>. Taking <see cref="_gate"/> here deadlocked
    /// against a thread that held it while encoding (a subscribe, a deferred resync) and waited for the protocol.
    /// </summary>
    private void OnResyncRequested(Symbol symbol, string reason)
    {
        // A venue synced from REST snapshots resyncs over REST (its RestSnapshotSync handles the request), not here.
        if (_feed.RestSync is null && Volatile.Read(ref _outbound) is not null)
        {
            _resyncs.Writer.TryWrite(new ResyncRequest(symbol, reason, Volatile.Read(ref _connection)));
        }
    }

    /// <summary>
    /// Strategy (c) (<see cref="BookSync.SocketWithConnectionSequence"/>): a message's connection sequence number, on the
    /// receive loop after its frame was decoded. Each must follow the previous one; a gap means messages of any channel
    /// were lost, so every book of the venue is marked stale and the connection's subscriptions are made again (the
    /// venue sends fresh snapshots). The numbering continues from the new number.
    /// </summary>
    internal void OnConnectionSequence(long sequence, DateTimeOffset receivedAt)
    {
        if (_options.Capabilities?.BookSync != BookSync.SocketWithConnectionSequence)
        {
            return;
        }

        var last = _lastConnectionSequence;
        _lastConnectionSequence = sequence;
        if (last is not { } previous || sequence == previous + 1)
        {
            return;
        }

        Counters.SequenceGap();
        var reason = $"the connection's sequence went from {previous} to {sequence}: messages were lost";
        LogSequenceGap(_logger, Connection, previous, sequence);
        _feed.Report(DataQualityKind.Gap, null, $"{reason}; every book is stale until resubscribed", receivedAt);
        _feed.Books.MarkAllStale(reason);
        if (Volatile.Read(ref _outbound) is not null)
        {
            // Queued like a resync (the resync loop sends under _gate); an empty symbol means every subscription.
            _resyncs.Writer.TryWrite(new ResyncRequest(default, reason, Volatile.Read(ref _connection)));
        }
    }

    /// <summary>Sends the queued resync requests, each only on the connection it was made for.</summary>
    private async Task ResyncLoopAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var request in _resyncs.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
                SendResync(request);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The session stopped; a later run drops what is left (a new connection resubscribes anyway).
        }
    }

    private void SendResync(ResyncRequest request)
    {
        if (request.Symbol.IsEmpty)
        {
            Resubscribe(request);
            return;
        }

        lock (_gate)
        {
            var book = _subscriptions.Find(s => s.Channel.Kind == ChannelKind.Book && s.Symbols.Contains(request.Symbol));
            if (book is null || _outbound is null || _connection != request.Connection)
            {
                return; // Not subscribed any more, or not that connection: the next connection resubscribes anyway.
            }

            var messages = Guard(() => _protocol.EncodeResync(request.Symbol, book.Channel), $"encoding a resync of {request.Symbol}");
            if (messages.Count == 0)
            {
                return; // The protocol has a snapshot on its way already (or cannot resync): nothing sent, nothing counted.
            }

            using (_logger.BeginScope(LogScope.ForSymbol(request.Symbol)))
            {
                LogResync(_logger, Connection, request.Symbol, request.Reason);
            }

            Counters.Resync();
            Send(_outbound, messages);
        }
    }

    /// <summary>Unsubscribes and subscribes again everything of the connection the request was made for.</summary>
    private void Resubscribe(ResyncRequest request)
    {
        lock (_gate)
        {
            if (_outbound is null || _connection != request.Connection)
            {
                return; // That connection is gone: the next one subscribes everything anyway.
            }

            LogResubscribe(_logger, Connection, _subscriptions.Count, request.Reason);
            foreach (var subscription in _subscriptions)
            {
                Send(_outbound, Encode(subscription, subscribe: false));
                Send(_outbound, Encode(subscription, subscribe: true));
            }
        }
    }

    private IReadOnlyList<ReadOnlyMemory<byte>> Encode(Subscription subscription, bool subscribe) =>
        Guard(() => subscribe ? _protocol.EncodeSubscribe(subscription) : _protocol.EncodeUnsubscribe(subscription), $"encoding {(subscribe ? "subscribe" : "unsubscribe")} {subscription}");

    private IReadOnlyList<ReadOnlyMemory<byte>> Guard(Func<IReadOnlyList<ReadOnlyMemory<byte>>> encode, string what)
    {
        try
        {
            return encode();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogProtocolFault(_logger, Connection, what, e);
            _feed.Publish(new VenueError { Venue = Venue, Code = "protocol_fault", Message = $"the {Venue} protocol threw {e.GetType().Name} {what}: {e.Message}", ReceivedAt = _time.GetUtcNow() });
            return [];
        }
    }

    private static void Send(ChannelWriter<ReadOnlyMemory<byte>>? outbound, IReadOnlyList<ReadOnlyMemory<byte>> messages)
    {
        if (outbound is null)
        {
            return; // Not connected: subscriptions are sent when the connection opens.
        }

        foreach (var message in messages)
        {
            outbound.TryWrite(message);
        }
    }
}
