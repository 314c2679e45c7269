using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Fluxum.Plugins.Binance.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Binance.Simulator;

/// <summary>
/// A Binance Spot on 127.0.0.1: market streams at <c>/ws/&lt;stream&gt;</c> (raw) and <c>/stream?streams=a/b</c>
/// (combined, wrapped), live SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS/SET_PROPERTY/GET_PROPERTY with the documented
/// answers and errors; <c>@depth@100ms</c> diffs with U/u, <c>@trade</c>, <c>@bookTicker</c>, <c>@ticker</c> (every second),
/// <c>@kline_&lt;interval&gt;</c>. Ping frames, the incoming message limit and <c>serverShutdown</c> in its connections
/// part; REST in its REST part.
/// </summary>
internal sealed partial class BinanceSimulator : VenueSimulatorBase, IVenueSimulator
{
    /// <summary>The fixed instrument list.</summary>
    public static readonly IReadOnlyList<SimulatedInstrument> Instruments =
    [
        new(Symbol.Parse("BTC/USDT"), 2, 5),
        new(Symbol.Parse("ETH/USDT"), 2, 4),
    ];

    private const int MaxQueuedFrames = 8192;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Market> _markets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private readonly BinanceSimulatorSettings _settings;
    private readonly ILogger _logger;
    private long _silentUntilTicks;
    private int _malformedPending;
    private DateTimeOffset _lastDayTicker;

    public BinanceSimulator(SimulatorOptions options, BinanceSimulatorSettings? settings = null)
        : base(options)
    {
        _settings = settings ?? BinanceSimulatorSettings.Documented;
        _logger = options.LoggerFactory.CreateLogger("Fluxum.Plugins.Binance.Simulator");
        var random = options.Seed is { } seed ? new Random(seed) : new Random();
        foreach (var instrument in Instruments)
        {
            var model = new SimulatedMarket(instrument.Symbol, SimulatedMarket.ReferencePrice(instrument.Symbol), instrument.PricePrecision, instrument.SizePrecision, random, 200);
            _markets[BinanceSymbols.StreamName(instrument.Symbol)] = new Market(instrument.Symbol, model);
        }
    }

    bool IVenueSimulator.Inject(SimulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Kind == SimulatorFaultKind.ServerShutdown)
        {
            return ShutDown();
        }

        if (fault.Kind != SimulatorFaultKind.StaleSnapshot)
        {
            return Inject(fault);
        }

