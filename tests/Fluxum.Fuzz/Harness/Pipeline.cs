using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Fuzz.Harness;

/// <summary>A book frame as a decoder sent it, copied out of its spans.</summary>
internal sealed record DecodedBook(Symbol Symbol, bool IsSnapshot, LevelChange[] Changes, uint? Checksum, long? FirstSequence, long? LastSequence)
{
    public bool SameAs(DecodedBook other) =>
        Symbol.Equals(other.Symbol) && IsSnapshot == other.IsSnapshot && Checksum == other.Checksum
        && FirstSequence == other.FirstSequence && LastSequence == other.LastSequence && Changes.AsSpan().SequenceEqual(other.Changes);
}

/// <summary>
/// One decoder and one book manager with the venue's rules, wired as the host wires them (a book frame that
/// cannot be applied in full marks its book stale and asks for a resync, as VenueFeed.BookMalformed does; one that
/// cannot be attributed marks every book stale, as VenueFeed.UnattributedBookMalformed does),
/// recording what each frame produced.
/// </summary>
internal sealed class Pipeline : IFrameSink
{
    public Pipeline((IMarketDataProtocol Protocol, BookRules Rules) venue, string name, TimeProvider time)
    {
        Protocol = venue.Protocol;
        // As the host keeps them: books only for the stream's (tracked) symbols, with the venue's declared rules.
        Books = new BookManager(name, venue.Rules, time) { TrackedOnly = true };
        Books.ResyncRequested += (symbol, _) =>
        {
            ResyncRequestCount++;
            ResyncRequests.Add(symbol);
        };
    }

    public IMarketDataProtocol Protocol { get; }

    public BookManager Books { get; }

    /// <summary>Symbols whose book asked for a resync and has not been answered yet.</summary>
    public HashSet<Symbol> ResyncRequests { get; } = [];

    /// <summary>Resync requests so far.</summary>
    public long ResyncRequestCount { get; private set; }

    /// <summary>Book frames of the last frame fed.</summary>
    public List<DecodedBook> Decoded { get; } = [];

    /// <summary>Symbols named by BookMalformed reports of the last frame fed.</summary>
    public List<Symbol> MalformedBooks { get; } = [];

    /// <summary>Malformed reports (no symbol) of the last frame fed.</summary>
    public int MalformedReports { get; private set; }

    /// <summary>Book frames of the last frame fed that the manager dropped as untracked (reported once per symbol, counted always).</summary>
    public int UntrackedReports { get; private set; }

    /// <summary>UnattributedBookMalformed reports (a damaged frame no book can be named for) of the last frame fed.</summary>
    public int UnattributedReports { get; private set; }

    /// <summary>The last reason given to <see cref="IFrameSink.Malformed"/> or <see cref="IFrameSink.BookMalformed"/>.</summary>
    public string? LastReason { get; private set; }

    public long Events { get; private set; }

    /// <summary>Feeds one frame; what it produced is in <see cref="Decoded"/>, <see cref="MalformedBooks"/>, <see cref="MalformedReports"/>.</summary>
    public void Feed(byte[] frame, DateTimeOffset receivedAt)
    {
        Decoded.Clear();
        MalformedBooks.Clear();
        MalformedReports = 0;
        UnattributedReports = 0;
        UntrackedReports = 0;
        Protocol.Decode(frame, receivedAt, this);
    }

    public void Publish(MarketEvent marketEvent)
    {
        Events++;
        if (marketEvent is SubscriptionAck { Success: false, IsSubscribe: true } ack && ack.Channel.Kind == ChannelKind.Book)
        {
            // As the host does (VenueSession.OnAck): a refused book subscription sends no more updates.
            if (ack.Symbol is { } symbol)
            {
                Books.MarkStale(symbol, "the venue refused the book subscription");
            }
            else
            {
                Books.MarkAllStale("the venue refused the book subscription");
            }
        }
    }

    public void Book(in BookFrame frame)
    {
        Decoded.Add(new DecodedBook(frame.Symbol, frame.IsSnapshot, frame.Changes.ToArray(), frame.Checksum, frame.FirstSequence, frame.LastSequence));
        if (Books.Apply(frame) == BookFrameResult.Untracked)
        {
            // A symbol the stream does not subscribe (a damaged one that still parsed): counted and reported by the
            // manager, and every book resynced, as VenueFeed.Book does.
            UntrackedReports++;
            if (Books.IsUnknown(frame.Symbol))
            {
                Books.MarkAllStale("a book frame named a symbol not subscribed", requestResync: true);
            }
        }
    }

    public void Malformed(string reason, ReadOnlySpan<byte> frame)
    {
        MalformedReports++;
        LastReason = reason;
    }

    public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame)
    {
        MalformedBooks.Add(symbol);
        LastReason = reason;
        if (Books.IsUnknown(symbol))
        {
            Books.MarkAllStale($"a broken book frame named a symbol not subscribed ({reason})", requestResync: true);
            return;
        }

        Books.MarkStale(symbol, $"a book frame could not be applied in full ({reason})", requestResync: true);
    }

    public void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame)
    {
        UnattributedReports++;
        LastReason = reason;
        Books.MarkAllStale($"a frame that may have been a book frame could not be read ({reason})", requestResync: true);
    }

    /// <summary>A good book: had a snapshot and passed every check since.</summary>
    public bool IsGood(Symbol symbol) => !Books.IsStale(symbol);

    /// <summary>
    /// Answers a resync as the venue would: a snapshot of <paramref name="source"/>'s book (the clean copy's) at
    /// this point, straight into the book manager. False when the source has no good book to copy.
    /// </summary>
    public bool ResyncFrom(Pipeline source, Symbol symbol, DateTimeOffset receivedAt)
    {
        if (!source.IsGood(symbol) || source.Books.Snapshot(symbol) is not { } book)
        {
            return false;
        }

        var levels = new LevelChange[book.Bids.Count + book.Asks.Count];
        var i = 0;
        foreach (var level in book.Bids)
        {
            levels[i++] = new LevelChange(BookSide.Bid, level.Price, level.Size, level.OrderCount);
        }

        foreach (var level in book.Asks)
        {
            levels[i++] = new LevelChange(BookSide.Ask, level.Price, level.Size, level.OrderCount);
        }

        var result = Books.Apply(new BookFrame(symbol, true, levels, receivedAt) { LastSequence = book.Sequence });
        ResyncRequests.Remove(symbol);
        return result == BookFrameResult.Snapshot;
    }
}
