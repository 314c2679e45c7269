using System.Text;
using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Kraken.Tests.Protocol;

/// <summary>
/// Issue #10 (fuzz): a book frame the decoder could not read went out as a plain Malformed, so its book stayed
/// good and short of the update until the next checksum. Now it is that book's problem when the symbol was read,
/// every book's when it was not, and only a frame recognisably of another channel stays a plain malformed one.
/// </summary>
public sealed class BrokenBookFrameTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly Symbol Eth = Symbol.Parse("ETH/USD");
    private static readonly DateTimeOffset T0 = new(2026, 7, 7, 23, 0, 3, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[{"price":101.0,"qty":2.00""")]
    [InlineData("""{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[[[[]]]],"asks":[]}]}""")]
    public void Decode_BrokenAfterTheSymbol_ThatBookStaleAndResyncedOnly(string frame)
    {
        var (protocol, sink, resyncs) = GoodBooks();

        protocol.Decode(Encoding.UTF8.GetBytes(frame), T0, sink);

        Assert.Equal([Btc], sink.BookMalformedSymbols);
        Assert.Empty(sink.Unattributed);
        Assert.True(sink.Books!.IsStale(Btc));
        Assert.False(sink.Books.IsStale(Eth));
        Assert.Equal([Btc], resyncs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"channel":"book","type":"update","data":[]}""")]
    [InlineData("""{"channel":"book","type":"update","data":[{"symbol":"ET\u0000H/USD","bids":[],"asks":[]}]}""")]
    [InlineData("""{"channel":"book","type":"update","data":[{"bids":[],"asks":[{"price":101.0,"qty":2.0}],"checksum":1}]}""")]
    [InlineData("""{"channel":"boo","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[]}]}""")]
    [InlineData("""{"channel":"book","type":"update","dat""")]
    public void Decode_BookFrameWhoseSymbolCannotBeRead_EveryBookStaleAndResyncedWithOneReport(string frame)
    {
        var (protocol, sink, resyncs) = GoodBooks();

        protocol.Decode(Encoding.UTF8.GetBytes(frame), T0, sink);

        Assert.Single(sink.Unattributed);
        Assert.Single(sink.Malformations);
        Assert.Empty(sink.BookMalformedSymbols);
        Assert.True(sink.Books!.IsStale(Btc) && sink.Books.IsStale(Eth));
        Assert.Null(sink.Books.Top(Btc));
        Assert.Equal([Btc, Eth], resyncs.Order());
    }

    [Theory]
    [InlineData("""{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"buy","price":""")]
    [InlineData("""{"channel":"heartbeat","x":""")]
    public void Decode_BrokenFrameOfAnotherChannel_PlainMalformedBooksStayGood(string frame)
    {
        var (protocol, sink, resyncs) = GoodBooks();

        protocol.Decode(Encoding.UTF8.GetBytes(frame), T0, sink);

        Assert.Single(sink.Malformations);
        Assert.Empty(sink.Unattributed);
        Assert.False(sink.Books!.IsStale(Btc) || sink.Books.IsStale(Eth));
        Assert.Empty(resyncs);
    }

    /// <summary>Both books good: subscribed, precisions known, a snapshot each with its right checksum.</summary>
    private static (KrakenProtocol Protocol, CollectingSink Sink, List<Symbol> Resyncs) GoodBooks()
    {
        var protocol = Fixture.Protocol(("BTC/USD", 1, 8), ("ETH/USD", 2, 8));
        var books = new BookManager("kraken", protocol.VenueBookRules()) { TrackedOnly = true };
        books.Track(Btc, 10);
        books.Track(Eth, 10);
        protocol.OnConnected();
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(10), Btc, Eth));
        var sink = new CollectingSink(books);
        var resyncs = new List<Symbol>();
        books.ResyncRequested += (symbol, _) => resyncs.Add(symbol);
        foreach (var symbol in new[] { Btc, Eth })
        {
            var levels = new LevelChange[] { new(BookSide.Bid, 100m, 1m), new(BookSide.Ask, 101m, 2m) };
            var book = new OrderBook(symbol, 10);
            book.ApplySnapshot(levels);
            var checksum = protocol.VenueBookRules().Checksum!.Compute(book);
            protocol.Decode(Encoding.UTF8.GetBytes($$"""{"channel":"book","type":"snapshot","data":[{"symbol":"{{symbol}}","bids":[{"price":100.0,"qty":1.0}],"asks":[{"price":101.0,"qty":2.0}],"checksum":{{checksum}}}]}"""), T0, sink);
            Assert.False(books.IsStale(symbol), $"{symbol}: {string.Join("; ", sink.Malformations)}");
        }

        return (protocol, sink, resyncs);
    }
}