        lock (_gate)
        {
            if (!_markets.TryGetValue(BinanceSymbols.StreamName(fault.Symbol), out var market))
            {
                return false;
            }

            market.StaleSnapshots += Math.Max(1, fault.Count);
            return true;
        }
    }

    public override async Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value ?? "/";
        var connection = new Connection(socket, _settings.CloseTimeout) { Combined = path.StartsWith("/stream", StringComparison.Ordinal) };
        var initial = connection.Combined
            ? request.Query["streams"].ToString()
            : path.StartsWith("/ws/", StringComparison.Ordinal) ? path["/ws/".Length..] : string.Empty;
        foreach (var stream in initial.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            connection.Streams[stream] = 0;
        }

        _connections[connection] = 0;
        var writer = Task.Run(() => connection.WriteAsync(cancellationToken), CancellationToken.None);
        try
        {
            while (await socket.ReceiveTextAsync(cancellationToken).ConfigureAwait(false) is { } text)
            {
                if (!Admit(connection))
                {
                    break;
                }

                Handle(connection, text);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away or the simulator stops.
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            connection.ReceiveEnded();
            connection.Complete();
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    protected override IReadOnlyDictionary<string, Uri> CreateEndpoints(int port) => new Dictionary<string, Uri>
    {
        [BinanceEndpoints.WebSocket] = new($"ws://127.0.0.1:{port}"),
        [BinanceEndpoints.Rest] = new($"http://127.0.0.1:{port}"),
    };

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
                foreach (var connection in _connections.Keys)
                {
                    connection.Send("""{"stream":"btcusdt@trade","data":{"e":"trade","""u8.ToArray());
                }
            }

            var dayTicker = now - _lastDayTicker >= TimeSpan.FromSeconds(1);
            if (dayTicker)
            {
                _lastDayTicker = now;
            }

            foreach (var (name, market) in _markets)
            {
                var step = market.Model.Step(now);
                if (step.Changes.Count > 0)
                {
                    var first = market.UpdateId + (market.SkipNext ? 2 : 1);
                    market.SkipNext = false;
                    market.UpdateId = first + step.Changes.Count - 1;
                    var cut = market.CutNext;
                    market.CutNext = false;
                    Publish(name + BinanceStreams.Depth, Payloads.Depth(name, first, market.UpdateId, step.Changes, now), cut);
                    if (market.Model.Book.Top is { } top)
                    {
                        Publish(name + BinanceStreams.BookTicker, Payloads.BookTicker(name, market.UpdateId, top));
                    }
                }

                foreach (var trade in step.Trades)
                {
                    Publish(name + BinanceStreams.Trade, Payloads.Trade(name, trade, now));
                    foreach (var candles in market.Candles.Values)
                    {
                        candles.Add(trade);
                    }
                }

                foreach (var (interval, candles) in market.Candles)
                {
                    var finished = candles.Roll(now);
                    var stream = name + BinanceStreams.Kline + BinanceStreams.IntervalName(interval);
                    if (finished is not null)
                    {
                        Publish(stream, Payloads.Kline(name, finished, closed: true, now));
                    }
                    else if (candles.Current is { } current && step.Trades.Count > 0)
                    {
                        Publish(stream, Payloads.Kline(name, current, closed: false, now));
                    }
                }

                if (dayTicker && market.Model.Book.Top is { } best)
                {
                    Publish(name + BinanceStreams.Ticker, Payloads.DayTicker(name, market.Model, best, now));
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

    protected override bool OnSkipSequence(Symbol symbol) => Mark(symbol, m => m.SkipNext = true);

    protected override bool OnCutFrame(Symbol symbol) => Mark(symbol, m => m.CutNext = true);

    protected override bool OnMalformedFrame()
    {
        Interlocked.Exchange(ref _malformedPending, 1);
        return true;
    }

    private bool Mark(Symbol symbol, Action<Market> mark)
    {
        lock (_gate)
        {
            if (!_markets.TryGetValue(BinanceSymbols.StreamName(symbol), out var market))
            {
                return false;
            }

            mark(market);
            return true;
        }
    }

    private void Publish(string stream, byte[] payload, bool cut = false)
    {
        byte[]? wrapped = null;
        foreach (var connection in _connections.Keys)
        {
            if (!connection.Streams.ContainsKey(stream))
            {
                continue;
            }

            var frame = connection.Combined ? wrapped ??= Payloads.Wrap(stream, payload) : payload;
            connection.Send(cut ? frame[..(frame.Length / 2)] : frame);
        }
    }

    private void Handle(Connection connection, string text)
    {
        string? method = null;
        JsonElement? id = null;
        List<JsonElement> parameters = [];
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("method", out var m))
            {
                connection.Send(Payloads.Error(2, $"Invalid request: missing field `method` at line 1 column {text.Length}", null));
                return;
            }

            method = m.GetString();
            if (root.TryGetProperty("id", out var i))
            {
                id = i.Clone();
                if (i.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null or JsonValueKind.String) || (i.ValueKind == JsonValueKind.Number && !i.TryGetInt64(out _)))
                {
                    connection.Send(Payloads.Error(2, "Invalid request: request ID must be an unsigned integer", null));
                    return;
                }
            }

            if (root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Array)
            {
                parameters.AddRange(p.EnumerateArray().Select(e => e.Clone()));
            }
        }
        catch (JsonException)
        {
            connection.Send(Payloads.Error(3, "Invalid JSON: expected value at line 1 column 1", null));
            return;
        }

        switch (method)
        {
            case "SUBSCRIBE" or "UNSUBSCRIBE":
                lock (_gate)
                {
                    foreach (var stream in parameters.Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!))
                    {
                        if (method == "UNSUBSCRIBE")
                        {
                            connection.Streams.TryRemove(stream, out _);
                            continue;
                        }

                        connection.Streams[stream] = 0;
                        EnsureCandles(stream);
                    }
                }

                connection.Send(Payloads.Result(id, json => json.WriteNullValue()));
                return;
            case "LIST_SUBSCRIPTIONS":
                connection.Send(Payloads.Result(id, json =>
                {
                    json.WriteStartArray();
                    foreach (var stream in connection.Streams.Keys.Order(StringComparer.Ordinal))
                    {
                        json.WriteStringValue(stream);
                    }

                    json.WriteEndArray();
                }));
                return;
            case "SET_PROPERTY":
                if (parameters is [{ ValueKind: JsonValueKind.String } name, var value] && name.GetString() == "combined")
                {
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        connection.Send(Payloads.Error(1, "Invalid value type: expected Boolean", id));
                        return;
                    }

                    connection.Combined = value.ValueKind == JsonValueKind.True;
                    connection.Send(Payloads.Result(id, json => json.WriteNullValue()));
                    return;
                }

                connection.Send(Payloads.Error(0, "Unknown property", id));
                return;
            case "GET_PROPERTY":
                if (parameters is [{ ValueKind: JsonValueKind.String } property] && property.GetString() == "combined")
                {
                    connection.Send(Payloads.Result(id, json => json.WriteBooleanValue(connection.Combined)));
                    return;
                }

                connection.Send(Payloads.Error(0, "Unknown property", id));
                return;
            default:
                connection.Send(Payloads.Error(2, $"Invalid request: unknown variant `{method}`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY` at line 1 column 28", null));
                return;
        }
    }

    private void EnsureCandles(string stream)
    {
        var at = stream.IndexOf(BinanceStreams.Kline, StringComparison.Ordinal);
        if (at > 0 && _markets.TryGetValue(stream[..at], out var market)
            && BinanceStreams.TryParseInterval(Encoding.ASCII.GetBytes(stream[(at + BinanceStreams.Kline.Length)..]), out var interval)
            && !market.Candles.ContainsKey(interval))
        {
            market.Candles[interval] = new CandleAccumulator(interval);
        }
    }

    private sealed class Market(Symbol symbol, SimulatedMarket model)
    {
        public Symbol Symbol { get; } = symbol;

        public SimulatedMarket Model { get; } = model;

        public Dictionary<TimeSpan, CandleAccumulator> Candles { get; } = [];

        public long UpdateId { get; set; } = 1000;

        public bool SkipNext { get; set; }

        public bool CutNext { get; set; }

        public int StaleSnapshots { get; set; }
    }

    /// <summary>
    /// One client: its streams, whether it is combined, its incoming message times (for the limit), and its outbound
    /// queue (a client too slow to drain it is dropped; after a shutdown, the close follows the queued frames).
    /// </summary>
    private sealed class Connection(WebSocket socket, TimeSpan closeTimeout)
    {
        /// <summary>Queued after the last frame of a shutdown: the writer closes the connection there.</summary>
        private static readonly byte[] CloseMarker = [];

        /// <summary>Queued after the last frame of a disconnect: the writer stops there, and the handler's return ends the connection.</summary>
        private static readonly byte[] DropMarker = [];

        private readonly Channel<byte[]> _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxQueuedFrames) { SingleReader = true });
        private readonly Queue<long> _incoming = new();
        private readonly TaskCompletionSource _receiveEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _closing;

        public ConcurrentDictionary<string, byte> Streams { get; } = new(StringComparer.Ordinal);

        public bool Combined { get; set; }

        public void Send(byte[] frame)
        {
            // A full queue is a client too slow to drain it; after a shutdown the queue is closed on purpose.
            if (!_outbound.Writer.TryWrite(frame) && !_closing)
            {
                socket.Abort();
            }
        }

        /// <summary>
        /// Counts a message received now; false when, with it, more than <paramref name="limit"/> arrived within the
        /// last second (<paramref name="count"/>: how many). Called from the receive loop only.
        /// </summary>
        public bool Admit(TimeProvider time, int limit, out int count)
        {
            var now = time.GetTimestamp();
            while (_incoming.Count > 0 && time.GetElapsedTime(_incoming.Peek(), now) >= TimeSpan.FromSeconds(1))
            {
                _incoming.Dequeue();
            }

            _incoming.Enqueue(now);
            count = _incoming.Count;
            return count <= limit;
        }

        /// <summary>Sends <paramref name="last"/>, then closes the connection (1001 going away); nothing is sent after it.</summary>
        public void Shutdown(byte[] last)
        {
            _outbound.Writer.TryWrite(last);
            _outbound.Writer.TryWrite(CloseMarker);
            _closing = true;
            _outbound.Writer.TryComplete();
        }

        /// <summary>
        /// Sends what is queued, then nothing more: the receive loop stops too, so the handler returns and the server
        /// ends the TCP connection with no close handshake (a disconnect; an abort would reset it and could discard
        /// the answers still in flight).
        /// </summary>
        public void Disconnect()
        {
            _outbound.Writer.TryWrite(DropMarker);
            _closing = true;
            _outbound.Writer.TryComplete();
        }

        public void ReceiveEnded() => _receiveEnded.TrySetResult();

        public void Complete() => _outbound.Writer.TryComplete();

        public async Task WriteAsync(CancellationToken cancellationToken)
        {
            await foreach (var frame in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (ReferenceEquals(frame, CloseMarker))
                {
                    await CloseAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (ReferenceEquals(frame, DropMarker))
                {
                    return;
                }

                await socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Starts the close handshake; a client that does not answer it within the close timeout is aborted.</summary>
        private async Task CloseAsync(CancellationToken cancellationToken)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "server shutdown", cancellationToken).ConfigureAwait(false);
            var answered = await Task.WhenAny(_receiveEnded.Task, Task.Delay(closeTimeout, cancellationToken)).ConfigureAwait(false);
            if (answered != _receiveEnded.Task)
            {
                socket.Abort();
            }
        }
    }
}
