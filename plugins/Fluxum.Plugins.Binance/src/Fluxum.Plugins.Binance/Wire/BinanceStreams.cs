using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Binance.Wire;

/// <summary>
/// The stream names of web-socket-streams.md that each channel uses: <c>&lt;symbol&gt;@depth@100ms</c> (book diffs),
/// <c>&lt;symbol&gt;@trade</c>, <c>&lt;symbol&gt;@bookTicker</c> + <c>&lt;symbol&gt;@ticker</c> (both for the ticker channel),
/// <c>&lt;symbol&gt;@kline_&lt;interval&gt;</c>.
/// </summary>
internal static class BinanceStreams
{
    /// <summary>The documented kline intervals, as durations ("1M", a calendar month, has no fixed length and is not offered).</summary>
    public static readonly IReadOnlyList<TimeSpan> KlineIntervals =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(6),
        TimeSpan.FromHours(8), TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7),
    ];

    /// <summary>The diff-depth stream suffix (100 ms updates).</summary>
    public const string Depth = "@depth@100ms";

    /// <summary>The raw trade stream suffix.</summary>
    public const string Trade = "@trade";

    /// <summary>The best bid/ask stream suffix.</summary>
    public const string BookTicker = "@bookTicker";

    /// <summary>The 24-hour rolling ticker stream suffix.</summary>
    public const string Ticker = "@ticker";

    /// <summary>The kline stream suffix, before the interval.</summary>
    public const string Kline = "@kline_";

    /// <summary>The stream names of <paramref name="channel"/> for <paramref name="symbol"/>.</summary>
    public static IEnumerable<string> Names(MarketChannel channel, Symbol symbol)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var name = BinanceSymbols.StreamName(symbol);
        switch (channel.Kind)
        {
            case ChannelKind.Book:
                yield return name + Depth;
                break;
            case ChannelKind.Trades:
                yield return name + Trade;
                break;
            case ChannelKind.Ticker:
                yield return name + BookTicker;
                yield return name + Ticker;
                break;
            case ChannelKind.Ohlc:
                yield return name + Kline + IntervalName(channel.Interval);
                break;
            default:
                throw new NotSupportedException($"Binance market streams have no {channel} channel");
        }
    }

    /// <summary>The wire name of a kline interval (<c>1s</c>, <c>1m</c>, <c>4h</c>, <c>1d</c>, <c>1w</c>).</summary>
    public static string IntervalName(TimeSpan interval) => Intervals.Format(interval);

    /// <summary>Parses a kline interval name; false for an unknown one (including <c>1M</c>).</summary>
    public static bool TryParseInterval(ReadOnlySpan<byte> name, out TimeSpan interval)
    {
        interval = default;
        if (name.Length < 2 || name[^1] == (byte)'M')
        {
            return false;
        }

        return Intervals.TryParse(System.Text.Encoding.ASCII.GetString(name), out interval) && KlineIntervals.Contains(interval);
    }
}
