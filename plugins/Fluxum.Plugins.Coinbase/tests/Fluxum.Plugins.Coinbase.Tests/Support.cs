using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Plugins.Coinbase.Tests;

internal static class Support
{
    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static VenueContext Context(IReadOnlyDictionary<string, Uri>? endpoints = null, VenueCredentials? credentials = null, Fluxum.Sdk.Transport.IRestTransport? rest = null) => new()
    {
        Venue = "cb-test",
        Mode = endpoints is null ? VenueMode.Live : VenueMode.Simulated,
        Endpoints = endpoints ?? new Dictionary<string, Uri>(),
        Credentials = credentials,
        Rest = rest ?? new LoopbackRestTransport(),
        LoggerFactory = NullLoggerFactory.Instance,
    };

    public static IMarketDataProtocol Protocol() => new CoinbasePlugin().CreateVenue(Context()).CreateProtocol(ConnectionKind.Public);

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            Assert.False(limit.IsCancellationRequested, "timed out waiting for " + what);
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
