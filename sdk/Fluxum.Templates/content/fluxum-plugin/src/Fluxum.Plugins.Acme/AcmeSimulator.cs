using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Plugins.Acme;

/// <summary>
/// A wire-exact Acme on 127.0.0.1, built on the simulator kit: a simulated market per instrument, the WebSocket
/// protocol <see cref="AcmeProtocol"/> documents, and the faults the host's fault plans inject.
/// </summary>
internal sealed class AcmeSimulator : VenueSimulatorBase
{
    /// <summary>The fixed instrument list: whatever it is asked, the simulator trades these.</summary>
    public static readonly IReadOnlyList<SimulatedInstrument> Instruments =
    [
        new(Symbol.Parse("BTC/USD"), 1, 8),
        new(Symbol.Parse("ETH/USD"), 2, 8),
    ];

    private const int Levels = 50;
    private const int MaxQueuedFrames = 4096;
    private readonly Lock _gate = new();
    private readonly Dictionary<Symbol, Market> _markets = [];
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private long _silentUntilTicks;
    private int _malformedPending;

    public AcmeSimulator(SimulatorOptions options)
        : base(options)
    {
        var random = options.Seed is { } seed ? new Random(seed) : new Random();
        foreach (var instrument in Instruments)
        {
            var market = new SimulatedMarket(instrument.Symbol, SimulatedMarket.ReferencePrice(instrument.Symbol), instrument.PricePrecision, instrument.SizePrecision, random, Levels);
            _markets[instrument.Symbol] = new Market(market, new CandleAccumulator(TimeSpan.FromMinutes(1)));
        }
    }

