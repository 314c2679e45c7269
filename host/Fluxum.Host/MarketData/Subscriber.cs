using System.Threading.Channels;
using Fluxum.Sdk;

namespace Fluxum.Host.MarketData;

/// <summary>
/// One consumer of one hub stream: a bounded buffer plus its filter and gap bookkeeping. Writers never
/// wait. When the buffer is full the consumer is a whole buffer behind: what it has not read yet is
/// dropped (counted, reported as one gap) and the new event goes in, so its next read is current data
/// rather than the oldest. Book snapshot consumers keep the newest snapshots instead, so the next read is
/// a fresh book.
/// </summary>
internal sealed class Subscriber<T>
    where T : class
{
    private readonly Channel<T> _channel;
    private readonly Lock _gate = new();
    private readonly bool _keepNewest;
    private long _channelDrops;

    public Subscriber(string description, string[]? venues, Symbol? symbol, TimeSpan? interval, int capacity, bool keepNewest)
    {
        Description = description;
        Venues = venues;
        Symbol = symbol;
        Interval = interval;
        Capacity = capacity;
        _keepNewest = keepNewest;
        var options = new BoundedChannelOptions(capacity)
        {
            FullMode = keepNewest ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,

            // A consumer that fell behind has its backlog read off by the writer: two readers then.
            SingleReader = keepNewest,
        };
        _channel = keepNewest
            ? Channel.CreateBounded<T>(options, _ => Interlocked.Increment(ref _channelDrops))
            : Channel.CreateBounded<T>(options);
    }

    /// <summary>Who this is, for gap reports (stream, filter, id).</summary>
    public string Description { get; }

    /// <summary>The venues it wants, or null for all.</summary>
    public string[]? Venues { get; }

    /// <summary>The symbol it wants, or null for all.</summary>
    public Symbol? Symbol { get; }

    /// <summary>The candle interval it wants, or null for all.</summary>
    public TimeSpan? Interval { get; }

    /// <summary>How many events its buffer holds.</summary>
    public int Capacity { get; }

    /// <summary>Events dropped for this consumer so far.</summary>
    public long Dropped { get; private set; }

    /// <summary>Unread snapshots a newer one replaced (newest-only consumers; not a loss).</summary>
    public long Superseded { get; private set; }

    public ChannelReader<T> Reader => _channel.Reader;

    public bool Matches(string venue, Symbol? symbol)
    {
        if (Symbol is { } wanted && (symbol is not { } actual || actual != wanted))
        {
            return false;
        }

        if (Venues is null)
        {
            return true;
        }

        foreach (var v in Venues)
        {
            if (string.Equals(v, venue, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Offers an item. Returns what changed in the consumer's gap state; <paramref name="gapSize"/> is how many events the gap lost.</summary>
    public GapChange Offer(T item, out long gapSize)
    {
        lock (_gate)
        {
            return _keepNewest ? OfferKeepingNewest(item, out gapSize) : OfferSkippingBacklog(item, out gapSize);
        }
    }

    public void Complete() => _channel.Writer.TryComplete();

    private GapChange OfferSkippingBacklog(T item, out long gapSize)
    {
        if (_channel.Writer.TryWrite(item))
        {
            gapSize = 0;
            return GapChange.None;
        }

        // Full: everything buffered is older than what the consumer should see next. Drop it, keep the new one.
        long skipped = 0;
        while (_channel.Reader.TryRead(out _))
        {
            skipped++;
        }

        if (!_channel.Writer.TryWrite(item))
        {
            // Completed meanwhile (the consumer left): nothing is delivered to it any more.
            skipped++;
        }

        Dropped += skipped;
        gapSize = skipped;
        return GapChange.Skipped;
    }

    /// <summary>
    /// A snapshot consumer wants the newest state only, so a buffered snapshot the new one replaces is not a
    /// gap (no event, no data lost: the new one contains it); it is counted as superseded.
    /// </summary>
    private GapChange OfferKeepingNewest(T item, out long gapSize)
    {
        var before = Volatile.Read(ref _channelDrops);
        var written = _channel.Writer.TryWrite(item);
        if (!written)
        {
            // Completed meanwhile (the consumer left): nothing is delivered to it any more.
            gapSize = 0;
            return GapChange.None;
        }

        gapSize = Volatile.Read(ref _channelDrops) - before;
        if (gapSize > 0)
        {
            Superseded += gapSize;
            return GapChange.Superseded;
        }

        return GapChange.None;
    }
}

/// <summary>What an offer did to a consumer's gap.</summary>
internal enum GapChange
{
    /// <summary>Delivered; no gap.</summary>
    None,

    /// <summary>Delivered to a newest-only (snapshot) consumer, replacing unread older snapshots: not a gap.</summary>
    Superseded,

    /// <summary>The consumer was a full buffer behind: its unread backlog was dropped and the item delivered, so it reads current data next.</summary>
    Skipped,
}
