using Fluxum.Sdk.Simulation;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Binance.Simulator;

/// <summary>The stream server's connection rules: ping frames, the incoming message limit, and <c>serverShutdown</c>.</summary>
internal sealed partial class BinanceSimulator
{
    /// <summary>The combined-stream name of the <c>serverShutdown</c> event (web-socket-streams.md, "Server Shutdown").</summary>
    public const string ServerShutdownStream = "!serverShutdown";

    private static readonly Action<ILogger, int, int, Exception?> LogRateLimited = LoggerMessage.Define<int, int>(
        LogLevel.Warning, new EventId(4701, "BinanceSimRateLimited"), "Binance simulator: a connection sent {Count} messages within one second (limit {Limit}): disconnected");

    private static readonly Action<ILogger, int, Exception?> LogServerShutdown = LoggerMessage.Define<int>(
        LogLevel.Information, new EventId(4702, "BinanceSimServerShutdown"), "Binance simulator: serverShutdown sent to {Count} connection(s), closing them");

    private static readonly Action<ILogger, string, int, TimeSpan, Exception?> LogConnectionRefused = LoggerMessage.Define<string, int, TimeSpan>(
        LogLevel.Information, new EventId(4703, "BinanceSimConnectionRefused"), "Binance simulator: WebSocket upgrade to {Path} refused with HTTP 429 ({Connections} connections in the last {Window})");

    private RollingWindowCounter? _connectionWindow;
    private long _rateLimitDisconnects;
    private long _serverShutdowns;

    /// <summary>Ping frames every <see cref="BinanceSimulatorSettings.PingInterval"/>, a peer silent past the pong timeout dropped.</summary>
    public override LoopbackKeepAlive? WebSocketKeepAlive => new(_settings.PingInterval, _settings.PongTimeout);

    /// <summary>New stream connections in the rolling window of <see cref="BinanceEndpoints.ConnectionsPerWindow"/> (on the simulator's clock).</summary>
    internal RollingWindowCounter ConnectionWindow =>
        LazyInitializer.EnsureInitialized(ref _connectionWindow, () => new RollingWindowCounter(BinanceEndpoints.ConnectionsPerWindow, BinanceEndpoints.ConnectionWindow, Options.Time));

    /// <summary>
    /// Admits an upgrade while the connection window has room. The docs give the limit but no shape for the refusal:
    /// an upgrade past it is answered HTTP 429 with a plain-text body, no WebSocket, as for REST. Refusals do not count.
    /// </summary>
    public override ValueTask<LoopbackRefusal?> InspectUpgradeAsync(Microsoft.AspNetCore.Http.HttpRequest request, CancellationToken cancellationToken)
    {
        if (ConnectionWindow.TryAdmit(out var inWindow))
        {
            return ValueTask.FromResult<LoopbackRefusal?>(null);
        }

        LogConnectionRefused(_logger, request.Path.Value ?? "/", inWindow, ConnectionWindow.Window, null);
        return ValueTask.FromResult<LoopbackRefusal?>(new LoopbackRefusal(429, "429 Too Many Requests: too many connection attempts from this address", "text/plain"));
    }

    /// <summary>Connections disconnected for sending more than the limit of messages in a second.</summary>
    public long RateLimitDisconnects => Interlocked.Read(ref _rateLimitDisconnects);

    /// <summary>Connections sent a <c>serverShutdown</c> and closed.</summary>
    public long ServerShutdowns => Interlocked.Read(ref _serverShutdowns);

    /// <summary>
    /// Counts one incoming message of <paramref name="connection"/>; false when it is one more than the limit allows
    /// within a second: the connection is then disconnected, as the docs say, once what was queued for it before
    /// (the answers to the messages within the limit) has gone out, and this message is not answered.
    /// </summary>
    private bool Admit(Connection connection)
    {
        var limit = _settings.MaxIncomingMessagesPerSecond;
        if (connection.Admit(Options.Time, limit, out var count))
        {
            return true;
        }

        Interlocked.Increment(ref _rateLimitDisconnects);
        LogRateLimited(_logger, count, limit, null);
        _connections.TryRemove(connection, out _);
        connection.Disconnect();
        return false;
    }

    /// <summary>Sends every open connection the <c>serverShutdown</c> event (wrapped on a combined stream), then closes it.</summary>
    private bool ShutDown()
    {
        var payload = Payloads.ServerShutdown(Options.Time.GetUtcNow());
        byte[]? wrapped = null;
        var count = 0;
        foreach (var connection in _connections.Keys)
        {
            if (_connections.TryRemove(connection, out _))
            {
                connection.Shutdown(connection.Combined ? wrapped ??= Payloads.Wrap(ServerShutdownStream, payload) : payload);
                count++;
            }
        }

        Interlocked.Add(ref _serverShutdowns, count);
        LogServerShutdown(_logger, count, null);
        return true;
    }
}
