using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Plugins.Coinbase.Simulator;

/// <summary>
/// A wire-exact Advanced Trade on 127.0.0.1: the market-data WebSocket at <c>/</c> (one channel per subscribe, a
/// subscribe required within 5 s, a per-connection <c>sequence_num</c> across channels, heartbeats every second) and
/// REST under <c>/api/v3/brokerage/</c> with real ES256 JWT verification.
/// </summary>
internal sealed class CoinbaseSimulator : VenueSimulatorBase
{
    /// <summary>The fixed product list.</summary>
    public static readonly IReadOnlyList<SimulatedInstrument> Instruments =
    [
        new(Symbol.Parse("BTC/USD"), 2, 8),
        new(Symbol.Parse("ETH/USD"), 2, 8),
        new(Symbol.Parse("SOL/USD"), 2, 8),
        new(Symbol.Parse("ETH/BTC"), 5, 8),
    ];

    /// <summary>How long a connection may stay without a subscribe (docs: "disconnected if no subscribe has been received within 5 seconds").</summary>
    public static readonly TimeSpan SubscribeDeadline = TimeSpan.FromSeconds(5);

    private const int Levels = 100;
    private readonly Lock _gate = new();
    private readonly Dictionary<Symbol, Market> _markets = [];
    private readonly ConcurrentDictionary<SimConnection, byte> _connections = new();
    private readonly SimRest _rest;
    private long _silentUntilTicks;
    private int _malformedPending;
    private DateTimeOffset _lastSecond;

    public CoinbaseSimulator(SimulatorOptions options)
        : base(options)
    {
        var random = options.Seed is { } seed ? new Random(seed) : new Random();
        foreach (var instrument in Instruments)
        {
            var market = new SimulatedMarket(instrument.Symbol, SimulatedMarket.ReferencePrice(instrument.Symbol), instrument.PricePrecision, instrument.SizePrecision, random, Levels);
            _markets[instrument.Symbol] = new Market(market, new CandleAccumulator(CoinbaseVenue.CandleInterval));
        }

        _rest = new SimRest(options.Credentials, options.Time, options.Seed ?? 1);
    }

