using System.Text.Json;
using Fluxum.Host.Publishing;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Relay;

/// <summary>Reads a published payload back (schema <see cref="WireWriter.SchemaVersion"/>); events take <c>venue</c> as their venue.</summary>
internal static class WireReader
{
    /// <summary>Parses <paramref name="payload"/>.</summary>
    /// <exception cref="WireFormatException">Not JSON, another schema version, or a field missing or of the wrong type.</exception>
    public static WireMessage Read(ReadOnlyMemory<byte> payload, string venue)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            throw new WireFormatException($"not JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new WireFormatException("expected a JSON object");
            }

            var version = Number(root, "v");
            if (version != WireWriter.SchemaVersion)
            {
                throw new WireFormatException($"schema version {version}; this fluxum reads version {WireWriter.SchemaVersion}");
            }

            var kind = Text(root, "type") switch
            {
                "trade" => WireKind.Trade,
                "ticker" => WireKind.Ticker,
                "ohlc" => WireKind.Ohlc,
                "quality" => WireKind.Quality,
                "book" => WireKind.Book,
                "snapshot" => WireKind.Snapshot,
                var other => throw new WireFormatException($"unknown type '{other}'"),
            };
            Symbol? symbol = root.TryGetProperty("symbol", out var s) && s.ValueKind == JsonValueKind.String
                ? (Symbol.TryParse(s.GetString(), out var parsed) ? parsed : throw new WireFormatException($"'symbol' {s.GetString()} is not BASE/QUOTE"))
                : null;
            var receivedAt = Time(root, "receivedAt") ?? throw new WireFormatException("missing 'receivedAt'");
            var exchangeTime = Time(root, "exchangeTime");
            if (kind is not WireKind.Quality && symbol is null)
            {
                throw new WireFormatException($"a {Text(root, "type")} message without 'symbol'");
            }

