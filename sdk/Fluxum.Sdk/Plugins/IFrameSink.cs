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
}
