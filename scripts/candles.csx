// candles.csx: candles built here from each venue's trades, side by side with the venue's own candles.
//
//   fluxum script run scripts/candles.csx [-- SYMBOL [DURATION [INTERVAL]]]
//     SYMBOL    canonical symbol, default BTC/USD
//     DURATION  how long to run (30s, 5m, forever), default forever
//     INTERVAL  candle length, default 1m
//
// A candle is final when a trade (or venue candle) of a later interval arrives, or the venue marks it
// closed. The first interval after start is partial: trades before the script started are missing.
//   BUILT kraken BTC/USD 2026-11-24T02:31:00Z O 64000.1 H 64002 L 63999.5 C 64001 V 1.25 N 7
//   VENUE kraken BTC/USD 2026-11-24T02:31:00Z O 64000.1 H 64002 L 63999.5 C 64001 V 1.25 N 7
//   COMPARE kraken BTC/USD 2026-11-24T02:31:00Z match
//   COMPARE kraken BTC/USD 2026-11-24T02:32:00Z differ open 0 high 0.5 low 0 close 0 volume 0.01 partial
// Every 10 s and at the end, the candles still forming are printed as FORMING lines; a trade for an
// interval already built is printed as LATE.

var symbol = SymbolArg(0, "BTC/USD");
var stop = StopAfter(DurationArg(1, null));
var interval = DurationArg(2, "1m") ?? TimeSpan.FromMinutes(1);
var gate = new object();
var forming = new Dictionary<string, Candle>();           // venue -> candle being built from trades
var firstBucket = new Dictionary<string, DateTimeOffset>(); // venue -> the partial first interval
var built = new Dictionary<(string, DateTimeOffset), Candle>();
var venueOpen = new Dictionary<string, Candle>();          // venue -> latest version of its forming candle
var venueFinal = new Dictionary<(string, DateTimeOffset), Candle>();

Print($"CANDLES {symbol} interval {Intervals.Format(interval)}");
// The timer starts first, so it is running before any data arrives.
await Task.WhenAll(ShowFormingAsync(), BuildFromTradesAsync(), FollowVenueCandlesAsync());
PrintForming();

// Every 10 s, the candles still being built, so a short run shows something before the first minute ends.
async Task ShowFormingAsync()
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), Time);
    try
    {
        while (await timer.WaitForNextTickAsync(stop))
        {
            PrintForming();
        }
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        // Stopping: the final FORMING lines are printed after all loops end.
        return;
    }
}

void PrintForming()
{
    lock (gate)
    {
        foreach (var (venue, candle) in forming.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Print(Describe("FORMING", venue, candle));
        }
    }
}

async Task BuildFromTradesAsync()
{
    await foreach (var trade in Until(Market.Trades(symbol), stop))
    {
        var start = Floor(trade.ExchangeTime ?? trade.ReceivedAt);
        lock (gate)
        {
            firstBucket.TryAdd(trade.Venue, start);
            if (forming.TryGetValue(trade.Venue, out var candle) && candle.Start < start)
            {
                built[(trade.Venue, candle.Start)] = candle;
                Print(Describe("BUILT", trade.Venue, candle));
                Compare(trade.Venue, candle.Start);
                candle = null;
            }

            if (candle is null)
            {
                forming[trade.Venue] = new Candle(start, trade.Price, trade.Price, trade.Price, trade.Price, trade.Size, 1);
            }
            else if (candle.Start == start)
            {
                forming[trade.Venue] = candle with
                {
                    High = Math.Max(candle.High, trade.Price),
                    Low = Math.Min(candle.Low, trade.Price),
                    Close = trade.Price,
                    Volume = candle.Volume + trade.Size,
                    Trades = candle.Trades + 1,
                };
            }
            else
            {
                Print($"LATE {trade.Venue} {symbol} {Stamp(start)} price {trade.Price} size {trade.Size}: that candle was already built");
            }
        }
    }
}

async Task FollowVenueCandlesAsync()
{
    await foreach (var c in Until(Market.Candles(symbol, interval), stop))
    {
        var candle = new Candle(c.Start, c.Open, c.High, c.Low, c.Close, c.Volume, c.TradeCount);
        lock (gate)
        {
            if (venueOpen.TryGetValue(c.Venue, out var previous) && previous.Start < c.Start)
            {
                Finish(c.Venue, previous);
            }

            venueOpen[c.Venue] = candle;
            if (c.IsClosed)
            {
                Finish(c.Venue, candle);
                venueOpen.Remove(c.Venue);
            }
        }
    }
}

void Finish(string venue, Candle candle)
{
    if (venueFinal.TryAdd((venue, candle.Start), candle))
    {
        Print(Describe("VENUE", venue, candle));
        Compare(venue, candle.Start);
    }
}

void Compare(string venue, DateTimeOffset start)
{
    if (!built.TryGetValue((venue, start), out var mine) || !venueFinal.TryGetValue((venue, start), out var theirs))
    {
        return;
    }

    var partial = firstBucket.TryGetValue(venue, out var first) && first == start ? " partial" : "";
    var same = mine.Open == theirs.Open && mine.High == theirs.High && mine.Low == theirs.Low
        && mine.Close == theirs.Close && mine.Volume == theirs.Volume;
    Print(same
        ? $"COMPARE {venue} {symbol} {Stamp(start)} match{partial}"
        : $"COMPARE {venue} {symbol} {Stamp(start)} differ open {theirs.Open - mine.Open} high {theirs.High - mine.High} low {theirs.Low - mine.Low} close {theirs.Close - mine.Close} volume {theirs.Volume - mine.Volume}{partial}");
}

DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % interval.Ticks, TimeSpan.Zero);

string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

string Describe(string kind, string venue, Candle c) =>
    $"{kind} {venue} {symbol} {Stamp(c.Start)} O {c.Open} H {c.High} L {c.Low} C {c.Close} V {c.Volume} N {(c.Trades is { } n ? n.ToString() : "-")}";

record Candle(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, long? Trades);
