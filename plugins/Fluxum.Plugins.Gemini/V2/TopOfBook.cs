using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Gemini.V2;

/// <summary>
/// v2 has no ticker channel: the protocol keeps a light book and the last trade per symbol and derives a
/// <see cref="Ticker"/> whenever the best bid/ask or the last trade changes.
/// </summary>
internal sealed class TopOfBook
{
    private readonly OrderBook _book;
    private BookTop? _lastTop;
    private decimal? _last;
    private decimal? _lastSize;
    private bool _tradeChanged;

    private readonly GeminiTickerStats _stats;
    private readonly string _venueName;

    /// <param name="symbol">The symbol.</param>
    /// <param name="venueName">Its Gemini name (lower case), for the REST statistics.</param>
    /// <param name="stats">Where tickers get their 24-hour statistics.</param>
    public TopOfBook(Symbol symbol, string venueName, GeminiTickerStats stats)
    {
        _book = new OrderBook(symbol);
        _venueName = venueName;
        _stats = stats;
    }

    public void Apply(bool snapshot, ReadOnlySpan<LevelChange> changes)
    {
        if (snapshot)
        {
            _book.ApplySnapshot(changes);
            return;
        }

        foreach (ref readonly var change in changes)
        {
            _book.Apply(change);
        }
    }

    public void Trade(decimal price, decimal size)
    {
        _last = price;
        _lastSize = size;
        _tradeChanged = true;
    }

    /// <summary>A ticker when something a ticker shows changed and both sides have a level; else null.</summary>
    public Ticker? Changed(DateTimeOffset receivedAt, DateTimeOffset? exchangeTime)
    {
        var top = _book.Top;
        if (top is not { } t || (top == _lastTop && !_tradeChanged))
        {
            return null;
        }

        _lastTop = top;
        _tradeChanged = false;
        return new Ticker
        {
            Venue = GeminiPlugin.VenueName,
            Symbol = _book.Symbol,
            Bid = t.Bid.Price,
            BidSize = t.Bid.Size,
            Ask = t.Ask.Price,
            AskSize = t.Ask.Size,
            Last = _last,
            LastSize = _lastSize,
            ReceivedAt = receivedAt,
            ExchangeTime = exchangeTime,
            Extras = _stats.For(_book.Symbol, _venueName),
        };
    }
}
