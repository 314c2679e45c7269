using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>Kraken v2 channel names, book depths and candle intervals.</summary>
internal static class KrakenChannels
{
    public static IReadOnlyList<int> BookDepths { get; } = [10, 25, 100, 500, 1000];

    public static IReadOnlyList<int> OhlcMinutes { get; } = [1, 5, 15, 30, 60, 240, 1440, 10080, 21600];

    public const int DefaultBookDepth = 10;

    public static string Name(MarketChannel channel) => channel.Kind switch
    {
        ChannelKind.Ticker => "ticker",
        ChannelKind.Trades => "trade",
        ChannelKind.Ohlc => "ohlc",
        ChannelKind.Book => "book",
        ChannelKind.Ledger => "balances",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Kraken has no such channel."),
    };

    /// <summary>The problem with a channel's parameters, or null.</summary>
    public static string? Check(MarketChannel channel) => channel switch
    {
        { Kind: ChannelKind.Book, Depth: { } d } when !BookDepths.Contains(d) =>
            $"Kraken book depth {d} is not supported: use one of {string.Join(", ", BookDepths)}",
        { Kind: ChannelKind.Ohlc } o when !IsInterval(o.Interval) =>
            $"Kraken ohlc interval {Intervals.Format(o.Interval)} is not supported: use one of {string.Join(", ", OhlcMinutes)} minutes (1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d)",
        _ => null,
    };

    public static bool IsInterval(TimeSpan interval) =>
        interval.Ticks % TimeSpan.TicksPerMinute == 0 && OhlcMinutes.Contains((int)(interval.Ticks / TimeSpan.TicksPerMinute));

    public static MarketChannel? FromAck(string channel, int? depth, int? interval) => channel switch
    {
        "ticker" => MarketChannel.Ticker,
        "trade" => MarketChannel.Trades,
        "book" => MarketChannel.Book(depth ?? DefaultBookDepth),
        "ohlc" when interval is { } i => MarketChannel.Ohlc(TimeSpan.FromMinutes(i)),
        "balances" => MarketChannel.Ledger,
        _ => null,
    };
}
