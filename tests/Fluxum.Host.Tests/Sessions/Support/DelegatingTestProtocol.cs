using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Host.Tests.Sessions.Support;

/// <summary>A protocol that hands every call to <paramref name="inner"/>; a test overrides only what it changes.</summary>
internal abstract class DelegatingTestProtocol(IMarketDataProtocol inner) : IMarketDataProtocol
{
    public virtual TimeSpan? PingInterval => inner.PingInterval;

    public virtual ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default) => inner.ResolveEndpointAsync(cancellationToken);

    public virtual IReadOnlyList<ReadOnlyMemory<byte>> OnConnected() => inner.OnConnected();

    public virtual string? Validate(Subscription subscription) => inner.Validate(subscription);

    public virtual IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) => inner.EncodeSubscribe(subscription);

    public virtual IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) => inner.EncodeUnsubscribe(subscription);

    public virtual IReadOnlyList<ReadOnlyMemory<byte>> EncodeResync(Symbol symbol, MarketChannel bookChannel) => inner.EncodeResync(symbol, bookChannel);

    public virtual ReadOnlyMemory<byte> EncodePing() => inner.EncodePing();

    public virtual void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink) => inner.Decode(frame, receivedAt, sink);
}
