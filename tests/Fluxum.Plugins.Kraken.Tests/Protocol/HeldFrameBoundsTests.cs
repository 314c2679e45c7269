using System.Text;
using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Kraken.Tests.Protocol;

/// <summary>Issue #11.1: frames held for a symbol's precision are bounded in bytes and in symbols, not only in count.</summary>
public sealed class HeldFrameBoundsTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly DateTimeOffset T0 = new(2026, 7, 7, 23, 0, 3, TimeSpan.Zero);

    [Fact]
    public void Decode_LargeFramesWithoutPrecision_HeldBytesStayBoundedAndFramesGoOutUnverified()
    {
        var protocol = Fixture.Protocol();
        var books = new BookManager("kraken", protocol.VenueBookRules()) { TrackedOnly = true };
        books.Track(Btc, 1000);
        protocol.OnConnected();
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(1000), Btc));
        var sink = new CollectingSink(books);
        var frame = Encoding.UTF8.GetBytes(BookFrame("BTC/USD", levels: 1000));
        var most = 0L;

        // 200 frames of 1,000 levels: far under the 1,024-frame and 5 s limits, far over the byte limit.
        for (var i = 0; i < 200; i++)
        {
            protocol.Decode(frame, T0 + TimeSpan.FromMilliseconds(i), sink);
            most = Math.Max(most, protocol.Decoder.HeldBytes);
        }

        Assert.InRange(most, 1, KrakenDecoder.MaxHeldBytesPerSymbol);
        Assert.NotEmpty(sink.BookResults);
        Assert.Contains("no price/quantity precision for BTC/USD", books.Snapshot(Btc)!.Unverified ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FramesOfManySymbolsWithoutPrecision_HeldSymbolsAndBytesBounded()
    {
        // A bare decoder (no subscriptions known) holds any symbol's frames: still bounded.
        var protocol = Fixture.Protocol();
        var sink = new CollectingSink(new BookManager("kraken", protocol.VenueBookRules()) { TrackedOnly = true });
        protocol.OnConnected();

        for (var i = 0; i < 5_000; i++)
        {
            protocol.Decode(Encoding.UTF8.GetBytes(BookFrame($"Z{i}/USD", levels: 10)), T0, sink);
            Assert.True(protocol.Decoder.HeldSymbols <= KrakenDecoder.MaxHeldSymbols);
            Assert.True(protocol.Decoder.HeldBytes <= KrakenDecoder.MaxHeldBytes);
        }

        Assert.Equal(5_000 - KrakenDecoder.MaxHeldSymbols, sink.BookResults.Length);
        Assert.All(sink.BookResults, r => Assert.Equal(BookFrameResult.Untracked, r.Result));
    }

    [Fact]
    public void Decode_BookFrameForASymbolNotSubscribed_NotHeldButDroppedByTheManager()
    {
        var protocol = Fixture.Protocol();
        var books = new BookManager("kraken", protocol.VenueBookRules()) { TrackedOnly = true };
        books.Track(Btc, 10);
        protocol.OnConnected();
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(10), Btc));
        var sink = new CollectingSink(books);

        protocol.Decode(Encoding.UTF8.GetBytes(BookFrame("ETH/USE", levels: 10)), T0, sink);

        Assert.Equal(0, protocol.Decoder.HeldSymbols);
        Assert.Equal(BookFrameResult.Untracked, Assert.Single(sink.BookResults).Result);
        Assert.Equal(1, books.Counters.UntrackedFrames);
    }

    private static string BookFrame(string symbol, int levels)
    {
        var bids = string.Join(',', Enumerable.Range(0, levels).Select(i => $"{{\"price\":{50000 - i}.0,\"qty\":1.00000000}}"));
        var asks = string.Join(',', Enumerable.Range(0, levels).Select(i => $"{{\"price\":{50001 + i}.0,\"qty\":1.00000000}}"));
        return $$"""{"channel":"book","type":"snapshot","data":[{"symbol":"{{symbol}}","bids":[{{bids}}],"asks":[{{asks}}],"checksum":1}]}""";
    }
}
