using System.Text;
using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Fluxum.Plugins.Kraken.Tests.Rest;

/// <summary>
/// The Kraken REST client never retries itself: it tells the host's pipeline which answers are worth a retry
/// (Kraken reports rate limits and unavailability inside HTTP 200 bodies) and how to sign a retry afresh.
/// </summary>
public sealed class KrakenRestClientTests
{
    private static readonly string Secret = Convert.ToBase64String(Encoding.UTF8.GetBytes("a-test-secret-of-some-length-0123456789"));

    [Theory]
    [InlineData(200, "{\"error\":[\"EAPI:Rate limit exceeded\"]}", true)]
    [InlineData(200, "{\"error\":[\"EService:Unavailable\"]}", true)]
    [InlineData(200, "{\"error\":[\"EGeneral:Temporary lockout\"]}", true)]
    [InlineData(503, "{\"error\":[\"EService:Unavailable\"]}", true)]
    [InlineData(200, "{\"error\":[\"EAPI:Invalid key\"]}", false)]
    [InlineData(200, "{\"error\":[\"EAPI:Invalid nonce\"]}", false)]
    [InlineData(200, "{\"error\":[\"EQuery:Unknown asset pair\"]}", false)]
    [InlineData(200, "{\"error\":[],\"result\":{}}", false)]
    public async Task PrivateAsync_Answer_MarkedTransientOnlyWhenARetryCanHelp(int status, string body, bool transient)
    {
        var (client, sent) = Client(new RestResponse(200, "{\"error\":[],\"result\":{\"token\":\"t\"}}"u8.ToArray()));

        await client.PrivateAsync("GetWebSocketsToken");

        var request = Assert.Single(sent);
        Assert.NotNull(request.IsTransientAnswer);
        Assert.Equal(transient, request.IsTransientAnswer(new RestResponse(status, Encoding.UTF8.GetBytes(body))));
    }

    [Fact]
    public async Task PrivateAsync_Resign_FreshNonceAndSignatureEachTime()
    {
        var (client, sent) = Client(new RestResponse(200, "{\"error\":[],\"result\":{}}"u8.ToArray()));

        await client.PrivateAsync("Balance");

        var first = Assert.Single(sent);
        Assert.False(first.IsIdempotent);
        Assert.NotNull(first.Resign);
        var retries = Enumerable.Range(0, 3).Select(_ => first.Resign()).Prepend(first).ToList();
        Assert.Equal(4, retries.Select(r => Encoding.UTF8.GetString(r.Body!.Value.Span)).Distinct().Count());
        Assert.Equal(4, retries.Select(r => r.Headers["API-Sign"]).Distinct().Count());
        Assert.All(retries, r => Assert.Equal(first.Uri, r.Uri));
    }

    [Fact]
    public async Task PrivateAsync_RateLimitedAfterTheHostsRetries_TypedErrorWithoutRetryingItself()
    {
        var (client, sent) = Client(new RestResponse(200, "{\"error\":[\"EAPI:Rate limit exceeded\"]}"u8.ToArray()));

        var error = await Assert.ThrowsAsync<VenueApiException>(() => client.PrivateAsync("Balance"));

        Assert.Equal(VenueErrorKind.RateLimited, error.Kind);
        Assert.Single(sent); // the host's pipeline retries, not the plugin
    }

    [Theory]
    [InlineData("Balance", 1)]
    [InlineData("GetWebSocketsToken", 1)]
    [InlineData("Ledgers", 2)]
    [InlineData("QueryLedgers", 2)]
    [InlineData("TradesHistory", 2)]
    public async Task PrivateAsync_DeclaresTheKeysCallCounter_StarterTier_LedgerCallsCostTwo(string method, int cost)
    {
        var (client, sent) = Client(new RestResponse(200, "{\"error\":[],\"result\":{}}"u8.ToArray()));

        await client.PrivateAsync(method);

        var request = Assert.Single(sent);
        Assert.Equal(new RestRateLimit("kraken", "private", 15, 0.33), request.RateLimit);
        Assert.Equal(cost, request.Cost);
    }

    [Fact]
    public async Task PublicAsync_NotOnTheCallCounter()
    {
        var (client, sent) = Client(new RestResponse(200, "{\"error\":[],\"result\":{}}"u8.ToArray()));

        await client.PublicAsync("Time");

        Assert.Null(Assert.Single(sent).RateLimit);
    }

    private static (KrakenRestClient Client, List<RestRequest> Sent) Client(RestResponse answer)
    {
        var transport = Substitute.For<IRestTransport>();
        var sent = new List<RestRequest>();
        transport.SendAsync(Arg.Do<RestRequest>(sent.Add), Arg.Any<CancellationToken>()).Returns(answer);
        var context = new VenueContext
        {
            Venue = "kraken",
            Rest = transport,
            LoggerFactory = NullLoggerFactory.Instance,
            Credentials = new VenueCredentials("key", Secret),
            Endpoints = new Dictionary<string, Uri> { ["rest"] = new("http://127.0.0.1:1/") },
        };
        return (new KrakenRestClient(context, new NonceSource(TimeProvider.System)), sent);
    }
}
