using System.Net.WebSockets;
using System.Threading.Channels;
using Fluxum.Host.Logging;
using Fluxum.Host.Transport;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;
using Fluxum.Sdk.Transport;

namespace Fluxum.Host.Sessions;

/// <summary>The session's connection loop: connect, subscribe, read, and reconnect with backoff.</summary>
internal sealed partial class VenueSession
{
    /// <summary>One run, from connect to disconnect; <paramref name="run"/> is its own start signal (see <see cref="SetState"/>).</summary>
    private async Task RunAsync(TaskCompletionSource run, CancellationToken stop)
    {
        // Every line of this run (the session's, and the feed's and books' lines it causes) names venue and connection.
        using var scope = _logger.BeginScope(LogScope.Connection(Venue, _options.Kind));
        using var resyncStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var resyncs = ResyncLoopAsync(resyncStop.Token);
        try
        {
            await ReconnectLoopAsync(run, stop).ConfigureAwait(false);
        }
        finally
        {
            await resyncStop.CancelAsync().ConfigureAwait(false);
            await resyncs.ConfigureAwait(false);
        }
    }

    private async Task ReconnectLoopAsync(TaskCompletionSource run, CancellationToken stop)
    {
        var policy = _options.ReconnectPolicy;
        var attempt = 0;
        string? reason = null;
        Exception? lastError = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (attempt > 0)
                {
                    if (policy.MaxAttempts > 0 && attempt > policy.MaxAttempts)
                    {
                        SetState(SessionState.Failed(new SessionError($"{Connection}: gave up after {policy.MaxAttempts} reconnect attempts; last problem: {reason}", lastError)), run);
                        return;
                    }

                    var backoff = Backoff(attempt);
                    SetState(SessionState.Reconnecting(attempt, backoff, reason), run);
                    await Task.Delay(backoff, _time, stop).ConfigureAwait(false);
                }

                SetState(SessionState.Connecting, run);
                IWebSocketConnection connection;
                try
                {
                    var endpoint = await _protocol.ResolveEndpointAsync(stop).ConfigureAwait(false);
                    connection = await _transport.ConnectAsync(endpoint, stop).ConfigureAwait(false);
                }
                catch (Exception e) when (!stop.IsCancellationRequested && e is not OutOfMemoryException)
                {
                    (reason, lastError) = ($"connect failed: {e.Message}", e);
                    LogConnectFailed(_logger, Connection, e.Message);
                    if (IsCredentialRefusal(e))
                    {
                        // The venue refused these credentials (or there are none): the same ones would be
                        // refused again, so the session ends here instead of hammering the venue.
                        SetState(SessionState.Failed(new SessionError($"{Connection}: authentication failed, not retrying: {e.Message}", e)), run);
                        return;
                    }

                    attempt++;
                    continue;
                }

                var (lost, wasReady) = await RunConnectionAsync(run, connection, stop).ConfigureAwait(false);
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                (reason, lastError) = (lost, null);
                LogConnectionLost(_logger, Connection, lost);
                Counters.Reconnect();
                MarkOwnBooksStale($"connection lost: {lost}");
                attempt = wasReady ? 1 : attempt + 1;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disconnect was requested during a backoff or a connect.
        }

