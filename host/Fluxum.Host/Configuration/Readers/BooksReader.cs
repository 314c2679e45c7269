using Fluxum.Host.Configuration.Yaml;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Configuration.Readers;

/// <summary>
/// Reads <c>books</c>: a list of <c>{venues: [..] | venue: x, symbols: [..], depth?}</c>, flattened to one
/// <see cref="BookConfig"/> per venue and symbol. Each must name a configured venue that subscribes the
/// book channel for that symbol.
/// </summary>
internal static class BooksReader
{
    public static IReadOnlyList<BookConfig> Read(YamlNode? node, string path, IReadOnlyList<VenueConfig> venues, ConfigDiagnostics d)
    {
        var books = new List<BookConfig>();
        var items = ConfigValues.List(node, path, d, "{venues, symbols, depth}");
        for (var i = 0; i < items.Count; i++)
        {
            var map = ConfigMap.From(items[i], ConfigPath.Item(path, i), d, "venue", "venues", "symbols", "depth");
            if (map is null)
            {
                continue;
            }

            var venueNames = ReadVenueNames(map, d);
            var symbols = SubscriptionReader.ReadSymbols(map.Require("symbols", "a list of symbols like BTC/USD"), map.PathOf("symbols"), d);
            var depth = ConfigValues.Int(map.Get("depth"), map.PathOf("depth"), d, 1, 10_000);
            map.Finish();
            foreach (var (venueName, venueNode, venuePath) in venueNames)
            {
                var venue = venues.FirstOrDefault(v => string.Equals(v.Name, venueName, StringComparison.Ordinal));
                if (venue is null)
                {
                    d.Error(venueNode, venuePath, $"unknown venue {ConfigText.Quote(venueName)}; configured venues: {string.Join(", ", venues.Select(v => v.Name))}");
                    continue;
                }

                foreach (var symbol in symbols)
                {
                    var sub = venue.Subscriptions.FirstOrDefault(s => s.Channel.Kind == ChannelKind.Book && s.Symbols.Contains(symbol));
                    if (sub is null)
                    {
                        d.Error(map.Node, map.PathOf("symbols"), $"venue {venue.Name} does not subscribe the book channel for {symbol}; add it to venues.{venue.Name}.subscriptions");
                    }
                    else if (depth is { } want && sub.Channel is { Kind: ChannelKind.Book, Depth: { } have } && want > have)
                    {
                        d.Error(map.Get("depth")!, map.PathOf("depth"), $"depth {want} is deeper than venue {venue.Name} subscribes for {symbol} ({have})");
                    }
                    else
                    {
                        books.Add(new BookConfig(venue.Name, symbol, depth ?? sub.Channel.Depth));
                    }
                }
            }
        }

        return books;
    }

    private static List<(string Name, YamlNode Node, string Path)> ReadVenueNames(ConfigMap map, ConfigDiagnostics d)
    {
        var names = new List<(string, YamlNode, string)>();
        var single = map.Get("venue");
        var many = map.Get("venues");
        if (single is not null && many is not null)
        {
            d.Error(many, map.PathOf("venues"), "give either venue or venues, not both");
        }

        if (single is not null && ConfigValues.String(single, map.PathOf("venue"), d) is { } one)
        {
            names.Add((one, single, map.PathOf("venue")));
        }

        var items = ConfigValues.List(many, map.PathOf("venues"), d, "venue names");
        for (var i = 0; i < items.Count; i++)
        {
            if (ConfigValues.String(items[i], ConfigPath.Item(map.PathOf("venues"), i), d) is { } name)
            {
                names.Add((name, items[i], ConfigPath.Item(map.PathOf("venues"), i)));
            }
        }

        if (single is null && many is null)
        {
            d.Error(map.Node, map.Path, "missing required key 'venues' (the venues that keep these books)");
        }

        return names;
    }
}
