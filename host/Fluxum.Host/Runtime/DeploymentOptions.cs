using Fluxum.Host.MarketData;
using Fluxum.Host.Transport;

namespace Fluxum.Host.Runtime;

/// <summary>Settings shared by a deployment's venues.</summary>
internal sealed record DeploymentOptions
{
    /// <summary>The defaults: no recording, default hub and WebSocket settings.</summary>
    public static DeploymentOptions Default { get; } = new();

    /// <summary>Record every venue's raw frames into this one JSON-lines file (<c>--record</c>).</summary>
    public string? RecordPath { get; init; }

    /// <summary>Publish every venue's streams to NATS JetStream (<c>publish: { nats }</c>), or null.</summary>
    public Configuration.PublishConfig? Publish { get; init; }

    /// <summary>Consumer buffer sizes.</summary>
    public MarketDataHubOptions Hub { get; init; } = MarketDataHubOptions.Default;

    /// <summary>WebSocket connect timeout and receive buffer.</summary>
    public WebSocketTransportOptions WebSocket { get; init; } = WebSocketTransportOptions.Default;
}