    public override Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken) => _rest.HandleAsync(context, cancellationToken);

    public override async Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var connection = new SimConnection(socket);
        _connections[connection] = 0;
        var writer = Task.Run(() => connection.WriteAsync(cancellationToken), CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = EnforceSubscribeDeadlineAsync(connection, deadline.Token);
        try
        {
            while (await socket.ReceiveTextAsync(cancellationToken).ConfigureAwait(false) is { } text)
            {
                Handle(connection, text);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away or the simulator stops.
        }
        finally
        {
            await deadline.CancelAsync().ConfigureAwait(false);
            _connections.TryRemove(connection, out _);
            connection.Complete();
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    protected override IReadOnlyDictionary<string, Uri> CreateEndpoints(int port) => new Dictionary<string, Uri>
    {
        [CoinbaseEndpoints.Ws] = new($"ws://127.0.0.1:{port}/"),
        [CoinbaseEndpoints.Rest] = new($"http://127.0.0.1:{port}/"),
    };

    protected override ValueTask TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now.UtcTicks < Interlocked.Read(ref _silentUntilTicks))
        {
            return ValueTask.CompletedTask;
        }

        var everySecond = now - _lastSecond >= TimeSpan.FromSeconds(1);
        if (everySecond)
        {
            _lastSecond = now;
        }

        lock (_gate)
        {
            if (Interlocked.Exchange(ref _malformedPending, 0) == 1)
            {
                foreach (var c in _connections.Keys)
                {
                    c.SendRaw("""{"channel":"ticker","client_id":"","events":[{"""u8.ToArray());
                }
            }

            foreach (var (symbol, market) in _markets)
            {
                var step = market.Model.Step(now);
                if (step.Changes.Count > 0)
                {
                    var cut = market.CutNext;
                    market.CutNext = false;
                    Broadcast("level2", symbol, seq =>
                    {
                        var frame = SimWire.Book(seq, now, symbol, snapshot: false, step.Changes);
                        return cut ? frame[..(frame.Length / 2)] : frame;
                    });
                    Broadcast("ticker", symbol, seq => SimWire.Ticker(seq, now, symbol, market.Model, snapshot: false));
                }

                if (step.Trades.Count > 0)
                {
                    Broadcast("market_trades", symbol, seq => SimWire.Trades(seq, now, symbol, step.Trades));
                    foreach (var trade in step.Trades)
                    {
                        market.Candles.Add(trade);
                    }
                }

                market.Candles.Roll(now);
                if (everySecond && market.Candles.Current is { } candle)
                {
                    Broadcast("candles", symbol, seq => SimWire.Candle(seq, now, symbol, candle, snapshot: false));
                }
            }

            if (everySecond)
            {
                foreach (var c in _connections.Keys.Where(c => c.Heartbeats))
                {
                    var counter = ++c.HeartbeatCounter;
                    c.Send(seq => SimWire.Heartbeat(seq, now, counter));
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

    /// <summary>Coinbase's sequence is the connection's: every connection with the symbol's book skips one sequence_num.</summary>
    protected override bool OnSkipSequence(Symbol symbol)
    {
        if (!_markets.ContainsKey(symbol))
        {
            return false;
        }

        foreach (var c in _connections.Keys.Where(c => c.Wants("level2", symbol)))
        {
            c.SkipSequence();
        }

        return true;
    }

    protected override bool OnCutFrame(Symbol symbol)
    {
        lock (_gate)
        {
            if (!_markets.TryGetValue(symbol, out var market))
            {
                return false;
            }

            market.CutNext = true;
            return true;
        }
    }

    protected override bool OnMalformedFrame()
    {
        Interlocked.Exchange(ref _malformedPending, 1);
        return true;
    }

    protected override bool OnRestError(SimulatorFault error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _rest.Fail(error.StatusCode, error.Count, error.RetryAfter);
        return true;
    }

    // CorruptChecksum and JumpSequence keep the base's false: Coinbase books carry no checksum and no update ids.

    private async Task EnforceSubscribeDeadlineAsync(SimConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(SubscribeDeadline, Options.Time, cancellationToken).ConfigureAwait(false);
            if (!connection.Subscribed)
            {
                // [UNCONFIRMED] how the venue closes (an abort here; the docs only say "you are disconnected").
                connection.Abort();
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended first.
        }
    }

    private void Broadcast(string channel, Symbol symbol, Func<long, byte[]> build)
    {
        foreach (var c in _connections.Keys)
        {
            if (c.Wants(channel, symbol))
            {
                c.Send(build);
            }
        }
    }

    private void Handle(SimConnection connection, string text)
    {
        string? type = null, channel = null;
        List<string> ids = [];
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            channel = root.TryGetProperty("channel", out var c) ? c.GetString() : null;
            if (root.TryGetProperty("product_ids", out var p) && p.ValueKind == JsonValueKind.Array)
            {
                ids.AddRange(p.EnumerateArray().Select(e => e.GetString() ?? string.Empty));
            }
        }
        catch (JsonException)
        {
            connection.SendRaw(SimWire.Error("Failed to subscribe", "malformed JSON"));
            return;
        }

        if (type is not ("subscribe" or "unsubscribe"))
        {
            connection.SendRaw(SimWire.Error("Failed to subscribe", $"unknown message type '{type}'"));
            return;
        }

        var subscribe = type == "subscribe";
        var now = Options.Time.GetUtcNow();
        lock (_gate)
        {
            if (channel is "heartbeats" or "status")
            {
                connection.Subscribed |= subscribe;
                if (channel == "heartbeats")
                {
                    connection.Heartbeats = subscribe;
                }
                else
                {
                    connection.Status = subscribe;
                }

                connection.Send(seq => SimWire.Subscriptions(seq, now, Listing(connection)));
                if (channel == "status" && subscribe)
                {
                    connection.Send(seq => SimWire.Status(seq, now, Instruments));
                }

                return;
            }

            if (channel is null || !connection.Channels.TryGetValue(channel, out var set))
            {
                connection.SendRaw(SimWire.Error("Failed to subscribe", $"unknown channel '{channel}'"));
                return;
            }

            var symbols = new List<Symbol>();
            foreach (var id in ids)
            {
                if (CoinbaseSymbols.FromProductId(id) is not { } symbol || !_markets.ContainsKey(symbol))
                {
                    connection.SendRaw(SimWire.Error("Failed to subscribe", $"{id} is not a valid product"));
                    return;
                }

                symbols.Add(symbol);
            }

            connection.Subscribed |= subscribe;
            lock (connection.Gate)
            {
                foreach (var symbol in symbols)
                {
                    if (subscribe)
                    {
                        set.Add(symbol);
                    }
                    else
                    {
                        set.Remove(symbol);
                    }
                }
            }

            connection.Send(seq => SimWire.Subscriptions(seq, now, Listing(connection)));
            if (!subscribe)
            {
                return;
            }

            foreach (var symbol in symbols)
            {
                var model = _markets[symbol].Model;
                switch (channel)
                {
                    case "level2":
                        var levels = model.Book.Bids.ToArray().Select(l => new LevelChange(BookSide.Bid, l.Price, l.Size))
                            .Concat(model.Book.Asks.ToArray().Select(l => new LevelChange(BookSide.Ask, l.Price, l.Size))).ToList();
                        connection.Send(seq => SimWire.Book(seq, now, symbol, snapshot: true, levels));
                        break;
                    case "ticker":
                        connection.Send(seq => SimWire.Ticker(seq, now, symbol, model, snapshot: true));
                        break;
                    case "candles" when _markets[symbol].Candles.Current is { } candle:
                        connection.Send(seq => SimWire.Candle(seq, now, symbol, candle, snapshot: true));
                        break;
                }
            }
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> Listing(SimConnection connection)
    {
        lock (connection.Gate)
        {
            var listing = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (name, set) in connection.Channels)
            {
                if (set.Count > 0)
                {
                    listing[name] = [.. set.Select(CoinbaseSymbols.ProductId).Order(StringComparer.Ordinal)];
                }
            }

            // [UNCONFIRMED] what the listing shows for heartbeats/status (products are not per channel there).
            if (connection.Heartbeats)
            {
                listing["heartbeats"] = ["heartbeats"];
            }

            if (connection.Status)
            {
                listing["status"] = ["status"];
            }

            return listing;
        }
    }

    private sealed class Market(SimulatedMarket model, CandleAccumulator candles)
    {
        public SimulatedMarket Model { get; } = model;

        public CandleAccumulator Candles { get; } = candles;

        public bool CutNext { get; set; }
    }
}