    public override Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.Response.WriteAsync("""{"type":"error","message":"not found"}""", cancellationToken);
    }

    public override async Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var connection = new Connection(socket);
        _connections[connection] = 0;
        var writer = Task.Run(() => connection.WriteAsync(cancellationToken), CancellationToken.None);
        try
        {
            while (await socket.ReceiveTextAsync(cancellationToken).ConfigureAwait(false) is { } text)
            {
                Handle(connection, text);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away or the simulator stops: the connection ends.
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            connection.Complete();
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    protected override IReadOnlyDictionary<string, Uri> CreateEndpoints(int port) =>
        new Dictionary<string, Uri> { [AcmeProtocol.WebSocketEndpoint] = new($"ws://127.0.0.1:{port}/v1") };

    protected override ValueTask TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now.UtcTicks < Interlocked.Read(ref _silentUntilTicks))
        {
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            if (Interlocked.Exchange(ref _malformedPending, 0) == 1)
            {
                Broadcast(c => true, """{"type":"trade","symbol":"""u8.ToArray());
            }

            foreach (var (symbol, market) in _markets)
            {
                var step = market.Model.Step(now);
                if (step.Changes.Count > 0)
                {
                    market.Sequence += market.SkipNext ? 2 : 1;
                    market.SkipNext = false;
                    var update = BookMessage(symbol, market, step.Changes, snapshot: false, now);
                    Broadcast(c => c.Books.Contains(symbol), update);
                    Broadcast(c => c.Tickers.Contains(symbol), TickerMessage(symbol, market.Model, now));
                }

                foreach (var trade in step.Trades)
                {
                    Broadcast(c => c.Trades.Contains(symbol), TradeMessage(symbol, trade));
                    market.Candles.Add(trade);
                    if (market.Candles.Current is { } candle)
                    {
                        Broadcast(c => c.Candles.Contains(symbol), CandleMessage(symbol, candle, closed: false));
                    }
                }

                if (market.Candles.Roll(now) is { } finished)
                {
                    Broadcast(c => c.Candles.Contains(symbol), CandleMessage(symbol, finished, closed: true));
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    protected override bool OnStall(TimeSpan duration)
    {
        Interlocked.Exchange(ref _silentUntilTicks, (Options.Time.GetUtcNow() + duration).UtcTicks);
        return true;
    }

    protected override bool OnSkipSequence(Symbol symbol)
    {
        lock (_gate)
        {
            if (!_markets.TryGetValue(symbol, out var market))
            {
                return false;
            }

            market.SkipNext = true;
            return true;
        }
    }

    protected override bool OnMalformedFrame()
    {
        Interlocked.Exchange(ref _malformedPending, 1);
        return true;
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.ToArray();
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] BookMessage(Symbol symbol, Market market, IReadOnlyList<LevelChange> changes, bool snapshot, DateTimeOffset now) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("type", "book");
        json.WriteString("symbol", AcmeProtocol.VenueName(symbol));
        json.WriteBoolean("snapshot", snapshot);
        json.WriteNumber("seq", market.Sequence);
        json.WriteNumber("time", now.ToUnixTimeMilliseconds());
        foreach (var (name, side) in new[] { ("bids", BookSide.Bid), ("asks", BookSide.Ask) })
        {
            json.WriteStartArray(name);
            foreach (var change in changes)
            {
                if (change.Side == side)
                {
                    json.WriteStartArray();
                    json.WriteStringValue(Text(change.Price));
                    json.WriteStringValue(Text(change.Size));
                    json.WriteEndArray();
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    });

    private static byte[] TickerMessage(Symbol symbol, SimulatedMarket model, DateTimeOffset now) => Json(json =>
    {
        var top = model.Book.Top;
        json.WriteStartObject();
        json.WriteString("type", "ticker");
        json.WriteString("symbol", AcmeProtocol.VenueName(symbol));
        json.WriteString("bid", Text(top?.Bid.Price ?? model.LastPrice));
        json.WriteString("bid_size", Text(top?.Bid.Size ?? 0m));
        json.WriteString("ask", Text(top?.Ask.Price ?? model.LastPrice));
        json.WriteString("ask_size", Text(top?.Ask.Size ?? 0m));
        json.WriteString("last", Text(model.LastPrice));
        json.WriteNumber("time", now.ToUnixTimeMilliseconds());
        json.WriteEndObject();
    });

    private static byte[] TradeMessage(Symbol symbol, SimulatedTrade trade) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("type", "trade");
        json.WriteString("symbol", AcmeProtocol.VenueName(symbol));
        json.WriteString("id", trade.Id.ToString(CultureInfo.InvariantCulture));
        json.WriteString("price", Text(trade.Price));
        json.WriteString("size", Text(trade.Size));
        json.WriteString("side", trade.TakerSide == Side.Buy ? "buy" : "sell");
        json.WriteNumber("time", trade.Time.ToUnixTimeMilliseconds());
        json.WriteEndObject();
    });

    private static byte[] CandleMessage(Symbol symbol, SimulatedCandle candle, bool closed) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("type", "candle");
        json.WriteString("symbol", AcmeProtocol.VenueName(symbol));
        json.WriteString("interval", "1m");
        json.WriteNumber("start", candle.Start.ToUnixTimeMilliseconds());
        json.WriteString("open", Text(candle.Open));
        json.WriteString("high", Text(candle.High));
        json.WriteString("low", Text(candle.Low));
        json.WriteString("close", Text(candle.Close));
        json.WriteString("volume", Text(candle.Volume));
        json.WriteBoolean("closed", closed);
        json.WriteEndObject();
    });

    private static byte[] Reply(string type, string channel, IEnumerable<string> symbols) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("channel", channel);
        json.WriteStartArray("symbols");
        foreach (var symbol in symbols)
        {
            json.WriteStringValue(symbol);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static byte[] Error(string message, string? symbol = null) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("type", "error");
        json.WriteString("message", message);
        if (symbol is not null)
        {
            json.WriteString("symbol", symbol);
        }

        json.WriteEndObject();
    });

    private void Broadcast(Func<Connection, bool> wants, byte[] frame)
    {
        foreach (var connection in _connections.Keys)
        {
            if (wants(connection))
            {
                connection.Send(frame);
            }
        }
    }

    private void Handle(Connection connection, string text)
    {
        string? op, channel;
        List<string> names = [];
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            op = root.TryGetProperty("op", out var o) ? o.GetString() : null;
            channel = root.TryGetProperty("channel", out var c) ? c.GetString() : null;
            if (root.TryGetProperty("symbols", out var s) && s.ValueKind == JsonValueKind.Array)
            {
                names.AddRange(s.EnumerateArray().Select(e => e.GetString() ?? string.Empty));
            }
        }
        catch (JsonException)
        {
            connection.Send(Error("invalid JSON"));
            return;
        }

        switch (op)
        {
            case "ping":
                connection.Send("""{"type":"pong"}"""u8.ToArray());
                return;
            case "subscribe" or "unsubscribe":
                Subscribe(connection, op == "subscribe", channel, names);
                return;
            default:
                connection.Send(Error($"unknown op '{op}'"));
                return;
        }
    }

    private void Subscribe(Connection connection, bool subscribe, string? channel, List<string> names)
    {
        var set = channel switch
        {
            "ticker" => connection.Tickers,
            "trades" => connection.Trades,
            "candles" => connection.Candles,
            "book" => connection.Books,
            _ => null,
        };
        if (set is null)
        {
            connection.Send(Error($"unknown channel '{channel}'"));
            return;
        }

        lock (_gate)
        {
            var accepted = new List<string>();
            foreach (var name in names)
            {
                if (AcmeProtocol.CanonicalSymbol(name) is not { } symbol || !_markets.TryGetValue(symbol, out var market))
                {
                    connection.Send(Error($"unknown symbol '{name}'", name));
                    continue;
                }

                accepted.Add(name);
                if (!subscribe)
                {
                    set.Remove(symbol);
                    continue;
                }

                set.Add(symbol);
                if (channel == "book")
                {
                    var levels = new List<LevelChange>();
                    levels.AddRange(market.Model.Book.Bids.ToArray().Select(l => new LevelChange(BookSide.Bid, l.Price, l.Size)));
                    levels.AddRange(market.Model.Book.Asks.ToArray().Select(l => new LevelChange(BookSide.Ask, l.Price, l.Size)));
                    connection.Send(Reply("subscribed", channel, [name]));
                    connection.Send(BookMessage(symbol, market, levels, snapshot: true, Options.Time.GetUtcNow()));
                    accepted.Remove(name);
                }
            }

            if (accepted.Count > 0)
            {
                connection.Send(Reply(subscribe ? "subscribed" : "unsubscribed", channel!, accepted));
            }
        }
    }

    private sealed class Market(SimulatedMarket model, CandleAccumulator candles)
    {
        public SimulatedMarket Model { get; } = model;

        public CandleAccumulator Candles { get; } = candles;

        public long Sequence { get; set; } = 1;

        public bool SkipNext { get; set; }
    }

    /// <summary>One client: what it subscribed and its outbound queue (a client too slow to drain it is dropped).</summary>
    private sealed class Connection(WebSocket socket)
    {
        private readonly Channel<byte[]> _outbound = System.Threading.Channels.Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxQueuedFrames) { SingleReader = true });

        public HashSet<Symbol> Tickers { get; } = [];

        public HashSet<Symbol> Trades { get; } = [];

        public HashSet<Symbol> Candles { get; } = [];

        public HashSet<Symbol> Books { get; } = [];

        public void Send(byte[] frame)
        {
            if (!_outbound.Writer.TryWrite(frame))
            {
                socket.Abort();
            }
        }

        public void Complete() => _outbound.Writer.TryComplete();

        public async Task WriteAsync(CancellationToken cancellationToken)
        {
            await foreach (var frame in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
