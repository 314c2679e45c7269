using System.Text;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Host.Tests.Sessions.Support;

/// <summary>
/// A tiny JSON venue protocol for host tests: <c>{"op":"subscribe","channel":"trades","symbol":"BTC/USD"}</c> out;
/// ack, trade, book, heartbeat frames in; <c>{"type":"boom"}</c> makes Decode throw (a plugin bug).
/// </summary>
internal sealed class JsonTestProtocol : IMarketDataProtocol
{
    public static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    public static readonly Symbol Eth = Symbol.Parse("ETH/USD");
    private readonly Uri _uri;
    private readonly string _venue;

    public JsonTestProtocol(string venue, Uri uri, TimeSpan? pingInterval = null)
    {
        _venue = venue;
        _uri = uri;
        PingInterval = pingInterval;
    }

    public IReadOnlySet<ChannelKind> SupportedChannels { get; } = new HashSet<ChannelKind> { ChannelKind.Trades, ChannelKind.Ticker, ChannelKind.Book };

    public BookRules BookRules { get; } = Rules;

    /// <summary>The book rules of the JSON test venue: no checksum, resyncs not rate-limited.</summary>
    public static BookRules Rules { get; } = new() { MinResyncInterval = TimeSpan.Zero };

    /// <summary>What the JSON test venue declares: trades, tickers and books on its public connection.</summary>
    public static VenueCapabilities Capabilities { get; } = new()
    {
        Public = [new ChannelOffer(ChannelKind.Trades), new ChannelOffer(ChannelKind.Ticker), new ChannelOffer(ChannelKind.Book)],
        BookRules = Rules,
    };

    public TimeSpan? PingInterval { get; }

    /// <summary>A planned-reconnect lifetime (settable so a test can ask for one).</summary>
    public TimeSpan? MaxConnectionLifetime { get; set; }

    /// <summary>A limit of messages per second (settable so a test can ask for one).</summary>
    public int? MaxMessagesPerSecond { get; set; }

    public int Connections { get; private set; }

    public ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new WebSocketEndpoint(_uri) { Headers = new Dictionary<string, string> { ["X-Test"] = "header-value" } });

    public IReadOnlyList<ReadOnlyMemory<byte>> OnConnected()
    {
        Connections++;
        return [];
    }

    public string? Validate(Subscription subscription)
    {
        foreach (var symbol in subscription.Symbols)
        {
            if (symbol != Btc && symbol != Eth)
            {
                return $"unknown symbol {symbol} (known: BTC/USD, ETH/USD)";
            }
        }

        return null;
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) => Encode("subscribe", subscription);

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) => Encode("unsubscribe", subscription);

    public ReadOnlyMemory<byte> EncodePing() => "{\"op\":\"ping\"}"u8.ToArray();

    public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame.ToArray());
        }
        catch (JsonException e)
        {
            sink.Malformed($"not JSON: {e.Message}", frame);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            switch (root.GetProperty("type").GetString())
            {
                case "ack":
                    sink.Publish(new SubscriptionAck
                    {
                        Venue = _venue,
                        ReceivedAt = receivedAt,
                        Channel = Channel(root.GetProperty("channel").GetString()!),
                        Symbol = root.TryGetProperty("symbol", out var symbol) ? Symbol.Parse(symbol.GetString()!) : null,
                        IsSubscribe = root.GetProperty("op").GetString() == "subscribe",
                        Success = root.GetProperty("success").GetBoolean(),
                        Error = root.TryGetProperty("error", out var error) ? error.GetString() : null,
                    });
                    break;
                case "trade":
                    sink.Publish(new Trade
                    {
                        Venue = _venue,
                        ReceivedAt = receivedAt,
                        Symbol = Symbol.Parse(root.GetProperty("symbol").GetString()!),
                        Price = decimal.Parse(root.GetProperty("price").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                        Size = decimal.Parse(root.GetProperty("size").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                        TakerSide = root.GetProperty("side").GetString() == "buy" ? Side.Buy : Side.Sell,
                        TradeId = root.GetProperty("id").GetString(),
                    });
                    break;
                case "book":
                    DecodeBook(root, receivedAt, sink);
                    break;
                case "heartbeat":
                    sink.Publish(new Heartbeat { Venue = _venue, ReceivedAt = receivedAt });
                    break;
                case "boom":
                    throw new InvalidOperationException("test protocol bug");
                default:
                    sink.Malformed("unknown frame type", frame);
                    break;
            }
        }
    }

    private static void DecodeBook(JsonElement root, DateTimeOffset receivedAt, IFrameSink sink)
    {
        var changes = new List<LevelChange>();
        foreach (var (side, name) in new[] { (BookSide.Bid, "bids"), (BookSide.Ask, "asks") })
        {
            if (root.TryGetProperty(name, out var levels))
            {
                foreach (var level in levels.EnumerateArray())
                {
                    changes.Add(new LevelChange(
                        side,
                        decimal.Parse(level[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                        decimal.Parse(level[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }

        var symbol = Symbol.Parse(root.GetProperty("symbol").GetString()!);
        sink.Book(new BookFrame(symbol, root.GetProperty("snapshot").GetBoolean(), changes.ToArray(), receivedAt));
    }

    private static MarketChannel Channel(string name) => name switch
    {
        "trades" => MarketChannel.Trades,
        "ticker" => MarketChannel.Ticker,
        "book25" => MarketChannel.Book(25),
        _ => MarketChannel.Book(10),
    };

    private static List<ReadOnlyMemory<byte>> Encode(string op, Subscription subscription)
    {
        var channel = subscription.Channel.Kind switch
        {
            ChannelKind.Trades => "trades",
            ChannelKind.Ticker => "ticker",
            _ => "book",
        };
        return [.. subscription.Symbols.Select(s => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"{{\"op\":\"{op}\",\"channel\":\"{channel}\",\"symbol\":\"{s}\"}}"))];
    }
}
