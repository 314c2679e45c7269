using System.Text.Json;
using Fluxum.Sdk.Kit.Tests.Support;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Sdk.Kit.Tests.Frames;

public sealed class FrameGuardTests
{
    private static readonly Symbol BtcUsd = Symbol.Parse("BTC/USD");

    [Fact]
    public void Decode_DecoderThrowsBeforeAttribution_OneUnattributedReportNothingThrown()
    {
        var sink = new ReportingSink();

        var ok = FrameGuard.Decode(new Throwing(new JsonException("bad token"), FrameAttribution.Unattributed), "{x"u8, default, sink, "venue ws: ");

        Assert.False(ok);
        var report = Assert.Single(sink.Reports);
        Assert.Equal("unattributed", report.Kind);
        Assert.Equal("venue ws: invalid JSON: bad token", report.Reason);
    }

    [Fact]
    public void Decode_BookSymbolRead_BookMalformedForThatSymbol()
    {
        var sink = new ReportingSink();

        FrameGuard.Decode(new Throwing(new FormatException("bad price"), FrameAttribution.Book(BtcUsd)), "{}"u8, default, sink);

        var report = Assert.Single(sink.Reports);
        Assert.Equal(("book", (Symbol?)BtcUsd), (report.Kind, report.Symbol));
        Assert.Contains("bad value", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OtherKindAndUnexpectedFault_PlainMalformedNamingTheType()
    {
        var sink = new ReportingSink();

        FrameGuard.Decode(new Throwing(new NullReferenceException(), FrameAttribution.Other), "{}"u8, default, sink);

        var report = Assert.Single(sink.Reports);
        Assert.Equal("malformed", report.Kind);
        Assert.StartsWith("decoder fault (NullReferenceException)", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NoException_NoReportTrue()
    {
        var sink = new ReportingSink();

        Assert.True(FrameGuard.Decode(new Throwing(null, FrameAttribution.Other), "{}"u8, default, sink));
        Assert.Empty(sink.Reports);
    }

    [Fact]
    public void Decode_HugeFrameAndMessage_ReasonAndExcerptBounded()
    {
        var sink = new ReportingSink();
        var frame = new byte[100_000];

        FrameGuard.Decode(new Throwing(new JsonException(new string('x', 10_000)), default), frame, default, sink);

        var report = Assert.Single(sink.Reports);
        Assert.Equal(FrameGuard.MaxExcerptBytes, report.FrameLength);
        Assert.True(report.Reason.Length < FrameGuard.MaxMessageLength + 40, report.Reason);
    }

    [Fact]
    public void Reason_Position_NamesTheByte()
    {
        Assert.Equal("unexpected JSON value at byte 7: no", FrameGuard.Reason(new InvalidOperationException("no"), position: 7));
    }

    private sealed class Throwing(Exception? exception, FrameAttribution seen) : IGuardedDecoder
    {
        public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, ref FrameAttribution attribution)
        {
            attribution = seen;
            if (exception is not null)
            {
                throw exception;
            }
        }
    }
}