        SetState(SessionState.Disconnected, run);
    }

    /// <summary>
    /// A connect failure no retry can mend: the venue refused the credentials (HTTP 401/403 on the
    /// handshake, or an authentication error from the REST call that fetches a token), or none are set.
    /// </summary>
    internal static bool IsCredentialRefusal(Exception e) => e switch
    {
        WebSocketHandshakeRefusedException refused => refused.IsAuthenticationFailure,
        VenueApiException api => api.Kind is VenueErrorKind.Authentication or VenueErrorKind.MissingCredentials,
        _ => false,
    };

    /// <summary>
    /// Marks stale the books this connection fed. Only those: a venue's authenticated connection shares the
    /// venue's feed but carries no book, and marking the public books stale when it drops would leave them
    /// stale for good once the public connection has already resnapshotted them (no snapshot is coming).
    /// </summary>
    private void MarkOwnBooksStale(string reason)
    {
        List<Symbol> symbols;
        lock (_gate)
        {
            symbols = [.. _subscriptions.Where(s => s.Channel.Kind == ChannelKind.Book).SelectMany(s => s.Symbols).Distinct()];
        }

        foreach (var symbol in symbols)
        {
            _feed.Books.MarkStale(symbol, reason);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var policy = _options.ReconnectPolicy;
        var baseDelay = policy.BackoffFor(attempt);
        var spread = policy.Jitter <= 0 ? 1.0 : 1.0 + (policy.Jitter * ((_options.Random.NextDouble() * 2.0) - 1.0));
        return TimeSpan.FromMilliseconds(Math.Max(0, baseDelay.TotalMilliseconds * spread));
    }

    /// <summary>Serves one open connection until it ends; returns why it ended and whether it reached Ready.</summary>
    private async Task<(string Reason, bool WasReady)> RunConnectionAsync(TaskCompletionSource run, IWebSocketConnection connection, CancellationToken stop)
    {
        using var connectionEnd = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var outbound = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
        var monitor = new ConnectionMonitor(_time);
        var wasReady = false;
        Counters.Connection();
        SetState(SessionState.Connected, run);
        if (_options.Kind == ConnectionKind.Public)
        {
            _feed.ConnectionOpened(_time.GetUtcNow());
        }

        Send(outbound.Writer, Guard(_protocol.OnConnected, "opening the connection"));
        if (_options.Kind == ConnectionKind.Private)
        {
            SetState(SessionState.Authenticated, run);
        }

        bool subscribing;
        lock (_gate)
        {
            _connection++;
            // Strategy (c): every connection numbers its messages afresh.
            _lastConnectionSequence = null;
            Volatile.Write(ref _outbound, outbound.Writer);
            subscribing = _subscriptions.Count > 0;
            foreach (var subscription in _subscriptions)
            {
                Send(outbound.Writer, Encode(subscription, subscribe: true));
            }

            Volatile.Write(ref _awaitingReady, subscribing ? run : null);
        }

        SetState(subscribing ? SessionState.Subscribing : SessionState.Ready, run);
        var sender = SendLoopAsync(connection, outbound.Reader, monitor, connectionEnd);
        var watchdog = WatchdogAsync(monitor, connectionEnd);
        var acknowledged = AwaitReadyAsync(run, monitor, connectionEnd);
        var pinger = PingLoopAsync(outbound.Writer, connectionEnd.Token);
        var lifetime = LifetimeAsync(monitor, connectionEnd);
        string? failure = null;
        try
        {
            await foreach (var frame in connection.ReceiveAsync(connectionEnd.Token).ConfigureAwait(false))
            {
                monitor.Touch();
                _sink.Process(frame.Payload.Span, frame.ReceivedAt);
                wasReady |= Volatile.Read(ref _awaitingReady) is null;
            }
        }
        catch (OperationCanceledException) when (connectionEnd.IsCancellationRequested)
        {
            // The watchdog, a failed send or a disconnect ended the connection.
        }
        catch (WebSocketException e)
        {
            failure = e.Message;
        }

        lock (_gate)
        {
            Volatile.Write(ref _outbound, null);
            Interlocked.CompareExchange(ref _awaitingReady, null, run);
        }

        outbound.Writer.TryComplete();
        var reason = monitor.Reason ?? failure ?? (connection as IConnectionDiagnostics)?.CloseReason ?? "the venue closed the connection";
        await connectionEnd.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(sender, watchdog, acknowledged, pinger, lifetime).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await CloseAsync(connection, stop.IsCancellationRequested).ConfigureAwait(false);
        return (reason, wasReady);
    }

    private async Task CloseAsync(IWebSocketConnection connection, bool clean)
    {
        if (clean && connection.IsOpen)
        {
            using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
            try
            {
                await connection.CloseAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
            {
                LogCloseFailed(_logger, Connection, e.Message);
            }
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the connection's outbound messages in order, within the protocol's <see cref="IMarketDataProtocol.MaxMessagesPerSecond"/>
    /// when it declares one (a message that would go over waits for the window, counted as paced).
    /// </summary>
    private async Task SendLoopAsync(IWebSocketConnection connection, ChannelReader<ReadOnlyMemory<byte>> outbound, ConnectionMonitor monitor, CancellationTokenSource connectionEnd)
    {
        var pacer = _protocol.MaxMessagesPerSecond is { } limit and > 0 ? new MessagePacer(limit, _time) : null;
        await foreach (var message in outbound.ReadAllAsync(connectionEnd.Token).ConfigureAwait(false))
        {
            if (pacer is not null)
            {
                var delayed = pacer.Delayed;
                await pacer.PaceAsync(connectionEnd.Token).ConfigureAwait(false);
                if (pacer.Delayed != delayed)
                {
                    Counters.Paced();
                }
            }

            try
            {
                await connection.SendAsync(message, connectionEnd.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or InvalidOperationException)
            {
                Counters.SendFailure();
                monitor.Fail($"send failed: {e.Message}");
                await connectionEnd.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>
    /// Ends a connection whose subscriptions were sent but got neither an acknowledgement nor data within
    /// <see cref="SessionOptions.SubscribeTimeout"/> (a subscribe that never left, or one the venue ignored):
    /// waiting for it forever would leave the session Subscribing with no data and no event.
    /// </summary>
    private async Task AwaitReadyAsync(TaskCompletionSource run, ConnectionMonitor monitor, CancellationTokenSource connectionEnd)
    {
        var timeout = _options.SubscribeTimeout;
        if (timeout <= TimeSpan.Zero || Volatile.Read(ref _awaitingReady) != run)
        {
            return;
        }

        await Task.Delay(timeout, _time, connectionEnd.Token).ConfigureAwait(false);
        if (Volatile.Read(ref _awaitingReady) == run)
        {
            Counters.SubscribeTimeout();
            monitor.Fail($"subscribe: no acknowledgement and no data within {timeout.TotalMilliseconds:0} ms");
            LogSubscribeTimeout(_logger, Connection, timeout.TotalMilliseconds);
            await connectionEnd.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ends a connection that delivered no frame at all for the policy's watchdog timeout.</summary>
    private async Task WatchdogAsync(ConnectionMonitor monitor, CancellationTokenSource connectionEnd)
    {
        var timeout = _options.ReconnectPolicy.WatchdogTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        while (!connectionEnd.IsCancellationRequested)
        {
            var silence = monitor.Silence;
            if (silence >= timeout)
            {
                Counters.WatchdogTrip();
                monitor.Fail($"watchdog: no frame for {silence.TotalMilliseconds:0} ms (limit {timeout.TotalMilliseconds:0} ms)");
                LogWatchdog(_logger, Connection, silence.TotalMilliseconds);
                await connectionEnd.CancelAsync().ConfigureAwait(false);
                return;
            }

            await Task.Delay(timeout - silence, _time, connectionEnd.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Ends a connection at the protocol's <see cref="IMarketDataProtocol.MaxConnectionLifetime"/> (a planned reconnect).</summary>
    private async Task LifetimeAsync(ConnectionMonitor monitor, CancellationTokenSource connectionEnd)
    {
        if (_protocol.MaxConnectionLifetime is not { } lifetime || lifetime <= TimeSpan.Zero)
        {
            return;
        }

        await Task.Delay(lifetime, _time, connectionEnd.Token).ConfigureAwait(false);
        monitor.Fail($"planned reconnect: the connection reached its lifetime of {lifetime}");
        await connectionEnd.CancelAsync().ConfigureAwait(false);
    }

    private async Task PingLoopAsync(ChannelWriter<ReadOnlyMemory<byte>> outbound, CancellationToken connectionEnd)
    {
        if (_protocol.PingInterval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!connectionEnd.IsCancellationRequested)
        {
            await Task.Delay(interval, _time, connectionEnd).ConfigureAwait(false);
            var ping = _protocol.EncodePing();
            if (!ping.IsEmpty)
            {
                outbound.TryWrite(ping);
            }
        }
    }
}
