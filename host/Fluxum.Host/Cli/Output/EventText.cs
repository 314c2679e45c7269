using System.Globalization;
using System.Text;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Cli.Output;

/// <summary>Events as aligned text lines for people (<c>--format table</c>).</summary>
internal static class EventText
{
    /// <summary>One line for a ticker, trade, candle or raw frame.</summary>
    public static string Line(MarketEvent marketEvent) => marketEvent switch
    {
        Ticker t => F($"{Time(t)}  {t.Venue,-8} {t.Symbol,-9} bid {t.Bid,14} x {t.BidSize,-14} ask {t.Ask,14} x {t.AskSize,-14} last {t.Last?.ToString(CultureInfo.InvariantCulture) ?? "-",14}"),
        Trade t => F($"{Time(t)}  {t.Venue,-8} {t.Symbol,-9} {(t.TakerSide == Sdk.Side.Buy ? "BUY " : "SELL")} {t.Size,14} @ {t.Price,-14} id {t.TradeId ?? "-"}"),
        Ohlc c => F($"{Time(c)}  {c.Venue,-8} {c.Symbol,-9} {Intervals.Format(c.Interval),3} {c.Start:HH:mm:ss} O {c.Open} H {c.High} L {c.Low} C {c.Close} V {c.Volume}{(c.IsClosed ? " closed" : "")}"),
        RawFrame r => F($"{Time(r)}  {r.Venue,-8} {r.Text}"),
        DataQualityEvent q => F($"{Time(q)}  {q.Venue,-8} {q.Symbol?.ToString() ?? "",-9} {q.Kind}: {q.Detail}"),
        VenueError e => F($"{Time(e)}  {e.Venue,-8} {e.Symbol?.ToString() ?? "",-9} {e.Code ?? "error"}: {e.Message}"),
        _ => F($"{Time(marketEvent)}  {marketEvent.Venue,-8} {marketEvent}"),
    };

    /// <summary>A block for a book: header with health and counters, then levels side by side.</summary>
    public static string Book(BookSnapshot book, BookCounters? counters, int depth)
    {
        ArgumentNullException.ThrowIfNull(book);
        var text = new StringBuilder();
        var health = book.Unverified is { } why ? $"UNVERIFIED ({why})" : book.IsStale ? "STALE (waiting for resync)" : "good";
        text.Append(CultureInfo.InvariantCulture, $"{Time(book)}  {book.Venue} {book.Symbol}  {health}");
        if (counters is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  updates {counters.Updates}, snapshots {counters.Snapshots}, checksum failures {counters.ChecksumFailures}, gaps {counters.Gaps}, resyncs {counters.ResyncRequests}");
        }

        // This book's own checks (the counters above are the venue's).
        text.Append(CultureInfo.InvariantCulture, $"  | {book.Symbol}: checksums verified {book.ChecksumsVerified}, failed {book.ChecksumFailures}");

        text.AppendLine();
        text.AppendLine(F($"  {"bid size",16} {"bid",14} | {"ask",-14} {"ask size",-16}"));
        var rows = Math.Min(depth, Math.Max(book.Bids.Count, book.Asks.Count));
        for (var i = 0; i < rows; i++)
        {
            var bid = i < book.Bids.Count ? book.Bids[i] : (BookLevel?)null;
            var ask = i < book.Asks.Count ? book.Asks[i] : (BookLevel?)null;
            text.AppendLine(F($"  {Num(bid?.Size),16} {Num(bid?.Price),14} | {Num(ask?.Price),-14} {Num(ask?.Size),-16}"));
        }

        return text.ToString();
    }

    private static string Num(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Time(MarketEvent e) => (e.ExchangeTime ?? e.ReceivedAt).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
