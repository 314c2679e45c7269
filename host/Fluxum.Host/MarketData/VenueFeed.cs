using System.Text;
using Fluxum.Host.Logging;
using Fluxum.Host.Recording;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.MarketData;

/// <summary>
/// One venue's way into the hub, shared by its live session and a replay: raw frame → (record) → raw-frame
/// consumers → protocol decode (contained) → events to the hub, book frames to the venue's
/// <see cref="BookManager"/>, whose quality events, level changes and snapshots reach the hub too.
/// </summary>
internal sealed partial class VenueFeed : IFrameSink
{
    private const int PreviewBytes = 160;
    private readonly MarketDataHub _hub;
    private readonly ILogger _logger;

    // The receive time of the frame being decoded into the feed itself as the sink (a replay: one connection).
    // A live connection decodes into its own sink, which keeps its own (see SessionFrameSink): the public and
    // the authenticated connection share this feed, and one must not stamp the other's events.
    private DateTimeOffset _receivedAt;
    private bool _levelListener;

    internal VenueFeed(string venue, BookManager books, MarketDataHub hub, ILogger logger)
    {
        Venue = venue;
        Books = books;
        _hub = hub;
        _logger = logger;
        books.Quality += OnQuality;
    }

    /// <summary>The venue name.</summary>
    public string Venue { get; }

    /// <summary>The venue's books.</summary>
    public BookManager Books { get; }

    /// <summary>Frames, events, malformed frames and decoder faults so far.</summary>
    public FeedCounters Counters { get; } = new();

    /// <summary>Exchange-to-local lag: from the venue's timestamp of an event or book frame to its receipt.</summary>
    public Operations.LatencyHistogram Lag { get; } = new();

    /// <summary>
    /// Where raw frames are recorded: none, one, or several (the command line's <c>--record</c> and the
    /// venue's own <c>record:</c> are both honoured).
    /// </summary>
    public IReadOnlyList<FrameRecorder> Recorders { get; set; } = [];

    /// <summary>A connection opened (recorded, so a replay resets the protocol at the same point).</summary>
    /// <summary>
    /// The venue's strategy-(b) runner (<see cref="BookSync.RestSnapshot"/>), when it declares that strategy: book frames
    /// go through it (diffs stitched to REST snapshots) instead of straight to the book manager.
    /// </summary>
    public Books.RestSnapshotSync? RestSync { get; set; }

    /// <summary>The hub's clock, for a receipt time where the source gives none.</summary>
    internal TimeProvider Time => _hub.Time;

    /// <summary>Where the venue's streams are published (<c>publish: { nats }</c>), or null.</summary>
    internal Publishing.VenueTap? Tap { get; set; }

    public void ConnectionOpened(DateTimeOffset at)
    {
        RestSync?.ConnectionOpened();
        foreach (var recorder in Recorders)
        {
            if (recorder.RecordConnected(Venue, at) is { } failure)
            {
                RecordingFailed(failure, at);
            }
        }
    }

    /// <summary>
    /// Processes one raw frame through <paramref name="protocol"/>, decoding into <paramref name="sink"/>.
    /// <paramref name="record"/> is false for the authenticated connection: account data stays out of
    /// recordings, and a replay (one protocol instance) must see only the public connection's frames.
    /// </summary>
    public void Process(IMarketDataProtocol protocol, ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, bool record = true)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (ReferenceEquals(sink, this))
        {
            _receivedAt = receivedAt;
        }

        Counters.Frame(frame.Length);
        if (record)
        {
            foreach (var recorder in Recorders)
            {
                if (recorder.Record(Venue, receivedAt, frame) is { } failure)
                {
                    RecordingFailed(failure, receivedAt);
                }
            }
        }

        if (_hub.RawSet.HasAny)
        {
            _hub.Deliver(_hub.RawSet, new RawFrame { Venue = Venue, ReceivedAt = receivedAt, Payload = frame.ToArray() }, Venue, null);
        }

