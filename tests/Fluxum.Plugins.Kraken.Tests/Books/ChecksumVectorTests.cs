using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Plugins.Kraken.Tests.Books;

public sealed class ChecksumVectorTests
{
    [Fact]
    public void Compute_GuideExampleBtcUsd_Is3310070434()
    {
        var (sink, books) = Decode(("BTC/USD", 1, 8), "kraken_v2_book_checksum_guide_example_btcusd.json");

        Assert.Equal([(BookFrameResult.Snapshot, (uint?)3310070434u, true, 20)], sink.BookResults);
        Assert.False(books.IsStale(Symbol.Parse("BTC/USD")));
    }

    [Fact]
    public void Compute_MaticSnapshotThenUpdate_MatchesBothDocumentedValues()
    {
        var (sink, books) = Decode(("MATIC/USD", 4, 8), "kraken_v2_book_snapshot.json", "kraken_v2_book_update.json");

        Assert.Equal(BookFrameResult.Snapshot, sink.BookResults[0].Result);
        Assert.Equal(2439117997u, sink.BookResults[0].Checksum);
        Assert.Equal(BookFrameResult.Applied, sink.BookResults[1].Result);
        Assert.Equal(2114181697u, sink.BookResults[1].Checksum);
        Assert.Equal(1098.3947558m, books.Snapshot(Symbol.Parse("MATIC/USD"))!.Bids[9].Size);
        Assert.Equal(0L, books.Counters.ChecksumFailures);
    }

    [Fact]
    public void Compute_WrongPrecision_FailsTheDocumentedChecksum()
    {
        var (sink, books) = Decode(("MATIC/USD", 3, 8), "kraken_v2_book_snapshot.json");

        Assert.Equal(BookFrameResult.Failed, sink.BookResults[0].Result);
        Assert.Equal(1L, books.Counters.ChecksumFailures);
    }

    private static (CollectingSink Sink, BookManager Books) Decode((string, int, int) precision, params string[] files)
    {
        var protocol = Fixture.Protocol(precision);
        var books = new BookManager("kraken", protocol.VenueBookRules());
        books.Track(Symbol.Parse(precision.Item1), 10);
        var sink = new CollectingSink(books);
        foreach (var file in files)
        {
            protocol.Decode(Fixture.Bytes(file), DateTimeOffset.UnixEpoch, sink);
        }

        Assert.Empty(sink.Malformations);
        return (sink, books);
    }
}
