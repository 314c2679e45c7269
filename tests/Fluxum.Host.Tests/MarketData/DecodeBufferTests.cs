using Fluxum.Host.MarketData;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.MarketData;

/// <summary>Decoding fills and returns: the host applies a plugin's output only after its decode returned.</summary>
public sealed class DecodeBufferTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch.AddSeconds(5);

    [Fact]
    public void Process_ChecksumAndBookRunOnlyAfterDecodeReturned()
    {
        var inDecode = false;
        var checksum = new ProbeChecksum(() => inDecode);
        var (feed, hub) = Feed(checksum);
        var protocol = new DecodeHookProtocol((at, sink) =>
        {
            inDecode = true;
            sink.Book(new BookFrame(Btc, isSnapshot: true, [new LevelChange(BookSide.Bid, 100m, 1m), new LevelChange(BookSide.Ask, 101m, 2m)], at) { Checksum = 7 });
            // Nothing of the host has run yet: the book is still empty while the plugin is inside Decode.
            Assert.Null(feed.Books.Top(Btc));
            inDecode = false;
        });

        feed.Process(protocol, "{}"u8, At, feed);

        Assert.Equal(1, checksum.Calls);
        Assert.Equal(0, checksum.CallsInsideDecode);
        Assert.Equal(new BookTop(new BookLevel(100m, 1m), new BookLevel(101m, 2m)), feed.Books.Top(Btc));
        Assert.Equal(1, feed.Books.Counters.ChecksumsVerified);
        GC.KeepAlive(hub);
    }

    [Fact]
    public async Task Process_OutputAppliedInTheOrderTheDecoderGaveIt()
    {
        var (feed, hub) = Feed(new ProbeChecksum(() => false));
        await using var events = hub.Events().GetAsyncEnumerator();
        var protocol = new DecodeHookProtocol((at, sink) =>
        {
            sink.Publish(new Trade { Venue = "x", Symbol = Btc, Price = 1m, Size = 1m, TakerSide = Side.Buy, ReceivedAt = at, TradeId = "a" });
            sink.Malformed("first broken part", "[1"u8);
            sink.Publish(new Trade { Venue = "x", Symbol = Btc, Price = 2m, Size = 1m, TakerSide = Side.Sell, ReceivedAt = at, TradeId = "b" });
        });

        feed.Process(protocol, "{}"u8, At, feed);

        var seen = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            seen.Add(events.Current switch
            {
                Trade t => $"trade {t.TradeId}",
                DataQualityEvent q => $"{q.Kind}: {q.Detail}",
                var other => other.GetType().Name,
            });
        }

        Assert.Equal(["trade a", "MalformedFrame: first broken part; frame: [1", "trade b"], seen);
    }

    [Fact]
    public async Task Process_DecoderReusesItsBufferAfterReporting_ReportKeepsTheBytesItWasGiven()
    {
        var (feed, hub) = Feed(new ProbeChecksum(() => false));
        await using var quality = hub.DataQuality().GetAsyncEnumerator();
        var scratch = "{\"bad\":1}"u8.ToArray();
        var protocol = new DecodeHookProtocol((_, sink) =>
        {
            sink.Malformed("bad field", scratch);
            // The plugin's own buffer is overwritten before the host reads the report.
            scratch.AsSpan().Fill((byte)'x');
        });

        feed.Process(protocol, "{}"u8, At, feed);

        Assert.True(await quality.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("bad field; frame: {\"bad\":1}", quality.Current.Detail);
    }

    [Fact]
    public async Task Process_DecoderThrowsAfterDelivering_WhatItDeliveredIsAppliedThenTheFaultReported()
    {
        var (feed, hub) = Feed(new ProbeChecksum(() => false));
        await using var quality = hub.DataQuality().GetAsyncEnumerator();
        var protocol = new DecodeHookProtocol((at, sink) =>
        {
            sink.Book(new BookFrame(Btc, isSnapshot: true, [new LevelChange(BookSide.Bid, 100m, 1m), new LevelChange(BookSide.Ask, 101m, 2m)], at) { Checksum = 7 });
            throw new InvalidOperationException("decoder bug");
        });

        feed.Process(protocol, "{}"u8, At, feed);

        Assert.Equal(100m, feed.Books.Top(Btc)?.Bid.Price);
        Assert.Equal(1, feed.Counters.DecoderFaults);
        Assert.True(await quality.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.StartsWith("the x protocol threw InvalidOperationException decoding a frame: decoder bug", quality.Current.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Drain_EmptiesTheBuffer_EvenWhenTheTargetThrows()
    {
        var buffer = DecodeBuffer.Rent();
        buffer.Publish(new Trade { Venue = "x", Symbol = Btc, Price = 1m, Size = 1m, TakerSide = Side.Buy, ReceivedAt = At, TradeId = "a" });
        var target = new ThrowingSink();

        Assert.Throws<InvalidOperationException>(() => buffer.Drain(target));

        Assert.True(buffer.IsEmpty);
        DecodeBuffer.Return(buffer);
    }

    private static (VenueFeed Feed, MarketDataHub Hub) Feed(IBookChecksum checksum)
    {
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var books = new BookManager("x", BookRules.Default with { Checksum = checksum });
        books.Track(Btc, 10);
        return (hub.AddVenue("x", books), hub);
    }

    /// <summary>Answers 7 and counts the calls made while the plugin was inside Decode.</summary>
    private sealed class ProbeChecksum(Func<bool> inDecode) : IBookChecksum
    {
        public int Calls { get; private set; }

        public int CallsInsideDecode { get; private set; }

        public uint Compute(in BookView book, ReadOnlySpan<LevelChange> applied, ReadOnlySpan<AppliedLevel> landed)
        {
            Calls++;
            CallsInsideDecode += inDecode() ? 1 : 0;
            return 7;
        }
    }

    private sealed class ThrowingSink : IFrameSink
    {
        public void Publish(MarketEvent marketEvent) => throw new InvalidOperationException("target failed");

        public void Book(in BookFrame frame) => throw new InvalidOperationException("target failed");

        public void Malformed(string reason, ReadOnlySpan<byte> frame) => throw new InvalidOperationException("target failed");

        public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame) => throw new InvalidOperationException("target failed");
    }
}
