using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Books.Tests;

public sealed class BookManagerVerificationTests
{
    private const string Reason = "test BTC/USD: no precision, checksums cannot be verified; 3 book frames held";
    private static readonly Symbol Btc = BookHarness.Btc;
    private static readonly Symbol Eth = Symbol.Parse("ETH/USD");

    [Fact]
    public void Apply_UnverifiedFrames_BookKeptButNeverGoodAndReportedOnceWithTheReason()
    {
        var h = new BookHarness(new BookRules { Checksum = TestChecksum.Instance });

        Assert.Equal(BookFrameResult.Snapshot, h.Books.Apply(Unverified(BookHarness.StandardSnapshot())));
        Assert.Equal(BookFrameResult.Applied, h.Books.Apply(Unverified(TestEvents.UpdateFrame().Bid(100m, 5m))));

        Assert.Null(h.Books.Top(Btc));
        Assert.Null(h.Books.Midpoint(Btc));
        Assert.True(h.Books.IsStale(Btc));
        var book = h.Books.Snapshot(Btc)!;
        Assert.True(book.IsStale);
        Assert.Equal(Reason, book.Unverified);
        Assert.Equal((100m, 5m), BookHarness.Side(book.Bids)[0]);
        var reported = Assert.Single(h.Quality);
        Assert.Equal(DataQualityKind.Unverified, reported.Kind);
        Assert.Equal(Btc, reported.Symbol);
        Assert.Equal("test", reported.Venue);
        Assert.Contains(Reason, reported.Detail, StringComparison.Ordinal);
        Assert.Equal(2, h.Books.Counters.UnverifiedFrames);
        Assert.Equal(0, h.Books.Counters.ChecksumsVerified);
        Assert.Equal(0, book.ChecksumsVerified);
    }

    [Fact]
    public void Apply_MatchingChecksumAfterUnverifiedFrames_BookVerifiedAndGoodAgain()
    {
        var h = new BookHarness(new BookRules { Checksum = TestChecksum.Instance });
        h.Books.Apply(Unverified(BookHarness.StandardSnapshot()));
        var expected = new OrderBook(Btc);
        expected.ApplySnapshot([.. BookHarness.StandardSnapshot().Changes]);
        expected.Apply(new LevelChange(BookSide.Ask, 101m, 7m));

        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Ask(101m, 7m).Checksum(TestChecksum.Instance.Compute(expected))));

        Assert.Equal(101m, h.Books.Top(Btc)!.Value.Ask.Price);
        var book = h.Books.Snapshot(Btc)!;
        Assert.False(book.IsStale);
        Assert.Null(book.Unverified);
        Assert.Equal(1, book.ChecksumsVerified);
        Assert.Equal([DataQualityKind.Unverified, DataQualityKind.Resynced], h.Kinds);
    }

    [Fact]
    public void Apply_Checksums_VerifiedAndFailedCountedPerBookAndForTheVenue()
    {
        var h = new BookHarness(new BookRules { Checksum = TestChecksum.Instance }, null, Btc, Eth);
        var btc = new OrderBook(Btc);
        btc.ApplySnapshot([.. BookHarness.StandardSnapshot().Changes]);
        var good = TestChecksum.Instance.Compute(btc);

        h.Apply(BookHarness.StandardSnapshot().Checksum(good));
        h.Apply(TestEvents.UpdateFrame().Bid(90m, 0m).Checksum(good));
        h.Apply(BookHarness.StandardSnapshot(Eth).Checksum(good));
        h.Apply(TestEvents.UpdateFrame(Eth).Bid(97m, 1m).Checksum(good));

        var btcBook = h.Books.Snapshot(Btc)!;
        var ethBook = h.Books.Snapshot(Eth)!;
        Assert.Equal((2, 0), (btcBook.ChecksumsVerified, btcBook.ChecksumFailures));
        Assert.Equal((1, 1), (ethBook.ChecksumsVerified, ethBook.ChecksumFailures));
        Assert.Equal(3, h.Books.Counters.ChecksumsVerified);
        Assert.Equal(1, h.Books.Counters.ChecksumFailures);
    }

    [Fact]
    public void Apply_FramesWithoutChecksums_NothingCountedAsVerified()
    {
        var h = new BookHarness(new BookRules { Checksum = TestChecksum.Instance });

        h.Apply(BookHarness.StandardSnapshot());
        h.Apply(TestEvents.UpdateFrame().Bid(100m, 2m));

        Assert.Equal(0, h.Books.Counters.ChecksumsVerified);
        Assert.Equal(0, h.Books.Snapshot(Btc)!.ChecksumsVerified);
    }

    private static BookFrame Unverified(BookFrameBuilder builder)
    {
        var frame = builder.Build();
        return new BookFrame(frame.Symbol, frame.IsSnapshot, frame.Changes, frame.ReceivedAt) { Unverified = Reason };
    }
}
