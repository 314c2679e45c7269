using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Fluxum.Plugins.Gemini.Tests.Rest;

/// <summary>Every Gemini REST request declares its group's documented rate for the host to keep.</summary>
public sealed class GeminiRateLimitsTests
{
    private static readonly Uri Base = new("http://127.0.0.1:1/");

    [Fact]
    public async Task GetAsync_DeclaresThePublicRate_120AMinuteWithOneSecondOfHeadroom()
    {
        var (client, sent) = Client();

        await client.GetAsync("v1/symbols");

        var request = Assert.Single(sent);
        Assert.Equal(new RestRateLimit("gemini-test", "public", 2, 2), request.RateLimit);
        Assert.Equal(1, request.Cost);
    }

    [Fact]
    public async Task PostPrivateAsync_DeclaresThePrivateRate_600AMinute_ForTheFirstAttemptAndItsRetries()
    {
        var (client, sent) = Client();

        await client.PostPrivateAsync("/v1/balances", null);

        var request = Assert.Single(sent);
        Assert.Equal(new RestRateLimit("gemini-test", "private", 10, 10), request.RateLimit);
        Assert.NotNull(request.Resign); // a retry is re-signed; the host draws it from the first request's limit
    }

    private static (GeminiRestClient Client, List<RestRequest> Sent) Client()
    {
        var transport = Substitute.For<IRestTransport>();
        var sent = new List<RestRequest>();
        transport.SendAsync(Arg.Do<RestRequest>(sent.Add), Arg.Any<CancellationToken>()).Returns(new RestResponse(200, "[]"u8.ToArray()));
        return (new GeminiRestClient(transport, Base, new VenueCredentials("key", "secret"), new NonceSource(), TimeProvider.System, NullLogger.Instance, "gemini-test"), sent);
    }
}
