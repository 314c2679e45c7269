using System.Text;
using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Tests.Fast;

public sealed class GeminiWsProtocolTests
{
    private static readonly Symbol BtcUsd = new("BTC", "USD");
    private static readonly Symbol EthPerp = new("ETH", "GUSDPERP");
    private static readonly Symbol AvaxPerp = new("AVAX", "GUSDPERP");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EncodeSubscribe_Book_UsesLowercaseDepth100msStreamWithNumericId()
    {
        var protocol = await TestContext.ProtocolAsync("ws");

        var message = Assert.Single(protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd)));

        Assert.Equal("""{"id":1,"method":"subscribe","params":["btcusd@depth@100ms"]}""", Encoding.UTF8.GetString(message.Span));
    }

    [Fact]
    public async Task EncodeSubscribe_MoreSymbolsThanInitialSlots_SubscribesAllAndDecodesTheLast()
    {
        // Nine symbols or more in one subscription grow the slot table while a slot of it was being indexed.
        var symbols = Enumerable.Range(0, 12).Select(i => (Venue: $"c{i}usd", Base: $"C{i}", Quote: "USD")).ToArray();
        var protocol = new GeminiPlugin().CreateProtocol(TestContext.Create(new FakeRest(symbols)), ConnectionKind.Public);
        await protocol.ResolveEndpointAsync();

        var message = Assert.Single(protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), symbols.Select(s => new Symbol(s.Base, s.Quote)))));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        protocol.Decode("""{"e":"depthUpdate","E":1789456742000000000,"s":"c11usd","U":5,"u":5,"b":[["1.5","2"]],"a":[["1.6","3"]]}"""u8, Now, sink);

        Assert.Contains("\"c11usd@depth@100ms\"", Encoding.UTF8.GetString(message.Span), StringComparison.Ordinal);
        Assert.Equal((new Symbol("C11", "USD"), true, 2, BookFrameResult.Snapshot), Assert.Single(sink.Frames));
    }

    [Fact]
    public async Task ResolveEndpointAsync_Public_AddsSnapshotParameterAndNoHeaders()
    {
        var protocol = new GeminiPlugin().CreateProtocol(TestContext.Create(FakeRest.Standard()), ConnectionKind.Public);

        var endpoint = await protocol.ResolveEndpointAsync();

        Assert.Equal("wss://ws.gemini.com/?snapshot=-1", endpoint.Uri.ToString());
        Assert.Empty(endpoint.Headers);
    }

    [Fact]
    public async Task Decode_CapturedSnapshotBeforeAck_IsSnapshotAndAckFollows()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), AvaxPerp));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode(Fixture.Frame("gemini_new_depth_snapshot_captured.json"), Now, sink);
        protocol.Decode(Fixture.Frame("gemini_new_subscribe_ack_captured.json"), Now, sink);

        Assert.Equal((AvaxPerp, true, 12, BookFrameResult.Snapshot), Assert.Single(sink.Frames));
        Assert.Equal(7.487m, sink.Books.Top(AvaxPerp)!.Value.Bid.Price);
        var ack = Assert.Single(sink.Of<SubscriptionAck>());
        Assert.True(ack.Success);
        Assert.Equal(AvaxPerp, ack.Symbol);
    }

    [Fact]
    public async Task Decode_CapturedChainedDeltas_ApplyAfterSnapshotAndSkipIsGap()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), EthPerp));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        protocol.Decode("""{"e":"depthUpdate","E":1789456742000000000,"s":"ethgusdperp","U":1764527605192323,"u":1764527605192323,"b":[["2482.5500","3.0"]],"a":[["2483.5000","1.0"],["2484.0000","1.0"]]}"""u8, Now, sink);

        foreach (var delta in Fixture.Frames("gemini_new_depth_deltas_captured.json"))
        {
            protocol.Decode(delta, Now, sink);
        }

        protocol.Decode("""{"e":"depthUpdate","E":1789456742400000000,"s":"ethgusdperp","U":1764527605192800,"u":1764527605192900,"b":[],"a":[]}"""u8, Now, sink);

        Assert.Equal([BookFrameResult.Snapshot, BookFrameResult.Applied, BookFrameResult.Applied, BookFrameResult.Failed], sink.Frames.Select(f => f.Result));
        var gap = Assert.Single(sink.Of<DataQualityEvent>(), e => e.Kind == DataQualityKind.Gap);
        Assert.Equal(EthPerp, gap.Symbol);
        Assert.Contains("1764527605192712", gap.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_ForwardJumpInLastId_NextGenuineDeltaIsAGapAndTheBookGoesStale()
    {
        // Issue #10.1: a delta whose u jumps ahead by 10^9 continued the chain at U and was applied; every
        // genuine delta after it was then dropped as a duplicate while the book stayed good.
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        var resyncs = new List<Symbol>();
        sink.Books.ResyncRequested += (symbol, _) => resyncs.Add(symbol);
        protocol.Decode("""{"e":"depthUpdate","E":1,"s":"btcusd","U":10,"u":10,"b":[["100","1"]],"a":[["101","1"]]}"""u8, Now, sink);
        protocol.Decode("""{"e":"depthUpdate","E":2,"s":"btcusd","U":10,"u":1000000011,"b":[["100","2"]],"a":[]}"""u8, Now, sink);

        protocol.Decode("""{"e":"depthUpdate","E":3,"s":"btcusd","U":11,"u":12,"b":[["100","3"]],"a":[]}"""u8, Now, sink);
        protocol.Decode("""{"e":"depthUpdate","E":4,"s":"btcusd","U":12,"u":13,"b":[["100","4"]],"a":[]}"""u8, Now, sink);

        Assert.Equal([BookFrameResult.Snapshot, BookFrameResult.Applied, BookFrameResult.Failed, BookFrameResult.Discarded], sink.Frames.Select(f => f.Result));
        var gap = Assert.Single(sink.Of<DataQualityEvent>(), e => e.Kind == DataQualityKind.Gap);
        Assert.Equal(BtcUsd, gap.Symbol);
        Assert.Contains("last applied 1000000011", gap.Detail, StringComparison.Ordinal);
        Assert.True(sink.Books.IsStale(BtcUsd));
        Assert.True(sink.Books.Snapshot(BtcUsd)!.IsStale);
        Assert.Equal([BtcUsd], resyncs);
        Assert.Equal(0, sink.Books.Counters.Duplicates);

        // The resync: unsubscribe, its ack, then the new subscription's snapshot makes the book good again.
        Assert.Equal(2, protocol.EncodeResync(BtcUsd, MarketChannel.Book(null)).Count);
        protocol.Decode("""{"id":2,"status":200}"""u8, Now, sink);
        protocol.Decode("""{"e":"depthUpdate","E":5,"s":"btcusd","U":20,"u":20,"b":[["100","5"]],"a":[["101","1"]]}"""u8, Now, sink);
        protocol.Decode("""{"e":"depthUpdate","E":6,"s":"btcusd","U":20,"u":21,"b":[["100","6"]],"a":[]}"""u8, Now, sink);

        Assert.False(sink.Books.IsStale(BtcUsd));
        Assert.Equal(6m, sink.Books.Top(BtcUsd)!.Value.Bid.Size);
        Assert.Contains(sink.Of<DataQualityEvent>(), e => e.Kind == DataQualityKind.Resynced && e.Symbol == BtcUsd);
    }

    [Fact]
    public async Task Decode_ExactRedeliveryOfTheLastDelta_IsACountedDuplicate()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        protocol.Decode("""{"e":"depthUpdate","E":1,"s":"btcusd","U":10,"u":10,"b":[["100","1"]],"a":[["101","1"]]}"""u8, Now, sink);
        var delta = """{"e":"depthUpdate","E":2,"s":"btcusd","U":10,"u":15,"b":[["100","2"]],"a":[]}"""u8.ToArray();

        protocol.Decode(delta, Now, sink);
        protocol.Decode(delta, Now, sink);

        Assert.Equal([BookFrameResult.Snapshot, BookFrameResult.Applied, BookFrameResult.Duplicate], sink.Frames.Select(f => f.Result));
        Assert.Equal(1, sink.Books.Counters.Duplicates);
        Assert.False(sink.Books.IsStale(BtcUsd));
    }

    [Fact]
    public async Task Decode_DocumentedDepthUpdate_RemovesZeroLevelAndKeepsIds()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        protocol.Decode("""{"e":"depthUpdate","E":1,"s":"btcusd","U":12345677,"u":12345677,"b":[["45000.25","3"],["44000","1"]],"a":[["45002","1"]]}"""u8, Now, sink);

        protocol.Decode(Fixture.Frame("gemini_new_depth_update.json"), Now, sink);

        var book = sink.Books.Snapshot(BtcUsd)!;
        Assert.Equal([45000.50m, 44000m], book.Bids.Select(l => l.Price));
        Assert.Equal([45001.00m, 45002m], book.Asks.Select(l => l.Price));
    }

    [Fact]
    public async Task Decode_WideIds_ParsedAsInt64()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        // The snapshot (U == u) first: the fixture is a delta continuing it (a first frame with U != u is no snapshot).
        protocol.Decode("""{"e":"depthUpdate","E":1700000000000,"s":"BTCUSD","U":9007199254740993,"u":9007199254740993,"b":[["100","1"]],"a":[["101","1"]]}"""u8, Now, sink);
        protocol.Decode(Fixture.Frame("gemini_new_depth_update_wide_ids_conformance.json"), Now, sink);

        Assert.Equal(9007199254740994L, sink.Books.Snapshot(BtcUsd)!.Sequence);
    }

    [Fact]
    public async Task Decode_BookTicker_PublishesTickerWithNanosecondTime()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Ticker, BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode(Fixture.Frame("gemini_new_book_ticker.json"), Now, sink);

        var ticker = Assert.Single(sink.Of<Ticker>());
        Assert.Equal((45000.50m, 1.25m, 45001.00m, 0.75m), (ticker.Bid, ticker.BidSize, ticker.Ask, ticker.AskSize));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(1751508438600117161 / 100), ticker.ExchangeTime);
    }

    [Theory]
    [InlineData("gemini_new_trade.json", "2840140956529623", 120649.97)]
    [InlineData("gemini_new_trade_conformance.json", "123456789", 1000.00)]
    public async Task Decode_Trade_BuyerMakerMeansTakerSold(string fixture, string id, double price)
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode(Fixture.Frame(fixture), Now, sink);

        var trade = Assert.Single(sink.Of<Trade>());
        Assert.Equal((Side.Sell, id, (decimal)price), (trade.TakerSide, trade.TradeId, trade.Price));
    }

    [Fact]
    public async Task Decode_ErrorForSubscribe_PublishesVenueErrorAndFailedAck()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, BtcUsd));
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Ticker, BtcUsd));
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), EthPerp));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode(Fixture.Frame("gemini_new_error_invalid_stream_captured.json"), Now, sink);
        protocol.Decode(Fixture.Frame("gemini_new_error_response.json"), Now, sink);

        var errors = sink.Of<VenueError>().ToArray();
        Assert.Equal(["-1013", "-1002"], errors.Select(e => e.Code));
        Assert.Contains("Invalid stream name", errors[0].Message, StringComparison.Ordinal);
        var acks = sink.Of<SubscriptionAck>().ToArray();
        Assert.All(acks, a => Assert.False(a.Success));
        Assert.Equal([(EthPerp, ChannelKind.Book), (BtcUsd, ChannelKind.Trades)], acks.Select(a => (a.Symbol!.Value, a.Channel.Kind)));
    }

    [Fact]
    public async Task EncodeResync_FramesBeforeUnsubscribeAck_AreNotTakenAsSnapshot()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        protocol.Decode("""{"id":1,"status":200}"""u8, Now, sink);
        protocol.Decode("""{"e":"depthUpdate","E":1,"s":"btcusd","U":10,"u":10,"b":[["100","1"]],"a":[["101","1"]]}"""u8, Now, sink);

        var resync = protocol.EncodeResync(BtcUsd, MarketChannel.Book(null)).Select(m => Encoding.UTF8.GetString(m.Span)).ToArray();
        protocol.Decode("""{"e":"depthUpdate","E":1,"s":"btcusd","U":10,"u":12,"b":[["99","1"]],"a":[]}"""u8, Now, sink);
        protocol.Decode("""{"id":2,"status":200}"""u8, Now, sink);
        protocol.Decode("""{"e":"depthUpdate","E":1,"s":"btcusd","U":20,"u":20,"b":[["98","1"]],"a":[["102","1"]]}"""u8, Now, sink);

        Assert.Equal(["""{"id":2,"method":"unsubscribe","params":["btcusd@depth@100ms"]}""", """{"id":3,"method":"subscribe","params":["btcusd@depth@100ms"]}"""], resync);
        Assert.Equal([true, false, true], sink.Frames.Select(f => f.Snapshot));
        Assert.Equal([98m], sink.Books.Snapshot(BtcUsd)!.Bids.Select(l => l.Price));
    }

    [Fact]
    public async Task EncodeResync_BeforeTheFirstSnapshot_SendsNothingAndTheSnapshotStillCounts()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        var resync = protocol.EncodeResync(BtcUsd, MarketChannel.Book(null));
        protocol.Decode("""{"e":"depthUpdate","E":1,"s":"btcusd","U":10,"u":10,"b":[["100","1"]],"a":[["101","1"]]}"""u8, Now, sink);

        Assert.Empty(resync);
        Assert.Equal([true], sink.Frames.Select(f => f.Snapshot));
        Assert.False(sink.Books.IsStale(BtcUsd));
    }

    [Theory]
    [InlineData("gemini_new_balance_update.json", "USD", 207.39)]
    [InlineData("gemini_new_balance_update_conformance.json", "USD", 100.00)]
    public async Task Decode_BalanceUpdate_PublishesLedgerEntryWithBalance(string fixture, string asset, double balance)
    {
        var protocol = await TestContext.ProtocolAsync("ws", ConnectionKind.Private, new VenueCredentials("account-key", "secret"));
        Assert.Null(protocol.CheckSubscription(new Subscription(MarketChannel.Ledger)));
        Assert.Equal("""{"id":1,"method":"subscribe","params":["balances@account","orders@account"]}""", Encoding.UTF8.GetString(Assert.Single(protocol.EncodeSubscribe(new Subscription(MarketChannel.Ledger))).Span));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode(Fixture.Frame(fixture), Now, sink);
        protocol.Decode("""{"e":"balanceUpdate","E":1768250434999,"u":1768250434999,"B":[{"a":"USD","f":"1000"}]}"""u8, Now, sink);

        var entries = sink.Of<LedgerEntry>().ToArray();
        Assert.Equal(2, entries.Length);
        Assert.Equal((asset, (decimal)balance, 0m), (entries[0].Asset, entries[0].Balance!.Value, entries[0].Amount));
        Assert.Equal(1000m - (decimal)balance, entries[1].Amount);
        Assert.Empty(sink.Malformations);
    }

    [Fact]
    public async Task Decode_OrderUpdateConformance_PublishesFilledOrder()
    {
        var protocol = await TestContext.ProtocolAsync("ws", ConnectionKind.Private, new VenueCredentials("account-key", "secret"));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode(Fixture.Frame("gemini_new_order_update_conformance.json"), Now, sink);

        var order = Assert.Single(sink.Of<Fluxum.Sdk.Orders.OrderUpdate>());
        Assert.Equal((BtcUsd, "12345", "client-order-1", Fluxum.Sdk.Orders.OrderStatus.Filled, "FILLED"), (order.Symbol, order.OrderId, order.ClientOrderId, order.Status, order.VenueStatus));
        Assert.Equal((Side.Buy, "LIMIT", 1000.00m, 0.25m, 0.25m, 250.00m), (order.Side, order.OrderType, order.Price!.Value, order.Quantity!.Value, order.Remaining!.Value, order.Executed!.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000001), order.ExchangeTime);
        Assert.Empty(sink.Malformations);
    }

    [Theory]
    [InlineData("gemini_new_order_update_new.json", "NEW")]
    [InlineData("gemini_new_order_update_canceled.json", "CANCELED")]
    public async Task Decode_DocumentedOrderUpdates_OrderIdAbove2Pow53KeptExactly(string fixture, string status)
    {
        var protocol = await TestContext.ProtocolAsync("ws", ConnectionKind.Private, new VenueCredentials("account-key", "secret"));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode(Fixture.Frame(fixture), Now, sink);

        // BTCGUSDPERP is an order on a perpetual: known to the symbol details or reported, never dropped silently.
        var order = sink.Of<Fluxum.Sdk.Orders.OrderUpdate>().SingleOrDefault();
        if (order is not null)
        {
            Assert.Equal(("73797746498585286", status), (order.OrderId, order.VenueStatus));
        }
        else
        {
            var error = Assert.Single(sink.Of<VenueError>());
            Assert.Contains("order 73797746498585286", error.Message, StringComparison.Ordinal);
            Assert.Contains(status, error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(sink.Malformations);
    }

    [Fact]
    public async Task CheckSubscription_LedgerOnPublicConnectionAndCandles_RefusedByTheDeclaredOffer()
    {
        var protocol = await TestContext.ProtocolAsync("ws");

        Assert.StartsWith("the ledger channel is not offered on the public connection", protocol.CheckSubscription(new Subscription(MarketChannel.Ledger)), StringComparison.Ordinal);
        Assert.Equal(
            "the ohlc channel is not offered on the public connection with these settings (offered: book, trades, ticker)",
            protocol.CheckSubscription(new Subscription(MarketChannel.Ohlc(TimeSpan.FromMinutes(1)), BtcUsd)));
        // What the declaration cannot say, the protocol still does: balance updates need credentials.
        Assert.Contains("API key", protocol.Validate(new Subscription(MarketChannel.Ledger)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_Garbage_ReportsMalformedWithoutThrowing()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode("""{"e":"depthUpdate","E":"""u8, Now, sink);

        Assert.Single(sink.Malformations);
    }
}