            return kind switch
            {
                WireKind.Book => new WireMessage
                {
                    Kind = kind, Venue = venue, Symbol = symbol, ReceivedAt = receivedAt, ExchangeTime = exchangeTime,
                    Sequence = Number(root, "seq"), Changes = Changes(root),
                },
                WireKind.Snapshot => new WireMessage
                {
                    Kind = kind, Venue = venue, Symbol = symbol, ReceivedAt = receivedAt, ExchangeTime = exchangeTime,
                    Sequence = Number(root, "seq"),
                    Changes = [.. Levels(root, "bids", BookSide.Bid), .. Levels(root, "asks", BookSide.Ask)],
                    Depth = root.TryGetProperty("depth", out var depth) ? depth.GetInt32() : null,
                    Stale = root.TryGetProperty("stale", out var stale) && stale.ValueKind == JsonValueKind.True,
                    Unverified = root.TryGetProperty("unverified", out var why) ? why.GetString() : null,
                },
                _ => new WireMessage
                {
                    Kind = kind, Venue = venue, Symbol = symbol, ReceivedAt = receivedAt, ExchangeTime = exchangeTime,
                    Event = Event(kind, root, venue, symbol, receivedAt, exchangeTime),
                },
            };
        }
    }

    private static MarketEvent Event(WireKind kind, JsonElement root, string venue, Symbol? symbol, DateTimeOffset receivedAt, DateTimeOffset? exchangeTime) => kind switch
    {
        WireKind.Trade => new Trade
        {
            Venue = venue, Symbol = symbol!.Value, ReceivedAt = receivedAt, ExchangeTime = exchangeTime,
            Price = Decimal(root, "price"), Size = Decimal(root, "size"),
            TakerSide = Text(root, "side") switch { "buy" => Side.Buy, "sell" => Side.Sell, var x => throw new WireFormatException($"'side' {x} is not buy or sell") },
            TradeId = root.TryGetProperty("tradeId", out var id) ? id.GetString() : null,
        },
        WireKind.Ticker => new Ticker
        {
            Venue = venue, Symbol = symbol!.Value, ReceivedAt = receivedAt, ExchangeTime = exchangeTime,
            Bid = Decimal(root, "bid"), BidSize = Decimal(root, "bidSize"), Ask = Decimal(root, "ask"), AskSize = Decimal(root, "askSize"),
            Last = OptionalDecimal(root, "last"), LastSize = OptionalDecimal(root, "lastSize"),
            Extras = new TickerExtras
            {
                Volume24h = OptionalDecimal(root, "volume24h"), Vwap24h = OptionalDecimal(root, "vwap24h"),
                High24h = OptionalDecimal(root, "high24h"), Low24h = OptionalDecimal(root, "low24h"),
                Open24h = OptionalDecimal(root, "open24h"), Change24h = OptionalDecimal(root, "change24h"),
                ChangePercent24h = OptionalDecimal(root, "changePercent24h"),
                TradeCount24h = root.TryGetProperty("tradeCount24h", out var count) ? count.GetInt64() : null,
            },
        },
        WireKind.Ohlc => new Ohlc
        {
            Venue = venue, Symbol = symbol!.Value, ReceivedAt = receivedAt, ExchangeTime = exchangeTime,
            Interval = TimeSpan.FromSeconds(Number(root, "intervalSeconds")),
            Start = Time(root, "start") ?? throw new WireFormatException("missing 'start'"),
            Open = Decimal(root, "open"), High = Decimal(root, "high"), Low = Decimal(root, "low"), Close = Decimal(root, "close"),
            Volume = Decimal(root, "volume"), Vwap = OptionalDecimal(root, "vwap"),
            TradeCount = root.TryGetProperty("tradeCount", out var trades) ? trades.GetInt64() : null,
            IsClosed = root.TryGetProperty("closed", out var closed) && closed.ValueKind == JsonValueKind.True,
        },
        _ => new DataQualityEvent
        {
            Venue = venue, Symbol = symbol, ReceivedAt = receivedAt, ExchangeTime = exchangeTime,
            Kind = Enum.TryParse<DataQualityKind>(Text(root, "kind"), out var k) ? k : throw new WireFormatException($"'kind' {Text(root, "kind")} is not a data-quality kind"),
            Detail = Text(root, "detail"),
        },
    };

    private static LevelChange[] Changes(JsonElement root)
    {
        var changes = Array(root, "changes");
        var result = new LevelChange[changes.GetArrayLength()];
        var i = 0;
        foreach (var item in changes.EnumerateArray())
        {
            var side = item[0].GetString() switch { "b" => BookSide.Bid, "a" => BookSide.Ask, var x => throw new WireFormatException($"'changes[{i}]' side {x} is not b or a") };
            result[i++] = Level(item, 1, side, "changes");
        }

        return result;
    }

    private static IEnumerable<LevelChange> Levels(JsonElement root, string name, BookSide side)
    {
        var levels = Array(root, name);
        var result = new List<LevelChange>(levels.GetArrayLength());
        foreach (var item in levels.EnumerateArray())
        {
            result.Add(Level(item, 0, side, name));
        }

        return result;
    }

    private static LevelChange Level(JsonElement item, int at, BookSide side, string name)
    {
        if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() < at + 2)
        {
            throw new WireFormatException($"'{name}' holds a level that is not [price, size]");
        }

        int? orders = item.GetArrayLength() > at + 2 ? item[at + 2].GetInt32() : null;
        return new LevelChange(side, item[at].GetDecimal(), item[at + 1].GetDecimal(), orders);
    }

    private static JsonElement Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : throw new WireFormatException($"missing array '{name}'");

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new WireFormatException($"missing text '{name}'");

    private static long Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : throw new WireFormatException($"missing whole number '{name}'");

    private static decimal Decimal(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : throw new WireFormatException($"missing number '{name}'");

    private static decimal? OptionalDecimal(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var t) ? t : null;
}
