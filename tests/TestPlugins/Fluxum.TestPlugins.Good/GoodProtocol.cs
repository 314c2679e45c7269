using System.Text;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.TestPlugins.Good;

/// <summary>A line protocol: subscribe sends "sub ticker BTC/USD"; a frame "BTC/USD 1.5 2.5" is a ticker.</summary>
internal sealed class GoodProtocol(string venue, Uri endpoint) : IMarketDataProtocol
{
    public TimeSpan? PingInterval => null;

    public ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new WebSocketEndpoint(endpoint));

    public IReadOnlyList<ReadOnlyMemory<byte>> OnConnected() => [];

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) =>
        [Encoding.UTF8.GetBytes($"sub {subscription.Channel} {string.Join(',', subscription.Symbols)}")];

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) =>
        [Encoding.UTF8.GetBytes($"unsub {subscription.Channel} {string.Join(',', subscription.Symbols)}")];

    public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
    {
        var parts = Encoding.UTF8.GetString(frame).Split(' ');
        if (parts.Length != 3 || !Symbol.TryParse(parts[0], out var symbol)
            || !decimal.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var bid)
            || !decimal.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var ask))
        {
            sink.Malformed("expected 'SYMBOL BID ASK'", frame);
            return;
        }

        sink.Publish(new Ticker { Venue = venue, Symbol = symbol, Bid = bid, BidSize = 1m, Ask = ask, AskSize = 1m, ReceivedAt = receivedAt });
    }
}
