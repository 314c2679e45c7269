using System.Text;
using Fluxum.Plugins.Binance.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Sinks;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Plugins.Binance.Tests;

/// <summary>SUBSCRIBE/UNSUBSCRIBE requests the venue never answers: acked as failed after 30 s, checked per frame without a lock while none is pending.</summary>
public sealed class BinanceRequestExpiryTests
{
    private static readonly Symbol BtcUsdt = Symbol.Parse("BTC/USDT");
    private static readonly string Trade = """{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1.5","q":"2","T":1,"m":true}}""";

    private static BinanceProtocol Protocol(TimeProvider time) =>
        (BinanceProtocol)new BinanceVenue(TestVenue.Context(time: time)).CreateProtocol(ConnectionKind.Public);

    private static RecordingFrameSink Decode(BinanceProtocol protocol, string frame, TimeProvider time)
    {
        var sink = new RecordingFrameSink();
        protocol.Decode(Encoding.UTF8.GetBytes(frame), time.GetUtcNow(), sink);
        return sink;
    }

    [Fact]
    public void Decode_ARequestUnansweredPastItsTimeout_IsAckedAsFailedOnTheNextFrame()
    {
        var time = new FakeTimeProvider();
        var protocol = Protocol(time);
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, BtcUsdt));

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(Decode(protocol, Trade, time).OfType<SubscriptionAck>());
        time.Advance(TimeSpan.FromSeconds(2));
        var ack = Assert.Single(Decode(protocol, Trade, time).OfType<SubscriptionAck>());

        Assert.False(ack.Success);
        Assert.Equal(BtcUsdt, ack.Symbol);
        Assert.Equal("no answer from the venue", ack.Error);
        Assert.Empty(Decode(protocol, Trade, time).OfType<SubscriptionAck>());
    }

    [Fact]
    public void UnansweredRequests_CountsEachRequestUntilItsAnswerItsExpiryOrANewConnection()
    {
        var time = new FakeTimeProvider();
        var protocol = Protocol(time);
        var trades = new Subscription(MarketChannel.Trades, BtcUsdt);
        Assert.Equal(0, protocol.UnansweredRequests);

        protocol.EncodeSubscribe(trades);
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Ticker, BtcUsdt));
        Assert.Equal(2, protocol.UnansweredRequests);
        Assert.True(Assert.Single(Decode(protocol, """{"result":null,"id":1}""", time).OfType<SubscriptionAck>()).Success);
        Assert.Equal(1, protocol.UnansweredRequests);

        // An unknown id completes nothing.
        Decode(protocol, """{"result":null,"id":99}""", time);
        Assert.Equal(1, protocol.UnansweredRequests);

        time.Advance(TimeSpan.FromSeconds(31));
        Assert.False(Assert.Single(Decode(protocol, Trade, time).OfType<SubscriptionAck>()).Success);
        Assert.Equal(0, protocol.UnansweredRequests);

        protocol.EncodeUnsubscribe(trades);
        Assert.Equal(1, protocol.UnansweredRequests);
        protocol.OnConnected();
        Assert.Equal(0, protocol.UnansweredRequests);
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Empty(Decode(protocol, Trade, time).OfType<SubscriptionAck>());
    }
}
