using System.Text;
using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using NSubstitute;

namespace Fluxum.Plugins.Kraken.Tests.Protocol;

/// <summary>Books whose checksum cannot be checked, and book frames that cannot be applied in full.</summary>
public sealed class BookVerificationTests
{
    private const string Recording = "kraken_v2_flashbook_live-btc-eth_2026-07-07.jsonl";
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly Symbol Eth = Symbol.Parse("ETH/USD");
    private static readonly DateTimeOffset T0 = new(2026, 7, 7, 23, 0, 3, TimeSpan.Zero);

    private const string Snapshot = """{"channel":"book","type":"snapshot","data":[{"symbol":"BTC/USD","bids":[{"price":100.0,"qty":1.00000000}],"asks":[{"price":101.0,"qty":2.00000000}],"checksum":1}]}""";
    private const string Heartbeat = """{"channel":"heartbeat"}""";

    [Fact]
    public void Decode_RecordingWithoutInstrumentData_BothBooksUnverifiedWithinTheHoldTime()
    {
        var (protocol, books, sink, quality) = Setup(Fixture.Protocol());

        var at = T0;
        foreach (var frame in Fixture.RecordedFrames(Recording))
        {
            protocol.Decode(frame, at, sink);
            at += TimeSpan.FromMilliseconds(7.5);
        }

        // No frame is held forever: every book frame of the capture reached the book, none with a checksum.
        Assert.Equal(2962, sink.BookResults.Length);
        Assert.All(sink.BookResults, r => Assert.Null(r.Checksum));
        Assert.Equal(0L, books.Counters.ChecksumsVerified);
        Assert.Equal(2962L, books.Counters.UnverifiedFrames);
        foreach (var symbol in new[] { Btc, Eth })
        {
            Assert.Null(books.Top(symbol));
            Assert.True(books.IsStale(symbol));
            var book = books.Snapshot(symbol)!;
            Assert.True(book.IsStale);
            Assert.Contains("no price/quantity precision", book.Unverified, StringComparison.Ordinal);
            var reported = Assert.Single(quality, q => q.Symbol == symbol);
            Assert.Equal(DataQualityKind.Unverified, reported.Kind);
            Assert.Equal("kraken", reported.Venue);
            Assert.Matches($@"no price/quantity precision for {symbol} .* \d+ book frames held for 5\.\d s, then applied unverified", reported.Detail);
        }
    }

    [Fact]
    public void Decode_HeldFrame_ReleasedUnverifiedByTheFirstFrameAfterTheHoldTime()
    {
        var (protocol, books, sink, quality) = Setup(Fixture.Protocol());

        protocol.Decode(Encoding.UTF8.GetBytes(Snapshot), T0, sink);
        protocol.Decode(Encoding.UTF8.GetBytes(Heartbeat), T0 + KrakenDecoder.MaxHoldTime - TimeSpan.FromMilliseconds(1), sink);
        Assert.Empty(sink.BookResults);

        protocol.Decode(Encoding.UTF8.GetBytes(Heartbeat), T0 + KrakenDecoder.MaxHoldTime, sink);

        Assert.Equal(BookFrameResult.Snapshot, Assert.Single(sink.BookResults).Result);
        var reported = Assert.Single(quality);
        Assert.Equal(DataQualityKind.Unverified, reported.Kind);
        Assert.Contains("1 book frames held for 5.0 s", reported.Detail, StringComparison.Ordinal);
        Assert.Null(books.Top(Btc));
        Assert.Equal(1L, books.Counters.UnverifiedFrames);
    }

    [Fact]
    public void Decode_PrecisionArrivesAfterUnverified_NextMatchingChecksumVerifiesTheBook()
    {
        var kraken = Fixture.Protocol();
        var (protocol, books, sink, quality) = Setup(kraken);
        protocol.Decode(Encoding.UTF8.GetBytes(Snapshot), T0, sink);
        protocol.Decode(Encoding.UTF8.GetBytes(Heartbeat), T0 + KrakenDecoder.MaxHoldTime, sink);
        kraken.Instruments.Set(Btc, new Fluxum.Plugins.Kraken.Books.Precision(1, 8));
        var local = new OrderBook(Btc);
        local.ApplySnapshot([new LevelChange(BookSide.Bid, 100.0m, 1.5m), new LevelChange(BookSide.Ask, 101.0m, 2m)]);
        var checksum = protocol.VenueBookRules().Checksum!.Compute(local);

        protocol.Decode(Encoding.UTF8.GetBytes($$"""{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":100.0,"qty":1.50000000}],"asks":[],"checksum":{{checksum}}}]}"""), T0 + TimeSpan.FromSeconds(6), sink);

        Assert.Equal(100.0m, books.Top(Btc)!.Value.Bid.Price);
        Assert.Null(books.Snapshot(Btc)!.Unverified);
        Assert.Equal(1L, books.Counters.ChecksumsVerified);
        Assert.Equal([DataQualityKind.Unverified, DataQualityKind.Resynced], quality.Select(q => q.Kind));
    }

