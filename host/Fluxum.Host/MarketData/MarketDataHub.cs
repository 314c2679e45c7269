using System.Collections.Concurrent;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.MarketData;

/// <summary>
/// The unified market data of every venue of a deployment. Sessions and replays feed it through their
/// venue's <see cref="VenueFeed"/>; consumers read it through <see cref="IMarketData"/> (this object covers
/// all venues; <see cref="IMarketData.Venue"/> and <see cref="ForVenues"/> narrow it). Each stream call
/// registers its consumer immediately, with its own bounded buffer: a consumer whose buffer fills is a whole
/// buffer behind, so its unread events are dropped (counted, reported as one
/// <see cref="DataQualityKind.SubscriberGap"/> naming how many) and it continues with current data; it never
/// slows the socket or anyone else. Book snapshot consumers keep their newest snapshots instead: a snapshot
/// replacing an unread older one is counted as superseded, not reported as a gap (the newer one holds it).
/// </summary>
internal sealed partial class MarketDataHub : IMarketData
{
    private readonly ConcurrentDictionary<string, VenueFeed> _feeds = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ISession> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly MarketDataView _all;
    private readonly ILogger _logger;
    private int _nextId;

    /// <summary>Creates an empty hub; venues join with <see cref="AddVenue"/>.</summary>
    public MarketDataHub(MarketDataHubOptions options, TimeProvider time, ILogger<MarketDataHub> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Time = time;
        _logger = logger;
        _all = new MarketDataView(this, null);
    }

    /// <summary>Delivery totals: delivered, dropped, gaps.</summary>
    internal HubCounters Counters { get; } = new();

    /// <summary>Receipt to hand-over: from an event's <see cref="MarketEvent.ReceivedAt"/> to its write into the consumers' queues.</summary>
    internal Operations.LatencyHistogram DeliveryLatency { get; } = new();

    /// <summary><see cref="DeliveryLatency"/> records one delivered event in this many (a power of two).</summary>
    internal const int DeliveryLatencySampling = 16;

    private int _latencyTick;

    internal MarketDataHubOptions Options { get; }

    internal TimeProvider Time { get; }

    internal SubscriberSet<Ticker> TickerSet { get; } = new("tickers");

    internal SubscriberSet<Trade> TradeSet { get; } = new("trades");

    internal SubscriberSet<Ohlc> CandleSet { get; } = new("candles");

    internal SubscriberSet<BookSnapshot> SnapshotSet { get; } = new("book snapshots");

    internal SubscriberSet<BookUpdate> UpdateSet { get; } = new("book updates");

    internal SubscriberSet<DataQualityEvent> QualitySet { get; } = new("data quality");

    internal SubscriberSet<RawFrame> RawSet { get; } = new("raw frames");

    internal SubscriberSet<MarketEvent> EventSet { get; } = new("events");

