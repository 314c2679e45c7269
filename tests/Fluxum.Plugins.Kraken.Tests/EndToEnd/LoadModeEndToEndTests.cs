using Fluxum.Plugins.Kraken.Simulator;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;

namespace Fluxum.Plugins.Kraken.Tests.EndToEnd;

/// <summary>
/// The simulator's load mode over real sockets, read by the plugin's own decoder and a checked book manager: every
/// frame protocol-exact, every book checksum true across many repeats of the tape, every frame counted on both sides,
/// the rate held, and each frame stamped with its send time.
/// </summary>
public sealed class LoadModeEndToEndTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly Symbol Eth = Symbol.Parse("ETH/USD");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AsFastAsTheSocketTakes_SeveralTapeCycles_EveryChecksumPassesAndEveryFrameArrives()
    {
        // Two pairs take turns, so each gets half; more than two cycles of its tape each.
        var perSymbol = 2 * (KrakenSimulator.TapeBookFrames * 2);
        var messages = 2L * perSymbol;
        await using var sim = await SimulatorFixture.StartAsync(load: new SimulatorLoad { MessagesPerSecond = 0, Messages = messages });
        await using var harness = sim.Harness();
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc, Eth));
        await harness.SubscribeAsync(new Subscription(MarketChannel.Trades, Btc, Eth));
        await harness.SubscribeAsync(new Subscription(MarketChannel.Ticker, Btc, Eth));
        var market = (KrakenSimulator)sim.Simulator;

        await VenueHarness.WaitUntilAsync(() => Total(market.LoadSent) >= messages, "the simulator to send every load frame", Patience);
        var sent = market.LoadSent;
        await VenueHarness.WaitUntilAsync(
            () => harness.Sink.BookFrames.Count(f => !f.IsSnapshot) >= sent.Books && harness.Sink.OfType<Trade>().Count >= sent.Trades,
            "every load frame to arrive",
            Patience);

        Assert.Equal(messages, Total(sent));
        Assert.True(sent.Books / 2 > 2 * KrakenSimulator.TapeBookFrames, $"each book went round its tape more than twice ({sent.Books} book frames)");
        Assert.True(sent.Trades > 0 && sent.Tickers > 0, $"trades {sent.Trades}, tickers {sent.Tickers}");
        Assert.Empty(harness.Sink.MalformedFrames);
        Assert.Equal(0L, harness.Books.Counters.ChecksumFailures);
        Assert.All(harness.Sink.BookResults, r => Assert.True(r is BookFrameResult.Snapshot or BookFrameResult.Applied, r.ToString()));
        Assert.Equal(sent.Books, harness.Sink.BookFrames.Count(f => !f.IsSnapshot));
        Assert.Equal(2, harness.Sink.BookFrames.Count(f => f.IsSnapshot));
        Assert.Equal(sent.Trades, harness.Sink.OfType<Trade>().Count);
        await VenueHarness.WaitUntilAsync(() => harness.Sink.OfType<Ticker>().Count >= sent.Tickers + 2, "every ticker (and the two snapshots)", Patience);
        Assert.Equal(sent.Tickers + 2, harness.Sink.OfType<Ticker>().Count);
        Assert.False(harness.Books.IsStale(Btc));
        Assert.False(harness.Books.IsStale(Eth));
        Assert.Equal(10, harness.Books.Snapshot(Btc)!.Bids.Count);
        Assert.Equal(10, harness.Books.Snapshot(Eth)!.Asks.Count);
    }

    [Fact]
    public async Task FixedRate_FramesSpreadOverTheSecondAndStampedWithTheirSendTime()
    {
        const int rate = 2_000;
        await using var sim = await SimulatorFixture.StartAsync(load: new SimulatorLoad { MessagesPerSecond = rate, Messages = rate });
        await using var harness = sim.Harness();
        await harness.ConnectAsync();
        var subscribed = DateTimeOffset.UtcNow;
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc));
        var market = (KrakenSimulator)sim.Simulator;

        await VenueHarness.WaitUntilAsync(() => harness.Sink.BookFrames.Count(f => !f.IsSnapshot) >= rate, $"{rate} book updates", Patience);

        var updates = harness.Sink.BookFrames.Where(f => !f.IsSnapshot).ToList();
        Assert.Equal(rate, market.LoadSent.Books);
        Assert.Equal(0L, harness.Books.Counters.ChecksumFailures);

        // A second's worth at the rate: not sent in one burst (nor far slower than asked, on a loaded machine).
        var span = updates[^1].ExchangeTime!.Value - updates[0].ExchangeTime!.Value;
        Assert.InRange(span.TotalSeconds, 0.8, 5.0);

        // Stamped as sent: after the load settled past the subscription, never after the frame was received,
        // and in sending order.
        var settled = subscribed + new SimulatorLoad().Settle;
        DateTimeOffset? previous = null;
        foreach (var frame in updates)
        {
            var stamp = frame.ExchangeTime!.Value;
            Assert.True(stamp >= settled.AddMilliseconds(-1), $"stamp {stamp:O} before the load could start ({settled:O})");
            Assert.True(stamp <= frame.ReceivedAt.AddMilliseconds(1), $"stamp {stamp:O} after receipt {frame.ReceivedAt:O}");
            Assert.True(previous is null || stamp >= previous, "stamps in sending order");
            previous = stamp;
        }

        // Microseconds survive the wire: not every stamp falls on a whole millisecond.
        Assert.Contains(updates, f => f.ExchangeTime!.Value.Ticks % TimeSpan.TicksPerMillisecond != 0);
    }

    private static long Total((long Books, long Trades, long Tickers) sent) => sent.Books + sent.Trades + sent.Tickers;
}
