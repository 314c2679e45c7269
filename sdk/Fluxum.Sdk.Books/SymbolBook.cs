using System.Threading.Channels;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Books;

/// <summary>The manager's state for one symbol: the book, its health, buffered frames and change subscribers.</summary>
internal sealed class SymbolBook
{
    public SymbolBook(Symbol symbol, int? depth)
    {
        Symbol = symbol;
        Book = new OrderBook(symbol, depth);
    }

    public Symbol Symbol { get; }

    /// <summary>
    /// The text instance of the last frame's symbol that matched this book: frames from one decoder carry the same
    /// instance, so the manager's lookup compares a reference instead of characters.
    /// </summary>
    public string? SeenAs { get; set; }

    /// <summary>
    /// Whether this (still tracked) book is the one for <paramref name="symbol"/>: by its text instance, else by
    /// its characters (then that instance is remembered for the next frame).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool Serves(Symbol symbol)
    {
        if (Removed)
        {
            return false;
        }

        if (ReferenceEquals(SeenAs, symbol.ToString()))
        {
            return true;
        }

        if (!Symbol.Equals(symbol))
        {
            return false;
        }

        SeenAs = symbol.ToString();
        return true;
    }

    /// <summary>Set once the symbol is untracked: the manager's recent-symbol cache must not serve it.</summary>
    public volatile bool Removed;

    public Lock Gate { get; } = new();

    /// <summary>The book; replaced when the symbol is tracked again at another depth.</summary>
    public OrderBook Book { get; set; }

    /// <summary>True until the first snapshot, and after any failed check until the next one.</summary>
    public bool IsStale { get; set; } = true;

    /// <summary>True once the book had been good and then failed (a snapshot then means "resynced").</summary>
    public bool FailedSinceSnapshot { get; set; }

    public bool ReportedEarlyUpdate { get; set; }

    /// <summary>When the frame being handled was received (the time of the events it causes).</summary>
    public DateTimeOffset LastReceivedAt { get; set; }

    /// <summary>The exchange time of the frame being handled.</summary>
    public DateTimeOffset? LastExchangeTime { get; set; }

    /// <summary>When the data now in the book was received: discarded frames do not move it.</summary>
    public DateTimeOffset BookReceivedAt { get; set; }

    /// <summary>The exchange time of the data now in the book.</summary>
    public DateTimeOffset? BookExchangeTime { get; set; }

    public DateTimeOffset? LastResyncRequest { get; set; }

    public ITimer? PendingResync { get; set; }

    public string? StaleReason { get; set; }

    /// <summary>Why the book's frames cannot be checked (set by an unverified frame, cleared by a verified checksum); null when checkable.</summary>
    public string? Unverified { get; set; }

    /// <summary>Checksums of this book that matched the venue's.</summary>
    public long ChecksumsVerified { get; set; }

    /// <summary>Checksums of this book that did not match the venue's.</summary>
    public long ChecksumFailures { get; set; }

    /// <summary>Not to be served as good: stale, or unverified.</summary>
    public bool IsNotGood => IsStale || Unverified is not null;

    public List<BufferedFrame>? Buffer { get; set; }

    /// <summary>Bytes of level changes in <see cref="Buffer"/> (bounded by <see cref="BookRules.MaxBufferedBytes"/>).</summary>
    public long BufferedBytes { get; set; }

    /// <summary>Where the changes of the frame being applied landed (reused; guarded by <see cref="Gate"/>).</summary>
    public AppliedLevel[] Landed { get; set; } = new AppliedLevel[16];

    public List<Channel<BookSnapshot>> Subscribers { get; } = [];

    public BookSnapshot Copy(string venue, int? depth = null) =>
        Book.ToSnapshot(venue, BookReceivedAt, depth, IsNotGood, BookExchangeTime) with
        {
            Unverified = Unverified,
            ChecksumsVerified = ChecksumsVerified,
            ChecksumFailures = ChecksumFailures,
        };
}

/// <summary>An update frame kept until its snapshot arrives.</summary>
internal sealed record BufferedFrame(LevelChange[] Changes, long? FirstSequence, long? LastSequence, uint? Checksum, DateTimeOffset ReceivedAt, string? Unverified = null);
