using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Fluxum.Plugins.Gemini.Tests.Rest;

public sealed class GeminiRestClientTests
{
    private static readonly Uri Base = new("http://127.0.0.1:1/");

    [Fact]
    public async Task PostPrivateAsync_FrozenClock_NoncesStrictlyIncreaseAndPayloadIsSigned()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
        var transport = Substitute.For<IRestTransport>();
        var sent = new List<RestRequest>();
        transport.SendAsync(Arg.Do<RestRequest>(sent.Add), Arg.Any<CancellationToken>()).Returns(new RestResponse(200, "[]"u8.ToArray()));
        var client = new GeminiRestClient(transport, Base, new VenueCredentials("key", "secret"), new NonceSource(time), time, NullLogger.Instance);

        for (var i = 0; i < 5; i++)
        {
            await client.PostPrivateAsync("/v1/balances", null);
        }

        var nonces = sent.Select(r => Payload(r).GetProperty("nonce").GetInt64()).ToArray();
        Assert.Equal(nonces.Order().Distinct(), nonces);
        Assert.All(sent, r => Assert.Equal(GeminiSigner.Sign(r.Headers["X-GEMINI-PAYLOAD"], "secret"), r.Headers["X-GEMINI-SIGNATURE"]));
        Assert.All(sent, r => Assert.Equal("/v1/balances", Payload(r).GetProperty("request").GetString()));
    }

    [Theory]
    [InlineData(400, "InvalidSignature", VenueErrorKind.Authentication)]
    [InlineData(400, "InvalidApiKey", VenueErrorKind.Authentication)]
    [InlineData(400, "InvalidNonce", VenueErrorKind.InvalidNonce)]
    [InlineData(503, "ServerError", VenueErrorKind.Unavailable)]
    [InlineData(500, null, VenueErrorKind.Unavailable)]
    public async Task PostPrivateAsync_ErrorObject_TypedVenueError(int status, string? reason, VenueErrorKind kind)
    {
        var transport = Substitute.For<IRestTransport>();
        var body = reason is null ? "<html>oops</html>" : $"{{\"result\":\"error\",\"reason\":\"{reason}\",\"message\":\"detail\"}}";
        transport.SendAsync(Arg.Any<RestRequest>(), Arg.Any<CancellationToken>()).Returns(new RestResponse(status, Encoding.UTF8.GetBytes(body)));
        var client = new GeminiRestClient(transport, Base, new VenueCredentials("key", "topsecret"), new NonceSource(), TimeProvider.System, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<VenueApiException>(() => client.PostPrivateAsync("/v1/balances", null));

        Assert.Equal((kind, status), (error.Kind, error.HttpStatus));
        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostPrivateAsync_SignedRequest_CarriesResignWithFreshNonceAndSignature()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
        var transport = Substitute.For<IRestTransport>();
        var sent = new List<RestRequest>();
        transport.SendAsync(Arg.Do<RestRequest>(sent.Add), Arg.Any<CancellationToken>()).Returns(new RestResponse(200, "[1]"u8.ToArray()));
        var client = new GeminiRestClient(transport, Base, new VenueCredentials("key", "secret"), new NonceSource(time), time, NullLogger.Instance);

        var body = await client.PostPrivateAsync("/v1/balances", null);

        Assert.Equal("[1]", Encoding.UTF8.GetString(body.Span));
        var request = Assert.Single(sent);
        Assert.NotNull(request.Resign);
        var retries = new[] { request, request.Resign!(), request.Resign!() };
        Assert.Equal(3, retries.Select(r => r.Headers["X-GEMINI-PAYLOAD"]).Distinct().Count());
        Assert.Equal(3, retries.Select(r => r.Headers["X-GEMINI-SIGNATURE"]).Distinct().Count());
        Assert.All(retries, r => Assert.Equal(GeminiSigner.Sign(r.Headers["X-GEMINI-PAYLOAD"], "secret"), r.Headers["X-GEMINI-SIGNATURE"]));
    }

    [Fact]
    public async Task PostPrivateAsync_RateLimited_NoPluginRetry_RateLimited()
    {
        var time = new FakeTimeProvider();
        var transport = Substitute.For<IRestTransport>();
        transport.SendAsync(Arg.Any<RestRequest>(), Arg.Any<CancellationToken>()).Returns(new RestResponse(429, ReadOnlyMemory<byte>.Empty));
        var client = new GeminiRestClient(transport, Base, new VenueCredentials("key", "secret"), new NonceSource(time), time, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<VenueApiException>(() => client.PostPrivateAsync("/v1/balances", null));

        Assert.Equal(VenueErrorKind.RateLimited, error.Kind);
        await transport.Received(1).SendAsync(Arg.Any<RestRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PostPrivateAsync_NoCredentials_MissingCredentials()
    {
        var client = new GeminiRestClient(Substitute.For<IRestTransport>(), Base, null, new NonceSource(), TimeProvider.System, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<VenueApiException>(() => client.PostPrivateAsync("/v1/balances", null));

        Assert.Equal(VenueErrorKind.MissingCredentials, error.Kind);
    }

    private static JsonElement Payload(RestRequest request) =>
        JsonDocument.Parse(Convert.FromBase64String(request.Headers["X-GEMINI-PAYLOAD"])).RootElement;
}
