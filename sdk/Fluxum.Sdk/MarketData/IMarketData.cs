using Fluxum.Sdk.Books;
using Fluxum.Sdk.Sessions;

namespace Fluxum.Sdk.MarketData;

/// <summary>
/// Unified market data (layer 3 of the seed) for one venue or, merged, for several. Every method returns a
/// fresh subscriber with its own bounded buffer: a consumer that falls behind receives a
/// <see cref="DataQualityKind.SubscriberGap"/> on <see cref="DataQuality"/> (and book consumers a fresh
/// snapshot), and never slows the socket or other consumers. Pass a symbol to filter.
/// </summary>
public interface IMarketData
{
    /// <summary>The venues this view covers.</summary>
    IReadOnlyList<string> Venues { get; }

    /// <summary>The sessions of those venues, by venue name.</summary>
    IReadOnlyDictionary<string, ISession> Sessions { get; }

    /// <summary>The view of one venue.</summary>
    /// <exception cref="KeyNotFoundException">No such venue is configured (the message lists those that are).</exception>
    IMarketData Venue(string venue);

    /// <summary>Tickers.</summary>
    IAsyncEnumerable<Ticker> Tickers(Symbol? symbol = null, CancellationToken cancellationToken = default);

    /// <summary>Trades.</summary>
    IAsyncEnumerable<Trade> Trades(Symbol? symbol = null, CancellationToken cancellationToken = default);

    /// <summary>Candles (all intervals, or only <paramref name="interval"/>).</summary>
    IAsyncEnumerable<Ohlc> Candles(Symbol? symbol = null, TimeSpan? interval = null, CancellationToken cancellationToken = default);

    /// <summary>Book snapshots (after every change) from the venues' book managers.</summary>
    IAsyncEnumerable<BookSnapshot> BookSnapshots(Symbol? symbol = null, CancellationToken cancellationToken = default);

    /// <summary>Individual level changes, as applied.</summary>
    IAsyncEnumerable<BookUpdate> BookUpdates(Symbol? symbol = null, CancellationToken cancellationToken = default);

    /// <summary>Data-quality events: gaps, checksum mismatches, stale/resynced books, slow-consumer gaps.</summary>
    IAsyncEnumerable<DataQualityEvent> DataQuality(CancellationToken cancellationToken = default);

    /// <summary>Every raw frame received, before decoding.</summary>
    IAsyncEnumerable<RawFrame> RawFrames(CancellationToken cancellationToken = default);

    /// <summary>Every normalized event of any kind (acks, heartbeats, status and errors included).</summary>
    IAsyncEnumerable<MarketEvent> Events(CancellationToken cancellationToken = default);

    /// <summary>The book managers, by venue name.</summary>
    IReadOnlyDictionary<string, IBookManager> Books { get; }
}
