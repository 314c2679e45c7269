using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Sdk.Kit.Tests.Support;

/// <summary>A sink that records every report by its kind.</summary>
internal sealed class ReportingSink : IFrameSink
{
    public List<MarketEvent> Events { get; } = [];

    public List<(string Kind, Symbol? Symbol, string Reason, int FrameLength)> Reports { get; } = [];

    public void Publish(MarketEvent marketEvent) => Events.Add(marketEvent);

    public void Book(in BookFrame frame)
    {
    }

    public void Malformed(string reason, ReadOnlySpan<byte> frame) => Reports.Add(("malformed", null, reason, frame.Length));

    public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame) => Reports.Add(("book", symbol, reason, frame.Length));

    public void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame) => Reports.Add(("unattributed", null, reason, frame.Length));
}
