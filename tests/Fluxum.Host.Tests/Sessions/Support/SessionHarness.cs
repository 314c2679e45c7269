using Fluxum.Host.MarketData;
using Fluxum.Host.Sessions;
using Fluxum.Host.Transport;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Sessions.Support;

/// <summary>A real session over a real WebSocket to a <see cref="TestVenueServer"/>, feeding a real hub.</summary>
internal sealed class SessionHarness : IAsyncDisposable
{
    public const string VenueName = "testex";

    public SessionHarness(TestVenueServer server, ReconnectPolicy? policy = null, TimeSpan? ping = null, MarketDataHubOptions? hubOptions = null, ConnectionKind kind = ConnectionKind.Public, TimeProvider? time = null, TimeSpan? subscribeTimeout = null)
    {
        Server = server;
        Hub = new MarketDataHub(hubOptions ?? MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        Protocol = new JsonTestProtocol(VenueName, server.Uri, ping);
        Feed = Hub.AddVenue(VenueName, new BookManager(VenueName, Protocol.BookRules));
        var transport = new WebSocketClientTransport(WebSocketTransportOptions.Default, TimeProvider.System, NullLoggerFactory.Instance);
        Session = new VenueSession(Protocol, transport, Feed, new SessionOptions { ReconnectPolicy = policy ?? FastPolicy(), Kind = kind, Capabilities = kind == ConnectionKind.Public ? JsonTestProtocol.Capabilities : null, Random = new Random(7), SubscribeTimeout = subscribeTimeout ?? TimeSpan.FromSeconds(15) }, time ?? TimeProvider.System, NullLogger<VenueSession>.Instance);
        Hub.AttachSession(VenueName, Session);
        States = new StateLog(Session);
    }

    public TestVenueServer Server { get; }

    public MarketDataHub Hub { get; }

    public JsonTestProtocol Protocol { get; }

    public VenueFeed Feed { get; }

    public VenueSession Session { get; }

    public StateLog States { get; }

    public static ReconnectPolicy FastPolicy(int maxAttempts = 10, int watchdogMs = 10_000) => new()
    {
        MaxAttempts = maxAttempts,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
        Jitter = 0.2,
        WatchdogTimeout = TimeSpan.FromMilliseconds(watchdogMs),
    };

    public Task SubscribeAsync(params Subscription[] subscriptions) => Session.SubscribeAsync(subscriptions);

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await States.DisposeAsync();
        Hub.Complete();
    }
}