    /// <inheritdoc />
    public IReadOnlyList<string> Venues => [.. _feeds.Keys.Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ISession> Sessions => new Dictionary<string, ISession>(_sessions, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, IBookManager> Books =>
        _feeds.ToDictionary(f => f.Key, f => (IBookManager)f.Value.Books, StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes each venue's tap into the NATS publisher as it joins (<c>publish: { nats }</c>), or null.</summary>
    internal Func<string, BookManager, Publishing.VenueTap>? TapFactory { get; set; }

    /// <summary>Registers a venue and returns the feed its session (or replay) publishes into.</summary>
    /// <exception cref="InvalidOperationException">The venue is already registered.</exception>
    public VenueFeed AddVenue(string venue, BookManager books)
    {
        var feed = new VenueFeed(venue, books, this, _logger) { Tap = TapFactory?.Invoke(venue, books) };
        return _feeds.TryAdd(venue, feed) ? feed : throw new InvalidOperationException($"venue '{venue}' is already registered with the hub");
    }

    /// <summary>Makes a venue's session visible in <see cref="Sessions"/>.</summary>
    public void AttachSession(string venue, ISession session) => _sessions[venue] = session;

    /// <summary>Ends every consumer's stream (the deployment stopped).</summary>
    public void Complete()
    {
        TickerSet.CompleteAll();
        TradeSet.CompleteAll();
        CandleSet.CompleteAll();
        SnapshotSet.CompleteAll();
        UpdateSet.CompleteAll();
        QualitySet.CompleteAll();
        RawSet.CompleteAll();
        EventSet.CompleteAll();
    }

    /// <summary>A view over several venues at once: one call merges their streams.</summary>
    /// <exception cref="KeyNotFoundException">A venue is not registered (the message lists those that are).</exception>
    public IMarketData ForVenues(params string[] venues)
    {
        foreach (var venue in venues)
        {
            RequireVenue(venue);
        }

        return new MarketDataView(this, venues);
    }

    /// <inheritdoc />
    public IMarketData Venue(string venue) => ForVenues(venue);

    /// <inheritdoc />
    public IAsyncEnumerable<Ticker> Tickers(Symbol? symbol = null, CancellationToken cancellationToken = default) => _all.Tickers(symbol, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<Trade> Trades(Symbol? symbol = null, CancellationToken cancellationToken = default) => _all.Trades(symbol, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<Ohlc> Candles(Symbol? symbol = null, TimeSpan? interval = null, CancellationToken cancellationToken = default) =>
        _all.Candles(symbol, interval, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<BookSnapshot> BookSnapshots(Symbol? symbol = null, CancellationToken cancellationToken = default) => _all.BookSnapshots(symbol, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<BookUpdate> BookUpdates(Symbol? symbol = null, CancellationToken cancellationToken = default) => _all.BookUpdates(symbol, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<DataQualityEvent> DataQuality(CancellationToken cancellationToken = default) => _all.DataQuality(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<RawFrame> RawFrames(CancellationToken cancellationToken = default) => _all.RawFrames(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<MarketEvent> Events(CancellationToken cancellationToken = default) => _all.Events(cancellationToken);

    internal void RequireVenue(string venue)
    {
        if (!_feeds.ContainsKey(venue))
        {
            throw new KeyNotFoundException($"venue '{venue}' is not configured; configured venues: {string.Join(", ", Venues)}");
        }
    }

    /// <summary>Registers a consumer now and returns its stream; each further enumeration is a consumer of its own.</summary>
    internal IAsyncEnumerable<T> Subscribe<T>(SubscriberSet<T> set, string[]? venues, Symbol? symbol, TimeSpan? interval, bool keepNewest, CancellationToken cancellationToken)
        where T : class
    {
        var filter = symbol is { } s ? $" {s}" : string.Empty;
        var capacity = keepNewest ? Options.SnapshotCapacity : Options.SubscriberCapacity;
        return new EagerStream<T>(
            () =>
            {
                var id = Interlocked.Increment(ref _nextId);
                var subscriber = new Subscriber<T>($"{set.Stream}{filter} consumer #{id}", venues, symbol, interval, capacity, keepNewest);
                set.Add(subscriber);
                return new StreamRegistration<T>(subscriber.Reader, () => set.Remove(subscriber));
            },
            cancellationToken);
    }

    /// <summary>Delivers to every matching consumer of a stream, reporting consumers that fall behind.</summary>
    internal void Deliver<T>(SubscriberSet<T> set, T item, string venue, Symbol? symbol)
        where T : MarketEvent
    {
        var timed = false;
        foreach (var subscriber in set.Items)
        {
            if (!subscriber.Matches(venue, symbol)
                || (subscriber.Interval is { } interval && item is Ohlc candle && candle.Interval != interval))
            {
                continue;
            }

            if (!timed)
            {
                // One event in DeliveryLatencySampling, not per consumer: a clock read and a record cost 50 ns, about
                // 40 % of a delivery (HubDeliveryBenchmarks). The tick is shared by the venues' receive loops without
                // a lock: a lost increment only moves which event is sampled.
                timed = true;
                if ((++_latencyTick & (DeliveryLatencySampling - 1)) == 0)
                {
                    DeliveryLatency.Record(Time.GetUtcNow() - item.ReceivedAt);
                }
            }

            var change = subscriber.Offer(item, out var gap);
            Counters.Deliver();
            switch (change)
            {
                case GapChange.Skipped:
                    // The new item went in; the consumer's unread backlog went out.
                    Counters.Drop(gap);
                    ReportSkipped(set, subscriber, venue, symbol, gap);
                    break;
                case GapChange.Superseded:
                    Counters.Supersede(gap);
                    break;
            }
        }
    }

    private void ReportSkipped<T>(SubscriberSet<T> set, Subscriber<T> subscriber, string venue, Symbol? symbol, long gap)
        where T : class
    {
        Counters.Gap();
        LogBacklogSkipped(_logger, subscriber.Description, venue, gap);
        if (ReferenceEquals(set, QualitySet))
        {
            return; // A data-quality consumer's own gap is counted and logged; reporting it to itself would recurse.
        }

        var detail = $"{subscriber.Description} fell behind (its buffer of {subscriber.Capacity} was full): skipped {gap} unread events; it continues with current data";
        Deliver(QualitySet, new DataQualityEvent { Venue = venue, Symbol = symbol, Kind = DataQualityKind.SubscriberGap, Detail = detail, ReceivedAt = Time.GetUtcNow() }, venue, symbol);
    }

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "{Subscriber} fell behind on {Venue}: skipped {Skipped} unread events; it continues with current data")]
    private static partial void LogBacklogSkipped(ILogger logger, string subscriber, string venue, long skipped);
}
