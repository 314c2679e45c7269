using Fluxum.Plugins.Kraken.Books;
using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Plugins.Kraken.Symbols;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>
/// Kraken WebSocket v2 for one connection. Public: ticker, trade, ohlc, book (checksummed) and, sent
/// first on every connect, the instrument channel that gives the precisions the book checksum needs.
/// Private: the balances channel (ledger stream) with a token fetched from REST GetWebSocketsToken when
/// the endpoint is resolved.
/// </summary>
internal sealed class KrakenProtocol : IMarketDataProtocol
{
    private readonly VenueContext _context;
    private readonly ConnectionKind _kind;
    private readonly KrakenRestClient? _rest;
    private readonly RequestTracker<RequestInfo> _requests = new();
    private readonly KrakenDecoder _decoder;
    private readonly AssetPairsLoader? _pairs;
    private string? _token;

    /// <param name="context">The venue.</param>
    /// <param name="kind">Public or private connection.</param>
    /// <param name="rest">REST, for the private connection's token.</param>
    /// <param name="instruments">
    /// The venue's precisions, shared by all its connections: the host's book manager keeps the checksum
    /// of the first connection's rules across reconnects, so that checksum must see every connection's
    /// instrument data.
    /// </param>
    /// <param name="checksum">The venue's shared checksum over <paramref name="instruments"/>.</param>
    /// <param name="pairs">REST AssetPairs, loaded into <paramref name="instruments"/> before the public connection (live and simulated mode).</param>
    public KrakenProtocol(VenueContext context, ConnectionKind kind, KrakenRestClient? rest, InstrumentTable? instruments = null, KrakenChecksum? checksum = null, AssetPairsLoader? pairs = null)
    {
        _context = context;
        _pairs = pairs;
        _kind = kind;
        _rest = rest;
        Instruments = instruments ?? new InstrumentTable();
        Checksum = checksum ?? new KrakenChecksum(Instruments);
        _decoder = new KrakenDecoder(context.Venue, Instruments, _requests);
    }

    /// <summary>The checksum this connection's books are checked with (the venue's, see <see cref="KrakenVenue"/>).</summary>
    public KrakenChecksum Checksum { get; }

    /// <summary>The precisions this connection's books are checked with.</summary>
    public InstrumentTable Instruments { get; }

    /// <inheritdoc />
    public TimeSpan? PingInterval => TimeSpan.FromSeconds(30);

    /// <summary>This connection's decoder (test observability: held frames).</summary>
    internal KrakenDecoder Decoder => _decoder;

    public async ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default)
    {
        if (_kind == ConnectionKind.Public)
        {
            if (_pairs is not null)
            {
                await _pairs.LoadAsync(cancellationToken);
            }

            return new WebSocketEndpoint(_context.Endpoint(KrakenEndpoints.WebSocket, KrakenEndpoints.DefaultWebSocket)) { ConnectionLimit = KrakenRateLimits.Connections(_context.Venue) };
        }

        if (_rest is null)
        {
            throw new VenueApiException(_context.Venue, VenueErrorKind.MissingCredentials, "the Kraken ledger stream needs API credentials (for GetWebSocketsToken)");
        }

        // A fresh token per connection: Kraken's tokens must be used within 15 minutes.
        var result = await _rest.PrivateAsync("GetWebSocketsToken", cancellationToken: cancellationToken);
        _token = result.TryGetProperty("token", out var token) ? token.GetString() : null;
        if (string.IsNullOrEmpty(_token))
        {
            throw new VenueApiException(_context.Venue, VenueErrorKind.Other, "GetWebSocketsToken returned no token");
        }

        return new WebSocketEndpoint(_context.Endpoint(KrakenEndpoints.WebSocketAuth, KrakenEndpoints.DefaultWebSocketAuth)) { ConnectionLimit = KrakenRateLimits.Connections(_context.Venue) };
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> OnConnected()
    {
        _decoder.Reset();
        return _kind == ConnectionKind.Public
            ? [KrakenRequests.Instrument(_requests.Add(new RequestInfo("instrument", null)))]
            : [];
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) => Encode("subscribe", subscription);

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) => Encode("unsubscribe", subscription);

    public ReadOnlyMemory<byte> EncodePing() => KrakenRequests.Ping(_requests.NextId());

    public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink) => _decoder.Decode(frame, receivedAt, sink);

    private IReadOnlyList<ReadOnlyMemory<byte>> Encode(string method, Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        // The host checks subscriptions against the venue's declared capabilities first; this only guards encoding.
        if (Problem(subscription) is { } problem)
        {
            throw new ArgumentException(problem, nameof(subscription));
        }

        var channel = subscription.Channel;
        if (channel.Kind == ChannelKind.Book)
        {
            _decoder.BooksSubscribed(subscription.Symbols, method == "subscribe");
        }

        var id = _requests.Add(new RequestInfo(KrakenChannels.Name(channel), channel));
        var token = channel.Kind == ChannelKind.Ledger ? _token ?? throw new InvalidOperationException("no WebSocket token: resolve the endpoint first") : null;
        return [KrakenRequests.Subscription(method, channel, subscription.Symbols, id, token)];
    }

    private string? Problem(Subscription subscription)
    {
        var channel = subscription.Channel;
        var ledger = channel.Kind == ChannelKind.Ledger;
        if (ledger != (_kind == ConnectionKind.Private))
        {
            return $"Kraken's {_kind.ToString().ToLowerInvariant()} connection has no {channel} channel";
        }

        return !ledger && subscription.Symbols.Count == 0 ? $"Kraken {channel} needs at least one symbol" : KrakenChannels.Check(channel);
    }
}
