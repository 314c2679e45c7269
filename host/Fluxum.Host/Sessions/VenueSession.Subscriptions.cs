using System.Threading.Channels;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;

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
        if (subscription.Channel is not MarketChannel.BookChannel book)
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

            LogResync(_logger, Connection, request.Symbol, request.Reason);
            Counters.Resync();
            Send(_outbound, messages);
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
