using System.Text;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Plugins.Binance.Tests;

/// <summary>Contexts and a scripted REST transport for the plugin's own tests.</summary>
internal static class TestVenue
{
    public static VenueContext Context(IRestTransport? rest = null, VenueCredentials? credentials = null, TimeProvider? time = null, VenueMode mode = VenueMode.Live) => new()
    {
        Venue = "bnc-test",
        Mode = mode,
        Rest = rest ?? new ScriptedRest(),
        Credentials = credentials,
        Time = time ?? TimeProvider.System,
        LoggerFactory = NullLoggerFactory.Instance,
        Endpoints = new Dictionary<string, Uri> { ["rest"] = new("http://127.0.0.1:9/") },
    };

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}

/// <summary>Answers each request with the function given, and records it.</summary>
internal sealed class ScriptedRest(Func<RestRequest, RestResponse>? answer = null) : IRestTransport
{
    public List<RestRequest> Requests { get; } = [];

    public Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        return Task.FromResult(answer?.Invoke(request) ?? new RestResponse(404, Encoding.UTF8.GetBytes("""{"code":-1,"msg":"no"}""")));
    }
}
