using System.Text.Json;
using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Plugins.Gemini.Tests.Support;

namespace Fluxum.Plugins.Gemini.Tests.Rest;

public sealed class GeminiSignerTests
{
    [Fact]
    public void Sign_OfficialRestVector_MatchesPayloadAndSignature()
    {
        using var vector = JsonDocument.Parse(Fixture.Text("gemini_auth_test_vector.json"));
        var v = vector.RootElement;

        var payload = GeminiSigner.Payload(v.GetProperty("payload_json_exact_text").GetString()!);
        var signature = GeminiSigner.Sign(payload, v.GetProperty("api_secret").GetString()!);

        Assert.Equal(v.GetProperty("x_gemini_payload_base64").GetString(), payload);
        Assert.Equal(v.GetProperty("x_gemini_signature_hex").GetString(), signature);
    }

    [Fact]
    public void WebSocketHeaders_NewApiVector_MatchesNoncePayloadAndSignature()
    {
        using var vector = JsonDocument.Parse(Fixture.Text("gemini_new_ws_auth_test_vector.json"));
        var v = vector.RootElement;

        var headers = GeminiSigner.WebSocketHeaders("account-key", v.GetProperty("api_secret").GetString()!, long.Parse(v.GetProperty("x_gemini_nonce").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(v.GetProperty("x_gemini_nonce").GetString(), headers["X-GEMINI-NONCE"]);
        Assert.Equal(v.GetProperty("x_gemini_payload").GetString(), headers["X-GEMINI-PAYLOAD"]);
        Assert.Equal(v.GetProperty("x_gemini_signature").GetString(), headers["X-GEMINI-SIGNATURE"]);
        Assert.Equal("account-key", headers["X-GEMINI-APIKEY"]);
    }

    [Fact]
    public void Verify_TamperedSignature_Fails()
    {
        var payload = GeminiSigner.Payload("{\"request\":\"/v1/balances\",\"nonce\":1}");
        var good = GeminiSigner.Sign(payload, "secret");

        Assert.True(GeminiSigner.Verify(payload, "secret", good));
        Assert.False(GeminiSigner.Verify(payload, "other", good));
    }
}
