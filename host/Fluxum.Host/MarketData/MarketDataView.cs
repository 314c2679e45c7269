using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Sessions;

namespace Fluxum.Host.MarketData;

/// <summary>The hub seen through a venue filter (null: every venue, including ones added later).</summary>
internal sealed class MarketDataView : IMarketData
{
    private readonly MarketDataHub _hub;
    private readonly string[]? _venues;

    public MarketDataView(MarketDataHub hub, string[]? venues)
    {
        _hub = hub;
        _venues = venues;
    }

    public IReadOnlyList<string> Venues => _venues ?? _hub.Venues;

    public IReadOnlyDictionary<string, ISession> Sessions => Filter(_hub.Sessions);

    public IReadOnlyDictionary<string, IBookManager> Books => Filter(_hub.Books);

    public IMarketData Venue(string venue)
    {
        if (_venues is not null && !_venues.Contains(venue, StringComparer.OrdinalIgnoreCase))
        {
            throw new KeyNotFoundException($"venue '{venue}' is not in this view; its venues: {string.Join(", ", _venues)}");
        }

        return _hub.Venue(venue);
    }

    public IAsyncEnumerable<Ticker> Tickers(Symbol? symbol = null, CancellationToken cancellationToken = default) =>
        _hub.Subscribe(_hub.TickerSet, _venues, symbol, null, keepNewest: false, cancellationToken);

    public IAsyncEnumerable<Trade> Trades(Symbol? symbol = null, CancellationToken cancellationToken = default) =>
        _hub.Subscribe(_hub.TradeSet, _venues, symbol, null, keepNewest: false, cancellationToken);

    public IAsyncEnumerable<Ohlc> Candles(Symbol? symbol = null, TimeSpan? interval = null, CancellationToken cancellationToken = default) =>
        _hub.Subscribe(_hub.CandleSet, _venues, symbol, interval, keepNewest: false, cancellationToken);

    public IAsyncEnumerable<BookSnapshot> BookSnapshots(Symbol? symbol = null, CancellationToken cancellationToken = default) =>
        _hub.Subscribe(_hub.SnapshotSet, _venues, symbol, null, keepNewest: true, cancellationToken);

    public IAsyncEnumerable<BookUpdate> BookUpdates(Symbol? symbol = null, CancellationToken cancellationToken = default) =>
        _hub.Subscribe(_hub.UpdateSet, _venues, symbol, null, keepNewest: false, cancellationToken);

    public IAsyncEnumerable<DataQualityEvent> DataQuality(CancellationToken cancellationToken = default) =>
        _hub.Subscribe(_hub.QualitySet, _venues, null, null, keepNewest: false, cancellationToken);

    public IAsyncEnumerable<RawFrame> RawFrames(CancellationToken cancellationToken = default) =>
        _hub.Subscribe(_hub.RawSet, _venues, null, null, keepNewest: false, cancellationToken);

    public IAsyncEnumerable<MarketEvent> Events(CancellationToken cancellationToken = default) =>
        _hub.Subscribe(_hub.EventSet, _venues, null, null, keepNewest: false, cancellationToken);

    private Dictionary<string, TValue> Filter<TValue>(IReadOnlyDictionary<string, TValue> all)
    {
        var result = new Dictionary<string, TValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var (venue, value) in all)
        {
            if (_venues is null || _venues.Contains(venue, StringComparer.OrdinalIgnoreCase))
            {
                result[venue] = value;
            }
        }

        return result;
    }
}
