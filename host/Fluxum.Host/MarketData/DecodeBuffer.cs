using System.Buffers;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.MarketData;

/// <summary>
/// What the host hands a plugin's <see cref="IMarketDataProtocol.Decode"/>: the plugin only fills it (events, book
/// frames, malformed reports, in order) and returns. Only then does the host <see cref="Drain"/> it into the real sink,
/// which applies the book frames (running the plugin's checksum) and publishes the events. So decoding never re-enters
/// the host: no host lock is held, and no host code runs, while plugin code decodes.
/// </summary>
/// <remarks>
/// Allocation-free in the steady state: level changes are copied into one growing array, book frames and reports are
/// kept as structs, and the bytes of a reported frame go into a pooled array returned on drain. One buffer serves one
/// decode at a time (see <see cref="Rent"/>).
/// </remarks>
internal sealed class DecodeBuffer : IFrameSink
{
    private const int MaxKeptLevels = 1 << 16;

    [ThreadStatic]
    private static DecodeBuffer? t_spare;

    private readonly List<Entry> _entries = new(8);
    private readonly List<MarketEvent> _events = new(8);
    private readonly List<BookEntry> _books = new(4);
    private readonly List<Report> _reports = new(1);
    private readonly List<long> _sequences = new(1);
    private LevelChange[] _levels = new LevelChange[64];
    private int _levelCount;

    private enum EntryKind : byte
    {
        Event,
        Book,
        Malformed,
        BookMalformed,
        UnattributedBookMalformed,
        ConnectionSequence,
    }

    /// <summary>Nothing was filled in since the last drain.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>This thread's spare buffer, or a new one when it is in use (a decode inside a drain).</summary>
    public static DecodeBuffer Rent()
    {
        var buffer = t_spare ?? new DecodeBuffer();
        t_spare = null;
        return buffer;
    }

    /// <summary>Gives a drained buffer back to this thread.</summary>
    public static void Return(DecodeBuffer buffer)
    {
        buffer.Clear();
        if (buffer._levels.Length > MaxKeptLevels)
        {
            // One huge frame must not pin its level array for the life of the thread.
            buffer._levels = new LevelChange[64];
        }

        t_spare = buffer;
    }

    /// <inheritdoc />
    public void Publish(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        _entries.Add(new Entry(EntryKind.Event, _events.Count));
        _events.Add(marketEvent);
    }

    /// <inheritdoc />
    public void Book(in BookFrame frame)
    {
        var changes = frame.Changes;
        if (_levelCount + changes.Length > _levels.Length)
        {
            Array.Resize(ref _levels, Math.Max(_levels.Length * 2, _levelCount + changes.Length));
        }

        changes.CopyTo(_levels.AsSpan(_levelCount));
        _entries.Add(new Entry(EntryKind.Book, _books.Count));
        _books.Add(new BookEntry(frame.Symbol, frame.IsSnapshot, _levelCount, changes.Length, frame.ReceivedAt, frame.ExchangeTime, frame.Checksum, frame.FirstSequence, frame.LastSequence, frame.Unverified));
        _levelCount += changes.Length;
    }

    /// <inheritdoc />
    public void Malformed(string reason, ReadOnlySpan<byte> frame) => AddReport(EntryKind.Malformed, default, reason, frame);

    /// <inheritdoc />
    public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame) => AddReport(EntryKind.BookMalformed, symbol, reason, frame);

    /// <inheritdoc />
    public void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame) => AddReport(EntryKind.UnattributedBookMalformed, default, reason, frame);

    /// <inheritdoc />
    public void ConnectionSequence(long sequence)
    {
        _entries.Add(new Entry(EntryKind.ConnectionSequence, _sequences.Count));
        _sequences.Add(sequence);
    }

    /// <summary>Hands everything filled in, in the order it came, to <paramref name="target"/>; then empties the buffer.</summary>
    /// <remarks>Emptied even if the target throws, so a fault never replays a frame's output twice.</remarks>
    public void Drain(IFrameSink target)
    {
        try
        {
            foreach (var entry in _entries)
            {
                switch (entry.Kind)
                {
                    case EntryKind.Event:
                        target.Publish(_events[entry.Index]);
                        break;
                    case EntryKind.Book:
                        var book = _books[entry.Index];
                        target.Book(new BookFrame(book.Symbol, book.IsSnapshot, _levels.AsSpan(book.Start, book.Count), book.ReceivedAt)
                        {
                            ExchangeTime = book.ExchangeTime,
                            Checksum = book.Checksum,
                            FirstSequence = book.FirstSequence,
                            LastSequence = book.LastSequence,
                            Unverified = book.Unverified,
                        });
                        break;
                    case EntryKind.ConnectionSequence:
                        target.ConnectionSequence(_sequences[entry.Index]);
                        break;
                    default:
                        var report = _reports[entry.Index];
                        var bytes = report.Bytes.AsSpan(0, report.Length);
                        if (entry.Kind == EntryKind.Malformed)
                        {
                            target.Malformed(report.Reason, bytes);
                        }
                        else if (entry.Kind == EntryKind.BookMalformed)
                        {
                            target.BookMalformed(report.Symbol, report.Reason, bytes);
                        }
                        else
                        {
                            target.UnattributedBookMalformed(report.Reason, bytes);
                        }

                        break;
                }
            }
        }
        finally
        {
            Clear();
        }
    }

    private void AddReport(EntryKind kind, Symbol symbol, string reason, ReadOnlySpan<byte> frame)
    {
        ArgumentNullException.ThrowIfNull(reason);
        // The frame span is the plugin's (often the receive buffer): copied, into a pooled array given back on drain.
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(frame.Length, 1));
        frame.CopyTo(bytes);
        _entries.Add(new Entry(kind, _reports.Count));
        _reports.Add(new Report(symbol, reason, bytes, frame.Length));
    }

    private void Clear()
    {
        foreach (var report in _reports)
        {
            ArrayPool<byte>.Shared.Return(report.Bytes);
        }

        _entries.Clear();
        _events.Clear();
        _books.Clear();
        _reports.Clear();
        _sequences.Clear();
        _levelCount = 0;
    }

    private readonly record struct Entry(EntryKind Kind, int Index);

    private readonly record struct BookEntry(
        Symbol Symbol,
        bool IsSnapshot,
        int Start,
        int Count,
        DateTimeOffset ReceivedAt,
        DateTimeOffset? ExchangeTime,
        uint? Checksum,
        long? FirstSequence,
        long? LastSequence,
        string? Unverified);

    private readonly record struct Report(Symbol Symbol, string Reason, byte[] Bytes, int Length);
}
