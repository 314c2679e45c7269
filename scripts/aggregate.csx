// aggregate.csx: one symbol's tickers from every venue, merged into one stream.
//
//   fluxum script run scripts/aggregate.csx [-- SYMBOL [DURATION [VENUES]]]
//     SYMBOL    canonical symbol, default BTC/USD
//     DURATION  how long to run (30s, 5m, forever), default forever
//     VENUES    comma-separated venues to merge, default every configured venue
//
// Prints one line per ticker, then a count per venue when it stops:
//   TICKER kraken BTC/USD bid 64000.1 ask 64000.5 last 64000.3
//   COUNT kraken BTC/USD 12

var symbol = SymbolArg(0, "BTC/USD");
var stop = StopAfter(DurationArg(1, null));
var venues = Arg(2, string.Join(",", Market.Venues))
    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

Print($"AGGREGATE {symbol} from {string.Join(",", venues)}");

// Each venue's stream is its own subscription; Merge interleaves them in arrival order.
var tickers = Merge(venues.Select(venue => Market.Venue(venue).Tickers(symbol)));
var counts = venues.ToDictionary(v => v, _ => 0);
await foreach (var t in Until(tickers, stop))
{
    counts[t.Venue]++;
    Print($"TICKER {t.Venue} {t.Symbol} bid {t.Bid} ask {t.Ask} last {(t.Last is { } last ? last.ToString() : "-")}");
}

foreach (var (venue, count) in counts)
{
    Print($"COUNT {venue} {symbol} {count}");
}
