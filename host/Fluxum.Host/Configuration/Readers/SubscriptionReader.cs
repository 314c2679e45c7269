using Fluxum.Host.Configuration.Yaml;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Configuration.Readers;

/// <summary>
/// Reads a venue's <c>subscriptions</c>: a list of <c>{symbols: [...], channels: [...]}</c>. A channel is
/// <c>ticker</c>, <c>trades</c>, <c>book</c> (full depth) or a mapping
/// <c>{channel: book, depth: 10}</c> / <c>{channel: ohlc, interval: 1m}</c>.
/// </summary>
internal static class SubscriptionReader
{
    private const string ChannelNames = "ticker, trades, ohlc, book";

    /// <summary>Symbols one subscription may list: a venue session subscribes to each, so more is a mistake, not a deployment.</summary>
    public const int MaxSymbols = 10_000;

    /// <param name="node">The <c>subscriptions</c> node.</param>
    /// <param name="path">Its key path.</param>
    /// <param name="d">Where errors go.</param>
    /// <param name="symbolPaths">Gets each symbol read with its key path, for checks that name the exact entry.</param>
    public static IReadOnlyList<Subscription> Read(YamlNode? node, string path, ConfigDiagnostics d, List<(Symbol Symbol, string Path)>? symbolPaths = null)
    {
        var result = new List<Subscription>();
        var items = ConfigValues.List(node, path, d, "{symbols, channels}");
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = ConfigPath.Item(path, i);
            var map = ConfigMap.From(items[i], itemPath, d, "symbols", "channels");
            if (map is null)
            {
                if (items[i] is YamlScalar { IsNull: true })
                {
                    d.Error(items[i], itemPath, "empty subscription; expected {symbols: [...], channels: [...]}");
                }

                continue;
            }

            var symbols = ReadSymbols(map.Require("symbols", "a list of symbols like BTC/USD"), map.PathOf("symbols"), d, symbolPaths);
            var channels = ReadChannels(map.Require("channels", $"a list of channels: {ChannelNames}"), map.PathOf("channels"), d);
            map.Finish();
            if (symbols.Count > 0)
            {
                result.AddRange(channels.Select(c => new Subscription(c, symbols)));
            }
        }

        return result;
    }

    /// <summary>A non-empty list of symbols without duplicates.</summary>
    public static IReadOnlyList<Symbol> ReadSymbols(YamlNode? node, string path, ConfigDiagnostics d, List<(Symbol Symbol, string Path)>? symbolPaths = null)
    {
        var symbols = new List<Symbol>();
        var seen = new HashSet<Symbol>();
        var items = ConfigValues.List(node, path, d, "symbols like BTC/USD");
        if (node is YamlSequence && items.Count == 0)
        {
            d.Error(node, path, "the list is empty; expected at least one symbol like BTC/USD");
        }

        if (items.Count > MaxSymbols)
        {
            d.Error(node!, path, $"{items.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} symbols in one subscription; at most {MaxSymbols.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} are allowed");
            return symbols;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = ConfigPath.Item(path, i);
            if (ConfigValues.Symbol(items[i], itemPath, d) is not { } symbol)
            {
                continue;
            }

            if (!seen.Add(symbol))
            {
                d.Error(items[i], itemPath, $"{symbol} is listed twice");
                continue;
            }

            symbols.Add(symbol);
            d.Locate(itemPath, items[i]);
            symbolPaths?.Add((symbol, itemPath));
        }

        return symbols;
    }

    private static List<MarketChannel> ReadChannels(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var channels = new List<MarketChannel>();
        var items = ConfigValues.List(node, path, d, ChannelNames);
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = ConfigPath.Item(path, i);
            var channel = items[i] is YamlMapping ? ReadChannelMapping(items[i], itemPath, d) : ReadChannelName(items[i], itemPath, d);
            if (channel is null)
            {
                continue;
            }

            if (channels.Contains(channel))
            {
                d.Error(items[i], itemPath, $"channel {channel} is listed twice");
                continue;
            }

            channels.Add(channel);
        }

        return channels;
    }

    private static MarketChannel? ReadChannelName(YamlNode node, string path, ConfigDiagnostics d)
    {
        var name = ConfigValues.String(node, path, d);
        switch (name?.ToLowerInvariant())
        {
            case null:
                return null;
            case "ticker":
                return MarketChannel.Ticker;
            case "trades":
                return MarketChannel.Trades;
            case "book":
                return MarketChannel.Book(null);
            case "ohlc":
                d.Error(node, path, "ohlc needs an interval; write { channel: ohlc, interval: 1m }");
                return null;
            default:
                d.Error(node, path, $"unknown channel {ConfigText.Quote(name)}; expected one of {ChannelNames}");
                return null;
        }
    }

    private static MarketChannel? ReadChannelMapping(YamlNode node, string path, ConfigDiagnostics d)
    {
        var map = ConfigMap.From(node, path, d, "channel", "depth", "interval");
        if (map is null)
        {
            return null;
        }

        var nameNode = map.Require("channel", ChannelNames);
        var name = ConfigValues.String(nameNode, map.PathOf("channel"), d)?.ToLowerInvariant();
        var depthNode = map.Get("depth");
        var intervalNode = map.Get("interval");
        map.Finish();
        MarketChannel? channel = null;
        switch (name)
        {
            case null:
                break;
            case "ticker":
                channel = MarketChannel.Ticker;
                break;
            case "trades":
                channel = MarketChannel.Trades;
                break;
            case "book":
                var depth = ConfigValues.Int(depthNode, map.PathOf("depth"), d, min: 1, max: 10_000);
                channel = depthNode is not null && depth is null ? null : MarketChannel.Book(depth);
                break;
            case "ohlc":
                var interval = ConfigValues.Duration(map.Require("interval", "a candle interval like 1m, 5m, 1h"), map.PathOf("interval"), d);
                channel = interval is { } iv ? MarketChannel.Ohlc(iv) : null;
                break;
            default:
                d.Error(nameNode!, map.PathOf("channel"), $"unknown channel {ConfigText.Quote(name)}; expected one of {ChannelNames}");
                return null;
        }

        if (depthNode is not null && name is not "book")
        {
            d.Error(depthNode, map.PathOf("depth"), $"depth applies to the book channel only, not {name}");
        }

        if (intervalNode is not null && name is not "ohlc")
        {
            d.Error(intervalNode, map.PathOf("interval"), $"interval applies to the ohlc channel only, not {name}");
        }

        return channel;
    }
}
