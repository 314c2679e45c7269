using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Testing.Sinks;

/// <summary>
/// An <see cref="IFrameSink"/> that records everything a protocol decodes: events, book frames (copied, since
/// their spans die with the call) and malformed-frame reports. Optionally also feeds book frames to a real
/// <see cref="BookManager"/>, so a plugin test can assert on the resulting books. Thread-safe.
/// </summary>
public sealed class RecordingFrameSink : IFrameSink
{
    private readonly Lock _gate = new();
    private readonly List<MarketEvent> _events = [];
    private readonly List<RecordedBookFrame> _books = [];
    private readonly List<MalformedReport> _malformed = [];
    private readonly List<BookFrameResult> _bookResults = [];
    private readonly List<long> _connectionSequences = [];

    /// <summary>Creates a sink; when <paramref name="books"/> is given, every book frame is also applied to it.</summary>
    public RecordingFrameSink(BookManager? books = null)
    {
        BookManager = books;
    }

    /// <summary>The manager book frames are applied to, if any.</summary>
    public BookManager? BookManager { get; }

    /// <summary>Published events, in order.</summary>
    public IReadOnlyList<MarketEvent> Events => Copy(_events);

    /// <summary>Book frames, in order.</summary>
    public IReadOnlyList<RecordedBookFrame> BookFrames => Copy(_books);

    /// <summary>What <see cref="BookManager"/> did with each book frame (empty without a manager).</summary>
    public IReadOnlyList<BookFrameResult> BookResults => Copy(_bookResults);

    /// <summary>The per-connection sequence numbers reported (<see cref="IFrameSink.ConnectionSequence"/>), in order.</summary>
    public IReadOnlyList<long> ConnectionSequences => Copy(_connectionSequences);

    /// <summary>Malformed-frame reports, in order.</summary>
    public IReadOnlyList<MalformedReport> MalformedFrames => Copy(_malformed);

    /// <summary>The published events of type <typeparamref name="T"/>, in order.</summary>
    public IReadOnlyList<T> OfType<T>()
        where T : MarketEvent
    {
        lock (_gate)
        {
            return [.. _events.OfType<T>()];
        }
    }

    /// <summary>Forgets everything recorded so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
            _books.Clear();
            _bookResults.Clear();
            _malformed.Clear();
            _connectionSequences.Clear();
        }
    }

    /// <inheritdoc />
    public void Publish(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        lock (_gate)
        {
            _events.Add(marketEvent);
        }
    }

    /// <inheritdoc />
    public void Book(in BookFrame frame)
    {
        var copy = RecordedBookFrame.From(frame);
        lock (_gate)
        {
            _books.Add(copy);
            if (BookManager is { } books)
            {
                _bookResults.Add(books.Apply(frame));
            }
        }
    }

    /// <inheritdoc />
    public void Malformed(string reason, ReadOnlySpan<byte> frame)
    {
        var report = new MalformedReport(reason, frame.ToArray());
        lock (_gate)
        {
            _malformed.Add(report);
        }
    }

    /// <inheritdoc />
    /// <remarks>Recorded as a <see cref="MalformedReport"/> naming the symbol; with a manager, its book is marked stale (resync requested).</remarks>
    public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame)
    {
        var report = new MalformedReport(reason, frame.ToArray(), symbol);
        lock (_gate)
        {
            _malformed.Add(report);
            BookManager?.MarkStale(symbol, reason, requestResync: true);
        }
    }

    /// <inheritdoc />
    /// <remarks>Recorded as a <see cref="MalformedReport"/> marked <see cref="MalformedReport.Unattributed"/>; with a manager, every book is marked stale (resync requested), as the host does.</remarks>
    public void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame)
    {
        var report = new MalformedReport(reason, frame.ToArray()) { Unattributed = true };
        lock (_gate)
        {
            _malformed.Add(report);
            BookManager?.MarkAllStale(reason, requestResync: true);
        }
    }

    /// <inheritdoc />
    public void ConnectionSequence(long sequence)
    {
        lock (_gate)
        {
            _connectionSequences.Add(sequence);
        }
    }

    private IReadOnlyList<T> Copy<T>(List<T> source)
    {
        lock (_gate)
        {
            return [.. source];
        }
    }
}
