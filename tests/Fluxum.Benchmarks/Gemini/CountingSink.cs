using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Benchmarks.Gemini;

/// <summary>Applies book frames to a real book manager (when given one) and counts everything (no storage).</summary>
internal sealed class CountingSink(BookManager? books) : IFrameSink
{
    public long Count { get; private set; }

    public void Publish(MarketEvent marketEvent) => Count++;

    public void Book(in BookFrame frame)
    {
        if (books?.Apply(frame) is BookFrameResult.Failed or BookFrameResult.Discarded)
        {
            throw new InvalidOperationException($"book frame for {frame.Symbol} was not applied");
        }

        Count++;
    }

    public void Malformed(string reason, ReadOnlySpan<byte> frame) => throw new InvalidOperationException(reason);

    public void BookMalformed(Fluxum.Sdk.Symbol symbol, string reason, ReadOnlySpan<byte> frame) => throw new InvalidOperationException($"{symbol}: {reason}");
}
