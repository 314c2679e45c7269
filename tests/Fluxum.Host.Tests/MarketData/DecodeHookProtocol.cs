using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Host.Tests.MarketData;

/// <summary>A protocol whose decoding is whatever the test says: lets a test act in the middle of a decode.</summary>
internal sealed class DecodeHookProtocol : IMarketDataProtocol
{
    private readonly Action<DateTimeOffset, IFrameSink> _decode;

    public DecodeHookProtocol(Action<DateTimeOffset, IFrameSink> decode) => _decode = decode;

    public IReadOnlySet<ChannelKind> SupportedChannels { get; } = new HashSet<ChannelKind> { ChannelKind.Trades };

    public BookRules BookRules { get; } = BookRules.Default;

    public TimeSpan? PingInterval => null;

    public ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new WebSocketEndpoint(new Uri("ws://127.0.0.1:1/")));

    public IReadOnlyList<ReadOnlyMemory<byte>> OnConnected() => [];

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) => [];

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) => [];

    public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink) => _decode(receivedAt, sink);
}
