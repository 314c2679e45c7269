using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Sdk.Testing.Sinks;

/// <summary>
/// An <see cref="IFrameSink"/> for benchmarks: it stores nothing, counts what a protocol decodes, applies book frames
/// to a real <see cref="BookManager"/> when given one, and throws on anything a clean run never produces (a malformed
/// report, a book frame the manager fails or discards), so a benchmark cannot time a path that silently went wrong.
/// Not thread-safe: one decoding thread, as in a session.
/// </summary>
public sealed class CountingFrameSink : IFrameSink
{
    /// <summary>Creates a sink; when <paramref name="books"/> is given, every book frame is applied to it.</summary>
    public CountingFrameSink(BookManager? books = null)
    {
        BookManager = books;
    }

    /// <summary>The manager book frames are applied to, if any.</summary>
    public BookManager? BookManager { get; }

    /// <summary>Events published plus book frames received.</summary>
    public long Count { get; private set; }

    /// <summary>The last per-connection sequence number reported, or -1.</summary>
    public long LastConnectionSequence { get; private set; } = -1;

    /// <inheritdoc />
    public void Publish(MarketEvent marketEvent) => Count++;

    /// <inheritdoc />
    public void Book(in BookFrame frame)
    {
        if (BookManager?.Apply(frame) is BookFrameResult.Failed or BookFrameResult.Discarded)
        {
            throw new InvalidOperationException($"the book frame for {frame.Symbol} was not applied");
        }

        Count++;
    }

    /// <inheritdoc />
    public void Malformed(string reason, ReadOnlySpan<byte> frame) => throw new InvalidOperationException("malformed frame: " + reason);

    /// <inheritdoc />
    public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame) => throw new InvalidOperationException($"malformed book frame for {symbol}: {reason}");

    /// <inheritdoc />
    public void ConnectionSequence(long sequence) => LastConnectionSequence = sequence;
}
