using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Kraken.Rest;

/// <summary>
/// Kraken's documented client limits. REST (docs.kraken.com, "Spot REST Rate Limits"): every API key has a call
/// counter that each private call raises (ledger and trade-history calls by 2, the others by 1; AddOrder and
/// CancelOrder sit on the trading engine's own limiter instead) and that decays by tier (<see cref="KrakenTier"/>,
/// the venue's <c>tier</c> setting; Starter when not set). WebSocket: new connections per IP address, at most
/// <see cref="ConnectionsPerWindow"/> in a rolling <see cref="ConnectionWindow"/>: a figure attributed to Kraken's
/// support pages for the limit its Cloudflare front applies to connection attempts, which the Kraken documentation
/// searched when it was added did not confirm (the API reference states no connection limit); correct it here.
/// The simulator enforces the same numbers. Public REST endpoints are limited per IP address with no published
/// figure: not declared.
/// </summary>
internal static class KrakenRateLimits
{
    /// <summary>New WebSocket connections allowed in one <see cref="ConnectionWindow"/>, per IP address.</summary>
    public const int ConnectionsPerWindow = 150;

    /// <summary>The rolling window of <see cref="ConnectionsPerWindow"/>.</summary>
    public static TimeSpan ConnectionWindow { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The private call counter of <paramref name="venue"/>'s API key at <paramref name="tier"/>.</summary>
    public static RestRateLimit Private(string venue, KrakenTier tier) => new(venue, "private", tier.Capacity, tier.DecayPerSecond);

    /// <summary>
    /// The WebSocket connection limit of <paramref name="venue"/>: one window for its public and authenticated
    /// endpoints both (Kraken counts per IP address).
    /// </summary>
    public static ConnectionRateLimit Connections(string venue) => new(venue, "websocket", ConnectionsPerWindow, ConnectionWindow);

    /// <summary>What <paramref name="method"/> adds to the counter: 2 for ledger and trade-history calls, 0 for the order calls (another limiter), else 1.</summary>
    public static int Cost(string method) => method switch
    {
        "Ledgers" or "QueryLedgers" or "TradesHistory" or "QueryTrades" => 2,
        "AddOrder" or "AddOrderBatch" or "CancelOrder" or "EditOrder" or "AmendOrder" => 0,
        _ => 1,
    };
}
