using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Gemini.V2;

/// <summary>Market data v2 feed names and the candle intervals Gemini documents.</summary>
internal static class V2Feeds
{
    public const string L2 = "l2";

    public static readonly (string Name, TimeSpan Interval)[] Candles =
    [
        ("candles_1m", TimeSpan.FromMinutes(1)),
        ("candles_5m", TimeSpan.FromMinutes(5)),
        ("candles_15m", TimeSpan.FromMinutes(15)),
        ("candles_30m", TimeSpan.FromMinutes(30)),
        ("candles_1h", TimeSpan.FromHours(1)),
        ("candles_6h", TimeSpan.FromHours(6)),
        ("candles_1d", TimeSpan.FromDays(1)),
    ];

    /// <summary>The feed name for a candle interval, or null when Gemini has none.</summary>
    public static string? CandleFeed(TimeSpan interval)
    {
        foreach (var (name, value) in Candles)
        {
            if (value == interval)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The interval of a <c>candles_*_updates</c> message type, or null.</summary>
    public static TimeSpan? CandleInterval(ReadOnlySpan<byte> type)
    {
        if (!type.EndsWith("_updates"u8))
        {
            return null;
        }

        var feed = type[..^"_updates".Length];
        foreach (var (name, value) in Candles)
        {
            if (Same(feed, name))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Every candle interval Gemini documents (the venue's declared offer).</summary>
    public static IReadOnlyList<TimeSpan> CandleIntervals { get; } = [.. Candles.Select(c => c.Interval)];

    public static string Supported => string.Join(", ", Candles.Select(c => Intervals.Format(c.Interval)));

    private static bool Same(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (bytes[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }
}
