// vwap.csx: rolling volume-weighted average price and volume per venue (and all venues together), from trades.
//
//   fluxum script run scripts/vwap.csx [-- SYMBOL [DURATION [WINDOW]]]
//     SYMBOL    canonical symbol, default BTC/USD
//     DURATION  how long to run (30s, 5m, forever), default forever
//     WINDOW    the rolling window, default 1m (trades older than the newest minus WINDOW drop out)
//
// One line per trade for its venue and for all venues (VWAP rounded to 8 decimals), then totals:
//   VWAP kraken BTC/USD 64000.25 volume 1.5 trades 3 window 1m
//   VWAP all BTC/USD 64000.20 volume 2.0 trades 4 window 1m
//   TOTAL kraken BTC/USD volume 10.5 trades 42

var symbol = SymbolArg(0, "BTC/USD");
var stop = StopAfter(DurationArg(1, null));
var window = DurationArg(2, "1m") ?? TimeSpan.FromMinutes(1);
var windowText = Intervals.Format(window);

var windows = new Dictionary<string, RollingWindow>();
var totals = new Dictionary<string, (decimal Volume, int Trades)>();

Print($"VWAP {symbol} window {windowText}");
await foreach (var trade in Until(Market.Trades(symbol), stop))
{
    var at = trade.ExchangeTime ?? trade.ReceivedAt;
    foreach (var key in new[] { trade.Venue, "all" })
    {
        if (!windows.TryGetValue(key, out var w))
        {
            windows[key] = w = new RollingWindow(window);
        }

        w.Add(at, trade.Price, trade.Size);
        Print($"VWAP {key} {symbol} {decimal.Round(w.Vwap, 8)} volume {w.Volume} trades {w.Count} window {windowText}");
    }

    var total = totals.GetValueOrDefault(trade.Venue);
    totals[trade.Venue] = (total.Volume + trade.Size, total.Trades + 1);
}

foreach (var (venue, total) in totals.OrderBy(t => t.Key, StringComparer.Ordinal))
{
    Print($"TOTAL {venue} {symbol} volume {total.Volume} trades {total.Trades}");
}

/// <summary>Trades within a time window of the newest one, with running sums.</summary>
sealed class RollingWindow(TimeSpan length)
{
    private readonly Queue<(DateTimeOffset At, decimal Price, decimal Size)> _trades = new();
    private decimal _notional;

    public decimal Volume { get; private set; }

    public int Count => _trades.Count;

    public decimal Vwap => Volume == 0 ? 0 : _notional / Volume;

    public void Add(DateTimeOffset at, decimal price, decimal size)
    {
        _trades.Enqueue((at, price, size));
        _notional += price * size;
        Volume += size;
        while (_trades.TryPeek(out var oldest) && oldest.At < at - length)
        {
            _trades.Dequeue();
            _notional -= oldest.Price * oldest.Size;
            Volume -= oldest.Size;
        }
    }
}