    [Fact]
    public void Decode_RecordingWithInstrumentsSetting_EveryChecksumVerified()
    {
        var plugin = new KrakenPlugin();
        var context = Fixture.Context() with { Mode = VenueMode.Replay, Settings = InstrumentsSetting() };
        var (protocol, books, sink, quality) = Setup(plugin.CreateProtocol(context, ConnectionKind.Public));

        foreach (var frame in Fixture.RecordedFrames(Recording))
        {
            protocol.Decode(frame, T0, sink);
        }

        Assert.Empty(quality);
        Assert.Equal(2962L, books.Counters.ChecksumsVerified);
        Assert.Equal(0L, books.Counters.ChecksumFailures);
        Assert.Equal(new BookLevel(63498m, 2.96239984m), books.Top(Btc)!.Value.Bid with { OrderCount = null });
        Assert.Equal(new BookLevel(1774.45m, 0.68359347m), books.Top(Eth)!.Value.Ask with { OrderCount = null });
    }

    [Theory]
    [InlineData("instruments.BTC/USD.price_decimals", "x", "instruments.BTC/USD.price_decimals: 'x' is not a whole number of decimals from 0 to 28")]
    [InlineData("instruments.BTC/USD.price_decimals", "-1", "instruments.BTC/USD.price_decimals: '-1' is not a whole number of decimals from 0 to 28")]
    [InlineData("instruments.BTC/USD.lot", "8", "instruments.BTC/USD.lot: unknown field 'lot' (expected price_decimals and qty_decimals)")]
    [InlineData("instruments.BTCUSD.price_decimals", "1", "instruments.BTCUSD: 'BTCUSD' is not a BASE/QUOTE symbol (e.g. BTC/USD)")]
    public void Validate_BadInstrumentsSetting_ProblemNamesTheKeyPath(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string>(InstrumentsSetting()) { [key] = value };

        var problems = new KrakenPlugin().Validate(Fixture.Context() with { Settings = settings });

        Assert.Contains(expected, problems);
    }

    [Fact]
    public void Validate_InstrumentWithoutQtyDecimals_ProblemSaysWhichIsMissing()
    {
        var settings = new Dictionary<string, string> { ["instruments.SOL/USD.price_decimals"] = "2" };

        var problem = Assert.Single(new KrakenPlugin().Validate(Fixture.Context() with { Settings = settings }));

        Assert.Equal("instruments.SOL/USD: needs both price_decimals and qty_decimals (missing qty_decimals)", problem);
    }

    [Fact]
    public async Task ResolveEndpoint_LiveMode_RestAssetPairsGivePrecisionsBeforeTheConnection()
    {
        var rest = Substitute.For<IRestTransport>();
        rest.SendAsync(Arg.Any<RestRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var path = call.Arg<RestRequest>().Uri.AbsolutePath;
            var file = path.EndsWith("/AssetPairs", StringComparison.Ordinal) ? "kraken_rest_assetpairs_response.json" : "kraken_rest_assets_response.json";
            return new RestResponse(200, Fixture.Bytes(file));
        });
        var plugin = new KrakenPlugin();
        var protocol = (KrakenProtocol)plugin.CreateProtocol(Fixture.Context(rest: rest) with { Mode = VenueMode.Live }, ConnectionKind.Public);

        await protocol.ResolveEndpointAsync();