        // The plugin fills a buffer and returns; only then are its book frames applied (running its checksum) and its
        // events published. Decoding never re-enters the host, so no host lock is held while plugin code runs.
        var buffer = DecodeBuffer.Rent();
        try
        {
            Exception? fault = null;
            try
            {
                protocol.Decode(frame, receivedAt, buffer);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                fault = e;
            }

            // What the plugin delivered before a fault is applied, as it would have been had it not thrown.
            buffer.Drain(sink);
            if (fault is not null)
            {
                // A plugin bug must not take the session down: count it, report it, keep reading.
                Counters.DecoderFault();
                LogDecoderFault(_logger, Venue, fault);
                Report(DataQualityKind.MalformedFrame, null, $"the {Venue} protocol threw {fault.GetType().Name} decoding a frame: {fault.Message}; frame: {Preview(frame)}", receivedAt);
            }
        }
        finally
        {
            DecodeBuffer.Return(buffer);
        }
    }

    /// <summary>
    /// A recording stopped (reported once per recorder, here where the frame was): the market data goes on,
    /// and the user hears of it as a venue event (<c>recording_failed</c>) and in the final summary.
    /// </summary>
    private void RecordingFailed(string failure, DateTimeOffset at)
    {
        Counters.RecordingFailure();
        Publish(new VenueError
        {
            Venue = Venue,
            Code = "recording_failed",
            Message = $"{Venue}: {failure}; recording is switched off, market data continues",
            ReceivedAt = at,
        });
    }

    /// <inheritdoc />
    public void Publish(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        if (marketEvent is SymbolEvent && EventRules.Violation(marketEvent) is { } violation)
        {
            // A negative price or an unknown side is bad input, not data: counted and reported, never published.
            RejectEvent((SymbolEvent)marketEvent, violation);
            return;
        }

        Counters.Event(marketEvent switch
        {
            Trade => EventKind.Trade,
            Ticker => EventKind.Ticker,
            Ohlc => EventKind.Candle,
            DataQualityEvent => EventKind.DataQuality,
            _ => EventKind.Other,
        });
        if (marketEvent.ExchangeTime is { } exchangeTime)
        {
            Lag.Record(marketEvent.ReceivedAt - exchangeTime);
        }

        Tap?.Event(marketEvent);
        var symbol = (marketEvent as SymbolEvent)?.Symbol;
        switch (marketEvent)
        {
            case Trade trade:
                _hub.Deliver(_hub.TradeSet, trade, Venue, symbol);
                break;
            case Ticker ticker:
                _hub.Deliver(_hub.TickerSet, ticker, Venue, symbol);
                break;
            case Ohlc candle:
                _hub.Deliver(_hub.CandleSet, candle, Venue, symbol);
                break;
            case DataQualityEvent quality:
                _hub.Deliver(_hub.QualitySet, quality, Venue, quality.Symbol);
                break;
            default:
                break;
        }

        if (_hub.EventSet.HasAny)
        {
            _hub.Deliver(_hub.EventSet, marketEvent, Venue, symbol);
        }
    }

    private void RejectEvent(SymbolEvent marketEvent, string violation)
    {
        Counters.MalformedFrame();
        LogMalformed(_logger, Venue, violation);
        var receivedAt = marketEvent.ReceivedAt == default ? _receivedAt : marketEvent.ReceivedAt;
        Report(DataQualityKind.MalformedFrame, marketEvent.Symbol.IsEmpty ? null : marketEvent.Symbol, $"event rejected: {violation}", receivedAt);
    }

    /// <inheritdoc />
    public void Book(in BookFrame frame)
    {
        if (RestSync is { } sync)
        {
            sync.OnFrame(frame);
            return;
        }

        ApplyToBooks(frame);
    }

    /// <summary>Applies one book frame to the manager (a venue's own, or one its book-sync strategy built).</summary>
    internal void ApplyToBooks(in BookFrame frame)
    {
        SyncLevelListener();
        if (frame.ExchangeTime is { } exchangeTime)
        {
            Lag.Record(frame.ReceivedAt - exchangeTime);
        }

        var result = Books.Apply(frame);
        Tap?.BookApplied(frame, result);
        if (result == BookFrameResult.Untracked && Books.IsUnknown(frame.Symbol))
        {
            // A symbol never subscribed (reported once per symbol by the manager): a damaged symbol of one of ours,
            // as far as anyone can tell, so that book may be short of this update. Every book resyncs (bounded).
            Books.MarkAllStale($"a book frame named {frame.Symbol}, which is not subscribed (it may be a damaged symbol)", requestResync: true);
        }

        if (_hub.SnapshotSet.HasAny)
        {
            PublishSnapshot(frame.Symbol);
        }
    }

    /// <inheritdoc />
    public void Malformed(string reason, ReadOnlySpan<byte> frame) => Malformed(reason, frame, _receivedAt);

    /// <summary>A malformed frame that was received at <paramref name="receivedAt"/> (default: now).</summary>
    internal void Malformed(string reason, ReadOnlySpan<byte> frame, DateTimeOffset receivedAt)
    {
        Counters.MalformedFrame();
        LogMalformed(_logger, Venue, reason);
        Report(DataQualityKind.MalformedFrame, null, $"{reason}; frame: {Preview(frame)}", receivedAt);
    }

    /// <inheritdoc />
    public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame) => BookMalformed(symbol, reason, frame, _receivedAt);

    /// <summary>
    /// A book frame for <paramref name="symbol"/> that could not be applied in full: counted and reported as a
    /// malformed frame naming the symbol, and the book is marked stale with a resync requested (a book short of
    /// part of an update is wrong, and a venue without a checksum would never notice).
    /// </summary>
    internal void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame, DateTimeOffset receivedAt)
    {
        Counters.MalformedFrame();
        using (_logger.BeginScope(LogScope.ForSymbol(symbol)))
        {
            LogBookMalformed(_logger, Venue, symbol.ToString(), reason);
        }

        Report(DataQualityKind.MalformedFrame, symbol, $"{reason}; frame: {Preview(frame)}", receivedAt);
        if (Books.IsUnknown(symbol))
        {
            // Not one of ours: its symbol may be damaged too, so any book may be short of it.
            Books.MarkAllStale($"a broken book frame named {symbol}, which is not subscribed ({reason})", requestResync: true);
            return;
        }

        Books.MarkStale(symbol, $"a book frame could not be applied in full ({reason})", requestResync: true);
    }

    /// <inheritdoc />
    /// <summary>A book frame whose content the host's book-sync strategy cannot use (no frame bytes to show).</summary>
    internal void ReportBookMalformed(Symbol symbol, string reason, DateTimeOffset receivedAt) => BookMalformed(symbol, reason, ReadOnlySpan<byte>.Empty, receivedAt);

    public void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame) => UnattributedBookMalformed(reason, frame, _receivedAt);

    /// <summary>
    /// A damaged frame that may have carried book data for any symbol (its symbol or its kind unreadable): counted
    /// as one malformed frame and reported once (no symbol), and every book of the venue is marked stale with a
    /// resync requested (each bounded to one outstanding request), because any of them may be short of an update.
    /// Only for the connection that carries the books; the authenticated connection reports a plain malformed frame.
    /// </summary>
    internal void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame, DateTimeOffset receivedAt)
    {
        Counters.MalformedFrame();
        LogUnattributedBookMalformed(_logger, Venue, reason);
        Report(DataQualityKind.MalformedFrame, null, $"{reason}; it may have been a book frame of any symbol, so every book is marked stale and resynced; frame: {Preview(frame)}", receivedAt);
        Books.MarkAllStale($"a frame that may have been a book frame could not be read ({reason})", requestResync: true);
    }

    /// <summary>Reports a data-quality event of this venue caused by a frame received at <paramref name="receivedAt"/> (default: now).</summary>
    internal void Report(DataQualityKind kind, Symbol? symbol, string detail, DateTimeOffset receivedAt) =>
        Publish(new DataQualityEvent { Venue = Venue, Symbol = symbol, Kind = kind, Detail = detail, ReceivedAt = receivedAt == default ? _hub.Time.GetUtcNow() : receivedAt });

    private void OnQuality(DataQualityEvent quality)
    {
        if (quality.Kind == DataQualityKind.Unverified)
        {
            using (quality.Symbol is { } unverified ? _logger.BeginScope(LogScope.ForSymbol(unverified)) : null)
            {
                LogUnverified(_logger, Venue, quality.Symbol?.ToString() ?? "", quality.Detail);
            }
        }

        Publish(quality);
        if (quality.Symbol is { } symbol && quality.Kind is DataQualityKind.Stale or DataQualityKind.Resynced or DataQualityKind.Unverified && _hub.SnapshotSet.HasAny)
        {
            PublishSnapshot(symbol);
        }
    }

    private void PublishSnapshot(Symbol symbol)
    {
        if (_hub.SnapshotSet.AnyMatches(Venue, symbol) && Books.Snapshot(symbol) is { } snapshot)
        {
            _hub.Deliver(_hub.SnapshotSet, snapshot, Venue, symbol);
        }
    }

    /// <summary>Listens to level changes only while someone consumes them: no listener, no allocation.</summary>
    private void SyncLevelListener()
    {
        var wanted = _hub.UpdateSet.HasAny;
        if (wanted == _levelListener)
        {
            return;
        }

        if (wanted)
        {
            Books.LevelChanged += OnLevelChanged;
        }
        else
        {
            Books.LevelChanged -= OnLevelChanged;
        }

        _levelListener = wanted;
    }

    private void OnLevelChanged(BookUpdate update) => _hub.Deliver(_hub.UpdateSet, update, Venue, update.Symbol);

    private static string Preview(ReadOnlySpan<byte> frame) =>
        frame.Length <= PreviewBytes
            ? Encoding.UTF8.GetString(frame)
            : $"{Encoding.UTF8.GetString(frame[..PreviewBytes])}... ({frame.Length} bytes)";

    [LoggerMessage(EventId = 1311, Level = LogLevel.Error, Message = "{Venue}: the protocol threw while decoding a frame; frame skipped")]
    private static partial void LogDecoderFault(ILogger logger, string venue, Exception exception);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "{Venue}: malformed frame skipped: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string venue, string reason);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Warning, Message = "{Venue} {Symbol}: malformed book frame; book marked stale and resynced: {Reason}")]
    private static partial void LogBookMalformed(ILogger logger, string venue, string symbol, string reason);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Warning, Message = "{Venue}: malformed frame that may have been a book frame of any symbol; every book marked stale and resynced: {Reason}")]
    private static partial void LogUnattributedBookMalformed(ILogger logger, string venue, string reason);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Warning, Message = "{Venue} {Symbol}: {Detail}")]
    private static partial void LogUnverified(ILogger logger, string venue, string symbol, string detail);
}
