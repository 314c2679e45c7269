using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Builders;
using Fluxum.Sdk.Testing.Transport;
using Fluxum.Sdk.Transport;
using NSubstitute;

namespace Fluxum.Sdk.Testing.Tests;

/// <summary>
/// The guide's examples (plugins/README.md, "Unit-testing your own code"): a user's code tested against a mocked
/// market (NSubstitute) and a mocked plugin, and a protocol driven by the scripted fake venue, with no network.
/// </summary>
public sealed class UserCodeTestingGuideTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");

    [Fact]
    public async Task UserCode_AgainstAMockedMarket()
    {
        var market = Substitute.For<IMarketData>();
        market.Trades(Btc, Arg.Any<CancellationToken>()).Returns(Scripted(
            TestEvents.Trade(Btc, price: 100m, size: 1m),
            TestEvents.Trade(Btc, price: 110m, size: 3m)));

        var vwap = await VolumeWeightedPrice.OfAsync(market, Btc, trades: 2);

        Assert.Equal(107.5m, vwap);
    }

    [Fact]
    public void UserCode_AgainstAMockedPlugin()
    {
        var venue = Substitute.For<IVenueAdapter>();
        venue.Capabilities.Returns(new VenueCapabilities { Public = [new ChannelOffer(ChannelKind.Trades), new ChannelOffer(ChannelKind.Book) { Depths = [10, 100] }] });
        var plugin = Substitute.For<IExchangePlugin>();
        plugin.CreateVenue(Arg.Any<VenueContext>()).Returns(venue);

        var chosen = DeepestBook.For(plugin.CreateVenue(new VenueContext { Venue = "mock", Rest = new LoopbackRestTransport(), LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance }));

        Assert.Equal(100, chosen);
    }

    [Fact]
    public async Task Protocol_AgainstTheScriptedFakeVenue()
    {
        var transport = new FakeWebSocketTransport();
        var connection = await transport.ConnectAsync(new WebSocketEndpoint(new Uri("ws://127.0.0.1:1/")), CancellationToken.None);
        var fake = Assert.IsType<FakeWebSocketConnection>(connection);

        await connection.SendAsync("""{"op":"subscribe","channel":"trades","symbols":["BTC-USD"]}"""u8.ToArray(), CancellationToken.None);

        Assert.Contains("subscribe", Assert.Single(fake.Sent), StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<Trade> Scripted(params Trade[] trades)
    {
        foreach (var trade in trades)
        {
            await Task.Yield();
            yield return trade;
        }
    }

    /// <summary>A user's code: the volume-weighted price of the next trades of a symbol.</summary>
    private static class VolumeWeightedPrice
    {
        public static async Task<decimal> OfAsync(IMarketData market, Symbol symbol, int trades, CancellationToken cancellationToken = default)
        {
            decimal notional = 0, volume = 0;
            var seen = 0;
            await foreach (var trade in market.Trades(symbol, cancellationToken))
            {
                notional += trade.Price * trade.Size;
                volume += trade.Size;
                if (++seen == trades)
                {
                    break;
                }
            }

            return notional / volume;
        }
    }

    /// <summary>A user's code: the deepest book a venue offers.</summary>
    private static class DeepestBook
    {
        public static int For(IVenueAdapter venue) => venue.Capabilities.Offer(ConnectionKind.Public, ChannelKind.Book)?.Depths?.Max() ?? 10;
    }
}