        Assert.True(protocol.Instruments.TryGet(Btc, out var precision));
        Assert.Equal(new Fluxum.Plugins.Kraken.Books.Precision(1, 8), precision);
        var (_, books, sink, _) = Setup(protocol);
        protocol.Decode(Encoding.UTF8.GetBytes(Snapshot), T0, sink);
        Assert.Equal(1U, Assert.Single(sink.BookResults).Checksum);
        Assert.Equal(1L, books.Counters.ChecksumFailures);
    }

    [Fact]
    public async Task ResolveEndpoint_ReplayMode_NoRestCall()
    {
        var rest = Substitute.For<IRestTransport>();
        var protocol = new KrakenPlugin().CreateProtocol(Fixture.Context(rest: rest) with { Mode = VenueMode.Replay }, ConnectionKind.Public);

        await protocol.ResolveEndpointAsync();

        await rest.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }

    [Fact]
    public void Decode_SnapshotWithoutChecksumAfterFailure_NotTakenAsTheResync()
    {
        var (protocol, books, sink, _) = Setup(Fixture.Protocol(("BTC/USD", 1, 8)));
        protocol.Decode(Encoding.UTF8.GetBytes(Snapshot), T0, sink);
        Assert.True(books.IsStale(Btc)); // checksum 1 does not match: stale, waiting for a resync

        protocol.Decode(Encoding.UTF8.GetBytes("""{"channel":"book","type":"snapshot","data":[{"symbol":"BTC/USD","bids":[{"price":1.0,"qty":1.0}],"asks":[{"price":999999.0,"qty":1.0}]}]}"""), T0, sink);

        Assert.Single(sink.BookResults);
        Assert.Equal([Btc], sink.BookMalformedSymbols);
        Assert.Contains(sink.Malformations, m => m.StartsWith("BTC/USD: book message without 'checksum'", StringComparison.Ordinal));
        Assert.Null(books.Top(Btc));
        Assert.DoesNotContain(1.0m, books.Snapshot(Btc)!.Bids.Select(b => b.Price));
    }

    [Theory]
    [InlineData("""{"price":100.0,"qty":"abc"}""")]
    [InlineData("""{"price":100.0}""")]
    [InlineData("""{"price":{"nested":[1,2]},"qty":1.0}""")]
    [InlineData("""{"price":1e400,"qty":1.0}""")]
    [InlineData("""42""")]
    public void Decode_BadRowBeforeTheSymbol_BookMalformedForThatSymbolOtherBooksApplied(string row)
    {
        var (protocol, _, sink, _) = Setup(Fixture.Protocol(("BTC/USD", 1, 8), ("ETH/USD", 2, 8)));

        protocol.Decode(Encoding.UTF8.GetBytes($$"""{"channel":"book","type":"update","data":[{"bids":[{"price":99.0,"qty":1.0},{{row}},{"price":98.0,"qty":1.0}],"asks":[],"symbol":"BTC/USD","checksum":5},{"symbol":"ETH/USD","bids":[{"price":10.00,"qty":1.0}],"asks":[],"checksum":6}]}"""), T0, sink);

        Assert.Equal([Btc], sink.BookMalformedSymbols);
        Assert.Contains(sink.Malformations, m => m.StartsWith("BTC/USD: book bids: each level needs a numeric 'price' and 'qty'", StringComparison.Ordinal));
        var applied = Assert.Single(sink.BookResults);
        Assert.Equal(6U, applied.Checksum);
    }

    [Fact]
    public void Decode_ChecksumNotANumber_BookMalformed()
    {
        var (protocol, _, sink, _) = Setup(Fixture.Protocol(("BTC/USD", 1, 8)));

        protocol.Decode(Encoding.UTF8.GetBytes("""{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[{"price":101.0,"qty":1.0}],"checksum":{"a":1}}]}"""), T0, sink);

        Assert.Equal([Btc], sink.BookMalformedSymbols);
        Assert.Contains(sink.Malformations, m => m.StartsWith("BTC/USD: book 'checksum' is not an unsigned 32-bit integer", StringComparison.Ordinal));
        Assert.Empty(sink.BookResults);
    }

    private static Dictionary<string, string> InstrumentsSetting() => new()
    {
        ["instruments.BTC/USD.price_decimals"] = "1",
        ["instruments.BTC/USD.qty_decimals"] = "8",
        ["instruments.ETH/USD.price_decimals"] = "2",
        ["instruments.ETH/USD.qty_decimals"] = "8",
    };

    private static (IMarketDataProtocol Protocol, BookManager Books, CollectingSink Sink, List<DataQualityEvent> Quality) Setup(IMarketDataProtocol protocol)
    {
        var books = new BookManager("kraken", protocol.VenueBookRules());
        books.Track(Btc, 10);
        books.Track(Eth, 10);
        var quality = new List<DataQualityEvent>();
        books.Quality += q =>
        {
            if (q.Kind is not DataQualityKind.Stale)
            {
                quality.Add(q);
            }
        };
        protocol.OnConnected();
        return (protocol, books, new CollectingSink(books), quality);
    }
}
