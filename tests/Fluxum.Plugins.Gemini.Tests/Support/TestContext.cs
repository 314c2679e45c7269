using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Plugins.Gemini.Tests.Support;

/// <summary>Builds venue contexts for tests.</summary>
internal static class TestContext
{
    public static VenueContext Create(IRestTransport rest, IReadOnlyDictionary<string, Uri>? endpoints = null, string api = "ws", VenueCredentials? credentials = null, TimeProvider? time = null, ILoggerFactory? logs = null, Dictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? []) { ["api"] = api };
        return new VenueContext
        {
            Venue = GeminiPlugin.VenueName,
            Rest = rest,
            Endpoints = endpoints ?? new Dictionary<string, Uri>(),
            Settings = all,
            Credentials = credentials,
            Time = time ?? TimeProvider.System,
            LoggerFactory = logs ?? NullLoggerFactory.Instance,
        };
    }

    /// <summary>A protocol whose symbol catalog is loaded from <see cref="FakeRest.Standard"/>.</summary>
    public static async Task<IMarketDataProtocol> ProtocolAsync(string api, ConnectionKind kind = ConnectionKind.Public, VenueCredentials? credentials = null)
    {
        var protocol = new GeminiPlugin().CreateProtocol(Create(FakeRest.Standard(), api: api, credentials: credentials), kind);
        await protocol.ResolveEndpointAsync();
        protocol.OnConnected();
        return protocol;
    }
}
