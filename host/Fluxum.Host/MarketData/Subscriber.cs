using System.Threading.Channels;
using Fluxum.Sdk;

namespace Fluxum.Host.MarketData;

/// <summary>
/// One consumer of one hub stream: a bounded buffer plus its filter and gap bookkeeping. Writers never
/// wait: when the buffer is full the event is dropped for this consumer only and counted as a gap
/// (book snapshot consumers keep the newest instead, so the next read is a fresh book).
/// </summary>
internal sealed class Subscriber<T>
    where T : class
{
    private readonly Channel<T> _channel;
    private readonly Lock _gate = new();
    private long _pendingGap;
    private long _channelDrops;

    public Subscriber(string description, string[]? venues, Symbol? symbol, TimeSpan? interval, int capacity, bool keepNewest)
    {
        Description = description;
        Venues = venues;
        Symbol = symbol;
        Interval = interval;
        var options = new BoundedChannelOptions(capacity)
        {
            FullMode = keepNewest ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,
            SingleReader = true,
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

    /// <summary>Events dropped for this consumer so far.</summary>
    public long Dropped { get; private set; }

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

    /// <summary>Offers an item. Returns what changed in the consumer's gap state.</summary>
    public GapChange Offer(T item, out long gapSize)
    {
        lock (_gate)
        {
            var before = Volatile.Read(ref _channelDrops);
            var written = _channel.Writer.TryWrite(item);
            var lost = written ? Volatile.Read(ref _channelDrops) - before : 1;
            if (lost > 0)
            {
                Dropped += lost;
                var opened = _pendingGap == 0;
                _pendingGap += lost;
                gapSize = _pendingGap;
                return opened ? GapChange.Opened : GapChange.Growing;
            }

            gapSize = _pendingGap;
            _pendingGap = 0;
            return gapSize > 0 ? GapChange.Closed : GapChange.None;
        }
    }

    public void Complete() => _channel.Writer.TryComplete();
}

/// <summary>What an offer did to a consumer's gap.</summary>
internal enum GapChange
{
    /// <summary>Delivered; no gap.</summary>
    None,

    /// <summary>Dropped: the consumer just fell behind.</summary>
    Opened,

    /// <summary>Dropped again while already behind.</summary>
    Growing,

    /// <summary>Delivered after a gap; the gap's size is reported.</summary>
    Closed,
}
