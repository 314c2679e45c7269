using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Kraken.Tests.Books;

public sealed class RecordingTests
{
    private const string Recording = "kraken_v2_flashbook_live-btc-eth_2026-07-07.jsonl";

    [Fact]
    public void Decode_LiveRecording_EveryChecksumVerifiesAndFinalBooksMatch()
    {
        var protocol = Fixture.Protocol(("BTC/USD", 1, 8), ("ETH/USD", 2, 8));
        var books = new BookManager("kraken", protocol.VenueBookRules());
        var btc = Symbol.Parse("BTC/USD");
        var eth = Symbol.Parse("ETH/USD");
        books.Track(btc, 10);
        books.Track(eth, 10);
        var quality = new List<DataQualityEvent>();
        books.Quality += quality.Add;
        var sink = new CollectingSink(books);

        foreach (var frame in Fixture.RecordedFrames(Recording))
        {
            protocol.Decode(frame, DateTimeOffset.UnixEpoch, sink);
        }

        Assert.Empty(sink.Malformations);
        Assert.Equal(2962, sink.BookResults.Count(r => r.Checksum is not null));
        Assert.All(sink.BookResults, r => Assert.True(r.Result is BookFrameResult.Snapshot or BookFrameResult.Applied, r.ToString()));
        Assert.Equal(0L, books.Counters.ChecksumFailures);
        Assert.Empty(quality);
        Assert.Equal(2, ((Fluxum.Plugins.Kraken.Books.KrakenChecksum)protocol.VenueBookRules().Checksum!).Rebuilds);
        Assert.True(sink.Of<Trade>().Length >= 10);
        Assert.Equal(4, sink.Of<SubscriptionAck>().Length);
        Assert.Equal(23, sink.Of<Heartbeat>().Length);
        Assert.Equal("online", Assert.Single(sink.Of<VenueStatus>()).Status);

        var btcTop = books.Top(btc)!.Value;
        Assert.Equal(new BookLevel(63498m, 2.96239984m), btcTop.Bid with { OrderCount = null });
        Assert.Equal(new BookLevel(63498.1m, 0.03260644m), btcTop.Ask with { OrderCount = null });
        var ethTop = books.Top(eth)!.Value;
        Assert.Equal(new BookLevel(1774.22m, 1.3m), ethTop.Bid with { OrderCount = null });
        Assert.Equal(new BookLevel(1774.45m, 0.68359347m), ethTop.Ask with { OrderCount = null });
        Assert.Equal(10, books.Snapshot(btc)!.Bids.Count);
    }
}
