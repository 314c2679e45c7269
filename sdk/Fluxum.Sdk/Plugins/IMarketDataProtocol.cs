using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Transport;

namespace Fluxum.Sdk.Plugins;

/// <summary>
/// A venue's wire protocol for one connection: where to connect, how to ask for data, and how to turn
/// frames into normalized events. It never touches a socket: the host sends what it encodes and feeds
/// it every frame received. An instance serves one connection and may keep per-connection state
/// (which symbols have had their first book message, the last sequence number, ...).
/// </summary>
public interface IMarketDataProtocol
{
    /// <summary>How often the host sends <see cref="EncodePing"/> when nothing else is sent; null for never.</summary>
    TimeSpan? PingInterval { get; }

    /// <summary>
    /// The longest a connection may stay open before the host closes it and reconnects (a planned reconnect, e.g. ahead
    /// of a venue that drops every connection after 24 hours); null for no limit.
    /// </summary>
    TimeSpan? MaxConnectionLifetime => null;

    /// <summary>
    /// The most messages the host may send on one connection in any one second (subscribes, unsubscribes, resyncs,
    /// pings), for a venue that disconnects a client going over its limit (Binance: 5 incoming messages a second);
    /// null for no limit. The host holds back what would go over and sends it as the second allows
    /// (<see cref="Transport.MessagePacer"/>). A venue that counts control frames too declares less than its limit.
    /// </summary>
    int? MaxMessagesPerSecond => null;

    /// <summary>Resolves the endpoint (may call REST, e.g. to fetch a WebSocket token).</summary>
    ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Called when a new connection opened: reset per-connection state, return messages to send first.</summary>
    IReadOnlyList<ReadOnlyMemory<byte>> OnConnected();

    /// <summary>
    /// Checks a subscription before it is sent, for what the venue's declared capabilities cannot say (the host has
    /// already checked the channel, its depth or interval and the symbol count against <see cref="IVenueAdapter.Capabilities"/>):
    /// e.g. a symbol the venue does not list. Returns the problem, or null when it is fine.
    /// </summary>
    string? Validate(Subscription subscription) => null;

    /// <summary>Encodes the messages that subscribe <paramref name="subscription"/>.</summary>
    IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription);

    /// <summary>Encodes the messages that unsubscribe <paramref name="subscription"/>.</summary>
    IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription);

    /// <summary>
    /// Encodes a resync of one symbol's book. The default unsubscribes and subscribes again; a venue with
    /// a cheaper way (a REST snapshot) overrides it.
    /// </summary>
    IReadOnlyList<ReadOnlyMemory<byte>> EncodeResync(Symbol symbol, MarketChannel bookChannel) =>
        [.. EncodeUnsubscribe(new Subscription(bookChannel, symbol)), .. EncodeSubscribe(new Subscription(bookChannel, symbol))];

    /// <summary>A keep-alive message, or empty when the venue needs none.</summary>
    ReadOnlyMemory<byte> EncodePing() => ReadOnlyMemory<byte>.Empty;

    /// <summary>
    /// Decodes one frame into what <paramref name="sink"/> collects, and returns. The sink only collects: the host
    /// applies book frames (running the venue's checks) and publishes events after this returns, so decoding never
    /// re-enters the host. A malformed frame is reported through <see cref="IFrameSink.Malformed"/>, not thrown.
    /// Must not keep <paramref name="frame"/> or <paramref name="sink"/>.
    /// </summary>
    void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink);
}
