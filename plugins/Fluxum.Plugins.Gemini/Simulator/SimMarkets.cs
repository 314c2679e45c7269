using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;

using Fluxum.Plugins.Gemini.V2;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>
/// The simulated venue's state: one evolving market per symbol, the sessions and what they subscribed.
/// Everything runs under one lock so a subscriber's snapshot and the updates after it are in order.
/// New-API update ids come from one increasing range shared by all symbols.
/// </summary>
internal sealed partial class SimMarkets
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimSymbol> _byVenue = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<V2Session> _v2 = [];
    private readonly List<WsSession> _ws = [];
    private readonly Dictionary<string, int> _subscribeCounts = new(StringComparer.Ordinal);
    private long _nextId = 1_750_000_000_000;
    private long _nextOrderId = 73_797_746_498_585_000;
    private long _tick;
    private bool _malformed;
    private DateTimeOffset _stallUntil;

    public SimMarkets(IEnumerable<SimulatedInstrument> instruments, Random random, SimAccount account)
    {
        Account = account;
        foreach (var instrument in instruments)
        {
            var symbol = instrument.Symbol;
            var market = new SimulatedMarket(symbol, SimulatedMarket.ReferencePrice(symbol), instrument.PricePrecision, instrument.SizePrecision, random);
            var s = new SimSymbol(symbol, market);
            s.LastUpdateId = ++_nextId;
            _byVenue[s.Venue] = s;
        }
    }

    public SimAccount Account { get; }

    public IReadOnlyCollection<SimSymbol> Symbols => _byVenue.Values;

    public SimSymbol? Find(string venue) => _byVenue.GetValueOrDefault(venue);

    public void Add(SimSession session)
    {
        lock (_gate)
        {
            if (session is V2Session v2)
            {
                _v2.Add(v2);
            }
            else if (session is WsSession ws)
            {
                _ws.Add(ws);
            }
        }
    }

    public void Remove(SimSession session)
    {
        lock (_gate)
        {
            if (session is V2Session v2)
            {
                _v2.Remove(v2);
            }
            else if (session is WsSession ws)
            {
                _ws.Remove(ws);
            }
        }
    }

    /// <summary>DropConnections: every session stops receiving market data and is closed.</summary>
    public void DropAll()
    {
        lock (_gate)
        {
            _v2.ForEach(v => v.Drop());
            _ws.ForEach(w => w.Drop());
            _v2.Clear();
            _ws.Clear();
        }
    }

    public void Stall(TimeSpan duration, DateTimeOffset now)
    {
        lock (_gate)
        {
            _stallUntil = now + duration;
        }
    }

    public void Malformed()
    {
        lock (_gate)
        {
            _malformed = true;
        }
    }

    public bool SkipSequence(Symbol symbol)
    {
        lock (_gate)
        {
            var s = _byVenue.Values.FirstOrDefault(x => x.Symbol == symbol);
            return s is not null && (s.SkipNext = true);
        }
    }

    public bool JumpSequence(Symbol symbol, long by)
    {
        lock (_gate)
        {
            var s = _byVenue.Values.FirstOrDefault(x => x.Symbol == symbol);
            if (s is null)
            {
                return false;
            }

            s.JumpNext = by;
            return true;
        }
    }

    public bool CutFrame(Symbol symbol)
    {
        lock (_gate)
        {
            var s = _byVenue.Values.FirstOrDefault(x => x.Symbol == symbol);
            return s is not null && (s.CutNext = true);
        }
    }

    /// <summary>How many SUBSCRIBE requests named <paramref name="stream"/> (test observability).</summary>
    public int SubscribeCount(string stream)
    {
        lock (_gate)
        {
            return _subscribeCounts.GetValueOrDefault(stream);
        }
    }

    /// <summary>A copy of a symbol's current book.</summary>
    public (BookLevel[] Bids, BookLevel[] Asks) Book(Symbol symbol)
    {
        lock (_gate)
        {
            var s = _byVenue.Values.First(x => x.Symbol == symbol);
            return (s.Market.Book.Bids.ToArray(), s.Market.Book.Asks.ToArray());
        }
    }

    /// <summary>
    /// Removes a level without telling v2 clients (as if it went while they were disconnected); new-API
    /// clients get it as a normal update so their chain stays whole.
    /// </summary>
    public bool RemoveLevelUnannounced(Symbol symbol, BookSide side, decimal price, DateTimeOffset now)
    {
        lock (_gate)
        {
            var s = _byVenue.Values.First(x => x.Symbol == symbol);
            var change = new LevelChange(side, price, 0m);
            if (s.Market.Book.Apply(change) is null)
            {
                return false;
            }

            SendDepth(s, [change], now);
            return true;
        }
    }

    /// <summary>Reads market state under the lock.</summary>
    public T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    public List<string> Streams(WsSession session)
    {
        lock (_gate)
        {
            return [.. session.Streams];
        }
    }

    /// <summary>One market step for every symbol, fanned out to the subscribers.</summary>
    public void Tick(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now < _stallUntil)
            {
                return;
            }

            _tick++;
            foreach (var s in _byVenue.Values)
            {
                Step(s, now);
            }

            if (_tick % 50 == 0)
            {
                var heartbeat = SimWire.Heartbeat(now);
                _v2.ForEach(v => v.Send(heartbeat));
            }

            if (_tick % 10 == 0 && _ws.Any(w => w.Streams.Contains(WsStreamBalances)))
            {
                var update = Account.DriftBalances(now);
                _ws.Where(w => w.Streams.Contains(WsStreamBalances)).ToList().ForEach(w => w.Send(update));
            }

            if (_tick % 40 == 0 && _ws.Any(w => w.Streams.Contains(WsStreamOrders)) && _byVenue.Values.FirstOrDefault() is { } traded)
            {
                // The account buys a little at the market now and then: NEW, then FILLED, as orders@account reports it.
                var lifecycle = OrderLifecycle(traded, now);
                _ws.Where(w => w.Streams.Contains(WsStreamOrders)).ToList().ForEach(w => lifecycle.ForEach(w.Send));
            }

            if (_malformed)
            {
                _malformed = false;
                _v2.ForEach(v => v.Send("{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"buy\","));
                _ws.ForEach(w => w.Send("{\"e\":\"depthUpdate\",\"E\":"));
            }
        }
    }

    private void Step(SimSymbol s, DateTimeOffset now)
    {
        var step = s.Market.Step(now);
        if (step.Changes.Count > 0)
        {
            var cut = s.CutNext;
            s.CutNext = false;
            var l2 = Cut(SimWire.L2(s, step.Changes, null), cut, s.Venue.ToUpperInvariant());
            foreach (var v in _v2)
            {
                if (v.L2.Contains(s))
                {
                    v.Send(l2);
                }
            }

            SendDepth(s, step.Changes, now, cut);
        }

        foreach (var trade in step.Trades)
        {
            s.Record(trade);
            var v2Trade = SimWire.V2Trade(s, trade);
            var wsTrade = SimWire.WsTrade(s, trade);
            foreach (var v in _v2)
            {
                if (v.L2.Contains(s))
                {
                    v.Send(v2Trade);
                }

                for (var i = 0; i < V2Feeds.Candles.Length; i++)
                {
                    if (v.Candles.Contains((s, i)) && s.Candles[i].Current is { } candle)
                    {
                        v.Send(SimWire.V2Candles(s, V2Feeds.Candles[i].Name, [candle]));
                    }
                }
            }

            SendWs(s.Venue + "@trade", wsTrade);
        }

        if (s.Market.Book.Top is { } top && top != s.LastTop)
        {
            s.LastTop = top;
            SendWs(s.Venue + "@bookTicker", SimWire.BookTicker(s, _nextId, now, top));
        }
    }

    private void SendDepth(SimSymbol s, IReadOnlyList<LevelChange> changes, DateTimeOffset now, bool cut = false)
    {
        var first = s.LastUpdateId;
        var last = ++_nextId;
        s.LastUpdateId = last;
        if (s.SkipNext)
        {
            // SkipSequence fault: the ids advance but this frame never reaches new-API clients.
            s.SkipNext = false;
            return;
        }

        // JumpSequence fault: this frame's u jumps ahead; the chain goes on from the real id, so later frames look old.
        var sent = last + s.JumpNext;
        s.JumpNext = 0;
        var frame = Cut(SimWire.Depth(s, first, sent, now, changes), cut, s.Venue);
        SendWs(s.Venue + "@depth@100ms", frame);
        SendWs(s.Venue + "@depth", frame);
    }

    /// <summary>CutFrame: the first half of a message (sent as a complete WebSocket message), at least up to just past its symbol.</summary>
    private static string Cut(string message, bool cut, string symbol)
    {
        if (!cut)
        {
            return message;
        }

        var at = message.IndexOf($"\"{symbol}\"", StringComparison.Ordinal);
        var keep = Math.Max(message.Length / 2, at < 0 ? 0 : at + symbol.Length + 3);
        return message[..Math.Min(keep, message.Length - 1)];
    }

    private void SendWs(string stream, string frame)
    {
        foreach (var w in _ws)
        {
            if (w.Streams.Contains(stream))
            {
                w.Send(frame);
            }
        }
    }

    private List<string> OrderLifecycle(SimSymbol symbol, DateTimeOffset now)
    {
        var id = ++_nextOrderId;
        var ns = now.ToUnixTimeMilliseconds() * 1_000_000L;
        var price = symbol.Market.LastPrice.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var venue = symbol.Venue.ToUpperInvariant();
        return
        [
            $$"""{"e":"orderUpdate","E":{{ns}},"s":"{{venue}}","i":{{id}},"c":"sim-{{id}}","S":"BUY","o":"LIMIT","X":"NEW","p":"{{price}}","q":"0.0010","z":"0.0010","T":{{ns}}}""",
            $$"""{"e":"orderUpdate","E":{{ns + 1000}},"s":"{{venue}}","i":{{id}},"c":"sim-{{id}}","S":"BUY","o":"LIMIT","X":"FILLED","p":"{{price}}","q":"0.0010","z":"0","Z":"0.0010","L":"{{price}}","n":"0.01","m":false,"T":{{ns + 1000}}}""",
        ];
    }
}
