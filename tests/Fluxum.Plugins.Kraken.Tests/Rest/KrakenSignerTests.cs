using System.Text.Json;
using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Tests.Rest;

public sealed class KrakenSignerTests
{
    [Fact]
    public void Sign_OfficialVector_MatchesApiSign()
    {
        using var doc = JsonDocument.Parse(Fixture.Bytes("kraken_rest_auth_test_vector.json"));
        var v = doc.RootElement;

        var signature = KrakenSigner.Sign(v.GetProperty("uri_path").GetString()!, v.GetProperty("nonce").GetString()!,
            v.GetProperty("encoded_payload").GetString()!, v.GetProperty("private_key_base64").GetString()!);

        Assert.Equal(v.GetProperty("expected_api_sign").GetString(), signature);
    }

    [Fact]
    public void Sign_SecretNotBase64_FormatErrorWithoutTheSecret()
    {
        var error = Assert.Throws<FormatException>(() => KrakenSigner.Sign("/0/private/Balance", "1", "nonce=1", "not*base64*secret"));

        Assert.DoesNotContain("not*base64*secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonceSource_ManyCalls_StrictlyIncreasing()
    {
        var nonces = new NonceSource();
        var last = 0L;
        for (var i = 0; i < 10_000; i++)
        {
            var next = nonces.Next();
            Assert.True(next > last);
            last = next;
        }
    }

    [Theory]
    [InlineData("EAPI:Invalid key", Fluxum.Sdk.VenueErrorKind.Authentication)]
    [InlineData("EAPI:Invalid signature", Fluxum.Sdk.VenueErrorKind.Authentication)]
    [InlineData("EAPI:Invalid nonce", Fluxum.Sdk.VenueErrorKind.InvalidNonce)]
    [InlineData("EAPI:Rate limit exceeded", Fluxum.Sdk.VenueErrorKind.RateLimited)]
    [InlineData("EService:Unavailable", Fluxum.Sdk.VenueErrorKind.Unavailable)]
    [InlineData("EQuery:Unknown asset pair", Fluxum.Sdk.VenueErrorKind.InvalidRequest)]
    public void Classify_KrakenError_TypedKind(string error, Fluxum.Sdk.VenueErrorKind kind) =>
        Assert.Equal(kind, KrakenErrors.Classify(error));
}
