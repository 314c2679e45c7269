using System.Buffers;
using Fluxum.Host.Configuration;
using Fluxum.Host.MarketData;
using Fluxum.Host.Publishing;
using Fluxum.Host.Relay;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Relay;

/// <summary>
/// The relay's book rules through the real hub and book manager, fed messages as the publisher writes them
/// (serialized by <see cref="WireWriter"/>, read back by <see cref="WireReader"/>): a gap makes the book stale
/// until the next snapshot, and the source's stale marks carry over.
/// </summary>
public sealed class RelaySourceTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private readonly MarketDataHub _hub = new(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
    private readonly VenueFeed _feed;
    private readonly RelaySource _relay;

    public RelaySourceTests()
    {
        _feed = _hub.AddVenue("kraken", new BookManager("kraken", RelaySource.Rules) { TrackedOnly = true });
        var config = new RelayConfig { Url = "nats://127.0.0.1:1", Stream = "S", SourceVenue = "kraken" };
        _relay = new RelaySource(config, _feed, null, NullLoggerFactory.Instance);
    }

    [Fact]
    public void Apply_SnapshotThenNextSequence_BookGood()
    {
        Feed(Snapshot(5, 100m, 101m));
        Feed(Update(6, new LevelChange(BookSide.Bid, 100.5m, 2m)));

        var book = _feed.Books.Snapshot(Btc)!;
        Assert.False(book.IsStale);
        Assert.Equal(6, book.Sequence);
        Assert.Equal(new BookLevel(100.5m, 2m), book.Bids[0]);
    }

    [Fact]
    public void Apply_SequenceGap_MarksBookStaleUntilNextSnapshot()
    {
        Feed(Snapshot(5, 100m, 101m));
        Feed(Update(7, new LevelChange(BookSide.Bid, 100.5m, 2m)));
        Assert.True(_feed.Books.IsStale(Btc));
        Assert.Equal(1, _feed.Books.Counters.Gaps);

        Feed(Update(8, new LevelChange(BookSide.Bid, 100.6m, 2m)));
        Assert.True(_feed.Books.IsStale(Btc));
        Assert.Null(_feed.Books.Top(Btc));

        Feed(Snapshot(9, 99m, 102m));
        Assert.False(_feed.Books.IsStale(Btc));
        Assert.Equal(99m, _feed.Books.Top(Btc)!.Value.Bid.Price);
    }

    [Fact]
    public void Apply_UpdateBeforeAnySnapshot_SkippedAndCounted()
    {
        Feed(Update(3, new LevelChange(BookSide.Bid, 100.5m, 2m)));

        Assert.Null(_feed.Books.Snapshot(Btc));
        Assert.Equal(1, _relay.Counters.AwaitingSnapshot);
    }

    [Fact]
    public void Apply_SourceMarksStale_RelayBookStale()
    {
        Feed(Snapshot(1, 100m, 101m));
        Feed(new Outgoing
        {
            Kind = WireKind.Quality, Venue = "kraken", Symbol = Btc, ReceivedAt = DateTimeOffset.UtcNow,
            Event = new DataQualityEvent { Venue = "kraken", Symbol = Btc, Kind = DataQualityKind.Stale, Detail = "checksum mismatch", ReceivedAt = DateTimeOffset.UtcNow },
        });

        Assert.True(_feed.Books.IsStale(Btc));
    }

    [Fact]
    public void Apply_StaleSnapshotFromSource_NotServedAsGood()
    {
        var stale = Snapshot(1, 100m, 101m);
        Feed(new Outgoing { Kind = stale.Kind, Venue = stale.Venue, Symbol = stale.Symbol, Sequence = 1, ReceivedAt = stale.ReceivedAt, Snapshot = stale.Snapshot! with { IsStale = true } });

        Assert.True(_feed.Books.IsStale(Btc));
        Assert.Null(_feed.Books.Top(Btc));
    }

    [Fact]
    public void Read_TradeRoundTrip_SameValues()
    {
        var trade = new Trade { Venue = "kraken", Symbol = Btc, Price = 64000.10m, Size = 0.00100000m, TakerSide = Side.Sell, TradeId = "42", ReceivedAt = DateTimeOffset.UtcNow };
        var wire = WireReader.Read(Write(new Outgoing { Kind = WireKind.Trade, Venue = "kraken", Symbol = Btc, Event = trade, ReceivedAt = trade.ReceivedAt }), "relayed");

        Assert.Equal(trade with { Venue = "relayed" }, wire.Event);
    }

    [Fact]
    public void Read_OtherSchemaVersion_RefusedNamingIt()
    {
        var error = Assert.Throws<WireFormatException>(() => WireReader.Read("""{"v":2,"type":"trade"}"""u8.ToArray(), "kraken"));

        Assert.Contains("schema version 2", error.Message, StringComparison.Ordinal);
    }

    private void Feed(Outgoing message) => _relay.Apply(WireReader.Read(Write(message), "kraken"));

    private static byte[] Write(Outgoing message)
    {
        var output = new ArrayBufferWriter<byte>();
        WireWriter.Write(output, message);
        return output.WrittenSpan.ToArray();
    }

    private static Outgoing Snapshot(long sequence, decimal bid, decimal ask) => new()
    {
        Kind = WireKind.Snapshot, Venue = "kraken", Symbol = Btc, Sequence = sequence, ReceivedAt = DateTimeOffset.UtcNow,
        Snapshot = new BookSnapshot { Venue = "kraken", Symbol = Btc, Bids = [new(bid, 1m)], Asks = [new(ask, 1m)], Depth = 10, ReceivedAt = DateTimeOffset.UtcNow },
    };

    private static Outgoing Update(long sequence, params LevelChange[] changes) => new()
    {
        Kind = WireKind.Book, Venue = "kraken", Symbol = Btc, Sequence = sequence, Changes = changes, ReceivedAt = DateTimeOffset.UtcNow,
    };
}
