// best-bid-offer.csx: the consolidated best bid and offer across venues, from the live order books.
//
//   fluxum script run scripts/best-bid-offer.csx [-- SYMBOL [DURATION [MAX_AGE [ALSO]]]]
//     SYMBOL    canonical symbol, default BTC/USD
//     DURATION  how long to run (30s, 5m, forever), default forever
//     MAX_AGE   a book not updated for this long is ignored as stale, default 60s
//     ALSO      quote currencies that stand in for SYMBOL's on a venue without a SYMBOL book, comma-separated
//               (e.g. USDT: Binance's BTC/USDT joins BTC/USD, named "(binance BTC/USDT)"); default none. The
//               two quotes are treated as equal, which they are only roughly: a spread across them is a basis too.
//
// A venue whose book is stale (it failed a checksum/sequence check and waits for a resync, or has not
// been updated for MAX_AGE) is left out. A line is printed whenever the consolidated view changes:
//   BBO BTC/USD bid 64000.1 (kraken) ask 64000.5 (gemini) spread 0.4 stale -
//   BBO BTC/USD bid 64000.1 (kraken) ask 64000.6 (kraken) spread 0.5 stale gemini
//   BBO BTC/USD none stale kraken,gemini
// A negative spread means the venues are crossed: one venue's bid is above another's ask.

var symbol = SymbolArg(0, "BTC/USD");
var stop = StopAfter(DurationArg(1, null));
var maxAge = DurationArg(2, "60s");
var also = Arg(3, "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .Select(quote => Symbol.Parse($"{symbol.Base}/{quote}")).ToList();
var watched = new List<Symbol> { symbol };
watched.AddRange(also);

Print($"BBO watching {symbol}{(also.Count == 0 ? "" : $" (or {string.Join(", ", also)})")} on {string.Join(",", Books.Keys)}");

var previous = "";
// Every book change is a prompt to look at all venues' live books again.
var changes = also.Count == 0 ? Market.BookSnapshots(symbol) : Watched(Market.BookSnapshots());
await foreach (var _ in Until(changes, stop))
{
    var line = Consolidate();
    if (line != previous)
    {
        Print(line);
        previous = line;
    }
}

string Consolidate()
{
    var now = Time.GetUtcNow();
    (decimal Price, string Venue)? bestBid = null;
    (decimal Price, string Venue)? bestAsk = null;
    var stale = new List<string>();
    foreach (var (name, books) in Books.OrderBy(b => b.Key, StringComparer.Ordinal))
    {
        // The venue's SYMBOL book, or else its first ALSO book that exists.
        var market = watched.FirstOrDefault(s => books.Levels(s, 1) is not null, symbol);
        var venue = market == symbol ? name : $"{name} {market}";
        var top = books.Top(market); // null while the book is stale, one-sided or not yet snapshotted
        var book = books.Levels(market, 1);
        if (top is not { } good || book is null || book.IsStale || (maxAge is { } age && now - book.ReceivedAt > age))
        {
            stale.Add(venue);
            continue;
        }

        if (bestBid is null || good.Bid.Price > bestBid.Value.Price)
        {
            bestBid = (good.Bid.Price, venue);
        }

        if (bestAsk is null || good.Ask.Price < bestAsk.Value.Price)
        {
            bestAsk = (good.Ask.Price, venue);
        }
    }

    var staleText = stale.Count == 0 ? "-" : string.Join(",", stale);
    return bestBid is { } bid && bestAsk is { } ask
        ? $"BBO {symbol} bid {bid.Price} ({bid.Venue}) ask {ask.Price} ({ask.Venue}) spread {ask.Price - bid.Price} stale {staleText}"
        : $"BBO {symbol} none stale {staleText}";
}

async IAsyncEnumerable<BookSnapshot> Watched(IAsyncEnumerable<BookSnapshot> all, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
{
    await foreach (var book in all.WithCancellation(cancellationToken))
    {
        if (watched.Contains(book.Symbol))
        {
            yield return book;
        }
    }
}
