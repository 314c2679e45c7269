using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Kraken.Rest;

/// <summary>
/// Kraken's documented Spot REST client limits (docs.kraken.com, "Spot REST Rate Limits"): every API key has a
/// call counter that each private call raises (ledger and trade-history calls by 2, the others by 1; AddOrder and
/// CancelOrder sit on the trading engine's own limiter instead) and that decays by tier. With no tier setting,
/// the plugin assumes the documented lowest tier, Starter: at most 15, decaying 0.33 a second. The simulator
/// enforces the same numbers. Public endpoints are limited per IP address, with no figure in that page: not declared.
/// </summary>
internal static class KrakenRateLimits
{
    /// <summary>The Starter tier's maximum counter.</summary>
    public const double StarterCapacity = 15;

    /// <summary>The Starter tier's decay, per second.</summary>
    public const double StarterDecayPerSecond = 0.33;

    /// <summary>The private call counter of <paramref name="venue"/>'s API key.</summary>
    public static RestRateLimit Private(string venue) => new(venue, "private", StarterCapacity, StarterDecayPerSecond);

    /// <summary>What <paramref name="method"/> adds to the counter: 2 for ledger and trade-history calls, 0 for the order calls (another limiter), else 1.</summary>
    public static int Cost(string method) => method switch
    {
        "Ledgers" or "QueryLedgers" or "TradesHistory" or "QueryTrades" => 2,
        "AddOrder" or "AddOrderBatch" or "CancelOrder" or "EditOrder" or "AmendOrder" => 0,
        _ => 1,
    };
}
