using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Plugins;

/// <summary>
/// Where a protocol puts what it decoded. Book data goes through <see cref="Book"/> as spans, so a book
/// frame costs no heap allocation; everything else is an event record.
/// </summary>
public interface IFrameSink
{
    /// <summary>A normalized event (ticker, trade, candle, ledger entry, ack, heartbeat, status, error).</summary>
    void Publish(MarketEvent marketEvent);

    /// <summary>A book snapshot or update. The frame's spans are valid only during the call.</summary>
    void Book(in BookFrame frame);

    /// <summary>A frame that could not be decoded: counted and reported, never silently dropped.</summary>
    void Malformed(string reason, ReadOnlySpan<byte> frame);

    /// <summary>
    /// A book frame for <paramref name="symbol"/> that cannot be applied in full (a bad level, a missing
    /// checksum, a change the decoder could not read): counted as malformed like <see cref="Malformed"/>, and
    /// the symbol's book is marked stale and resynced, because applying only part of it would leave the book
    /// wrong. Report it instead of sending the frame's valid part through <see cref="Book"/>.
    /// </summary>
    void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame);

    /// <summary>
    /// A damaged frame that may have carried book data but cannot be attributed to one book: a book frame whose
    /// symbol cannot be read, or a frame broken before its kind could be read (empty, not JSON, an unknown
    /// message type). Any book of the connection may now be short of an update, so the host counts it as
    /// malformed, reports it once, and marks every book the connection keeps stale and resyncs them (on a
    /// connection that keeps no books it is a plain <see cref="Malformed"/>). Use <see cref="Malformed"/> for a
    /// frame recognisably of another kind (a trade, a ticker, an ack), and <see cref="BookMalformed"/> when the
    /// symbol is known. By default it is reported as <see cref="Malformed"/>.
    /// </summary>
    void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame) => Malformed(reason, frame);

    /// <summary>
    /// For <see cref="BookSync.SocketWithConnectionSequence"/>: the connection's sequence number this frame carried.
    /// The host checks that each follows the previous one on the connection; a gap means messages were lost, so it
    /// marks every book of the connection stale and subscribes again. Ignored for other strategies.
    /// </summary>
    /// <param name="sequence">The frame's connection sequence number.</param>
    void ConnectionSequence(long sequence)
    {
    }
}
