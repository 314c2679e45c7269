using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Gemini.Fast;

/// <summary>Stream names of the new WebSocket API.</summary>
internal static class WsStreams
{
    public const string Balances = "balances@account";

    public const string Orders = "orders@account";

    public static string For(ChannelKind kind, string lowerSymbol) => kind switch
    {
        ChannelKind.Book => lowerSymbol + "@depth@100ms",
        ChannelKind.Trades => lowerSymbol + "@trade",
        ChannelKind.Ticker => lowerSymbol + "@bookTicker",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no stream on the new gemini API"),
    };
}
