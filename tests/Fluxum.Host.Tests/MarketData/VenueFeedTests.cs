using Fluxum.Host.MarketData;
using Fluxum.Host.Sessions;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Fluxum.Host.Tests.MarketData;

public sealed class VenueFeedTests
{
    private static readonly DateTimeOffset PublicAt = DateTimeOffset.UnixEpoch.AddSeconds(1);
    private static readonly DateTimeOffset PrivateAt = DateTimeOffset.UnixEpoch.AddSeconds(2);

    [Fact]
    public async Task Malformed_OtherConnectionReceivesMidDecode_EventCarriesItsOwnFramesReceiveTime()
    {
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var feed = hub.AddVenue("x", new BookManager("x", BookRules.Default));
        await using var quality = hub.DataQuality().GetAsyncEnumerator();
        SessionFrameSink? privateSink = null;
        var privateProtocol = new DecodeHookProtocol((_, _) => { });
        var publicProtocol = new DecodeHookProtocol((_, sink) =>
        {
            // The authenticated connection's receive loop takes a frame while this one is being decoded.
            privateSink!.Process("{}"u8, PrivateAt);
            sink.Malformed("unknown frame type", "{\"type\":\"?\"}"u8);
        });
        await using var publicSession = Session(publicProtocol, feed, ConnectionKind.Public);
        await using var privateSession = Session(privateProtocol, feed, ConnectionKind.Private);
        privateSink = new SessionFrameSink(privateSession, feed, privateProtocol, record: false);
        var publicSink = new SessionFrameSink(publicSession, feed, publicProtocol, record: true);

        publicSink.Process("{\"type\":\"?\"}"u8, PublicAt);

        Assert.True(await quality.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(DataQualityKind.MalformedFrame, quality.Current.Kind);
        Assert.Equal(PublicAt, quality.Current.ReceivedAt);
    }

    [Fact]
    public async Task Publish_NegativeTradePrice_IsCountedAsMalformedAndNotPublished()
    {
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var feed = hub.AddVenue("x", new BookManager("x", BookRules.Default));
        await using var quality = hub.DataQuality().GetAsyncEnumerator();
        await using var trades = hub.Trades().GetAsyncEnumerator();
        var btc = Fluxum.Sdk.Symbol.Parse("BTC/USD");

        feed.Publish(new Trade { Venue = "x", Symbol = btc, Price = -63500m, Size = -5m, TakerSide = Fluxum.Sdk.Side.Buy, ReceivedAt = PublicAt });
        feed.Publish(new Trade { Venue = "x", Symbol = btc, Price = 63500m, Size = 0.5m, TakerSide = Fluxum.Sdk.Side.Sell, ReceivedAt = PrivateAt });

        Assert.True(await quality.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(DataQualityKind.MalformedFrame, quality.Current.Kind);
        Assert.Equal(btc, quality.Current.Symbol);
        Assert.Contains("price -63500 must be positive", quality.Current.Detail, StringComparison.Ordinal);
        Assert.True(await trades.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(63500m, trades.Current.Price);
        Assert.Equal(1, feed.Counters.MalformedFrames);
        Assert.Equal(2, feed.Counters.Events); // the good trade and the quality event, not the bad trade
    }

    [Fact]
    public async Task UnattributedBookMalformed_PublicConnection_OneEventEveryBookStaleAndResynced()
    {
        // Issue #10 (fuzz): a book frame whose symbol could not be read left every book good, one of them short of it.
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var books = new BookManager("x", BookRules.Default) { TrackedOnly = true };
        var (btc, eth) = (Fluxum.Sdk.Symbol.Parse("BTC/USD"), Fluxum.Sdk.Symbol.Parse("ETH/USD"));
        var feed = hub.AddVenue("x", books);
        var resyncs = new List<Fluxum.Sdk.Symbol>();
        books.ResyncRequested += (symbol, _) => resyncs.Add(symbol);
        foreach (var symbol in new[] { btc, eth })
        {
            books.Track(symbol, null);
            books.Apply(new BookFrame(symbol, true, [new(Fluxum.Sdk.BookSide.Bid, 100m, 1m), new(Fluxum.Sdk.BookSide.Ask, 101m, 1m)], PublicAt));
        }

        await using var quality = hub.DataQuality().GetAsyncEnumerator();
        var protocol = new DecodeHookProtocol((_, sink) => sink.UnattributedBookMalformed("book message without 'symbol'", "{\"channel\":\"book\"}"u8));
        await using var session = Session(protocol, feed, ConnectionKind.Public);
        var publicSink = new SessionFrameSink(session, feed, protocol, record: true);

        publicSink.Process("{}"u8, PublicAt);

        Assert.True(books.IsStale(btc) && books.IsStale(eth));
        Assert.Equal([btc, eth], resyncs.Order());
        Assert.Equal(1, feed.Counters.MalformedFrames);
        Assert.True(await quality.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        var first = quality.Current;
        Assert.Equal((DataQualityKind.MalformedFrame, (Fluxum.Sdk.Symbol?)null, "x"), (first.Kind, first.Symbol, first.Venue));
        Assert.Contains("every book is marked stale", first.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnattributedBookMalformed_AuthenticatedConnection_PlainMalformedBooksStayGood()
    {
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var books = new BookManager("x", BookRules.Default) { TrackedOnly = true };
        var btc = Fluxum.Sdk.Symbol.Parse("BTC/USD");
        var feed = hub.AddVenue("x", books);
        books.Track(btc, null);
        books.Apply(new BookFrame(btc, true, [new(Fluxum.Sdk.BookSide.Bid, 100m, 1m), new(Fluxum.Sdk.BookSide.Ask, 101m, 1m)], PublicAt));
        var protocol = new DecodeHookProtocol((_, sink) => sink.UnattributedBookMalformed("frame without a symbol", "{}"u8));
        await using var session = Session(protocol, feed, ConnectionKind.Private);
        var privateSink = new SessionFrameSink(session, feed, protocol, record: false);

        privateSink.Process("{}"u8, PrivateAt);

        Assert.False(books.IsStale(btc));
        Assert.Equal(1, feed.Counters.MalformedFrames);
    }

    [Fact]
    public void Book_FrameForANeverSubscribedSymbol_NoBookEveryBookResyncedReportedOnce()
    {
        // A damaged symbol that still parses ("EDH/USD" for ETH/USD): ETH/USD is short of that update.
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var books = new BookManager("x", BookRules.Default) { TrackedOnly = true };
        var (eth, damaged) = (Fluxum.Sdk.Symbol.Parse("ETH/USD"), Fluxum.Sdk.Symbol.Parse("EDH/USD"));
        var feed = hub.AddVenue("x", books);
        var events = new List<DataQualityEvent>();
        books.Quality += events.Add;
        books.Track(eth, null);
        LevelChange[] levels = [new(Fluxum.Sdk.BookSide.Bid, 100m, 1m), new(Fluxum.Sdk.BookSide.Ask, 101m, 1m)];
        books.Apply(new BookFrame(eth, true, levels, PublicAt));

        feed.Book(new BookFrame(damaged, false, levels, PublicAt));
        feed.Book(new BookFrame(damaged, false, levels, PublicAt));

        Assert.True(books.IsStale(eth));
        Assert.Equal([eth], books.Symbols);
        Assert.Single(events, e => e.Kind == DataQualityKind.UnsubscribedSymbol && e.Symbol == damaged);
        Assert.Equal(2, books.Counters.UntrackedFrames);
        Assert.Equal(1, books.Counters.ResyncRequests);
    }

    [Fact]
    public void Book_LateFrameOfAnUnsubscribedBook_DroppedOtherBooksStayGood()
    {
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var books = new BookManager("x", BookRules.Default) { TrackedOnly = true };
        var (btc, eth) = (Fluxum.Sdk.Symbol.Parse("BTC/USD"), Fluxum.Sdk.Symbol.Parse("ETH/USD"));
        var feed = hub.AddVenue("x", books);
        LevelChange[] levels = [new(Fluxum.Sdk.BookSide.Bid, 100m, 1m), new(Fluxum.Sdk.BookSide.Ask, 101m, 1m)];
        books.Track(btc, null);
        books.Track(eth, null);
        books.Apply(new BookFrame(btc, true, levels, PublicAt));
        books.Untrack(eth);

        feed.Book(new BookFrame(eth, false, levels, PublicAt));

        Assert.False(books.IsStale(btc));
        Assert.Equal(1, books.Counters.UntrackedFrames);
    }

    [Fact]
    public async Task RefusedBookSubscription_ItsBookStaleEvenWithASnapshotAlready()
    {
        // A book whose subscription the venue refused gets no more updates (Gemini's snapshot precedes the ack).
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var books = new BookManager("x", BookRules.Default) { TrackedOnly = true };
        var btc = Fluxum.Sdk.Symbol.Parse("BTC/USD");
        var feed = hub.AddVenue("x", books);
        books.Track(btc, null);
        books.Apply(new BookFrame(btc, true, [new(Fluxum.Sdk.BookSide.Bid, 100m, 1m), new(Fluxum.Sdk.BookSide.Ask, 101m, 1m)], PublicAt));
        var protocol = new DecodeHookProtocol((_, sink) => sink.Publish(new SubscriptionAck { Venue = "x", Channel = MarketChannel.Book(10), Symbol = btc, Success = false, Error = "unknown symbol", ReceivedAt = PublicAt }));
        await using var session = Session(protocol, feed, ConnectionKind.Public);
        var publicSink = new SessionFrameSink(session, feed, protocol, record: true);

        publicSink.Process("{}"u8, PublicAt);

        Assert.True(books.IsStale(btc));
        Assert.Null(books.Top(btc));
    }

    private static VenueSession Session(IMarketDataProtocol protocol, VenueFeed feed, ConnectionKind kind) =>
        new(protocol, Substitute.For<IWebSocketTransport>(), feed, new SessionOptions { Kind = kind }, TimeProvider.System, NullLogger<VenueSession>.Instance);
}
