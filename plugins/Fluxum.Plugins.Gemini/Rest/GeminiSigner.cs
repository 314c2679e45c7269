using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fluxum.Plugins.Gemini.Rest;

/// <summary>Gemini's HMAC-SHA384 signatures: REST payloads and the new API's WebSocket handshake.</summary>
internal static class GeminiSigner
{
    /// <summary>base64 of the exact JSON payload text (X-GEMINI-PAYLOAD).</summary>
    public static string Payload(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    /// <summary>Lower-case hex HMAC-SHA384 of the base64 text, keyed by the secret (X-GEMINI-SIGNATURE).</summary>
    public static string Sign(string base64Payload, string secret) =>
        Convert.ToHexStringLower(HMACSHA384.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(base64Payload)));

    /// <summary>The new API's upgrade headers for an epoch-second nonce.</summary>
    public static Dictionary<string, string> WebSocketHeaders(string apiKey, string secret, long epochSeconds)
    {
        var nonce = epochSeconds.ToString(CultureInfo.InvariantCulture);
        var payload = Convert.ToBase64String(Encoding.ASCII.GetBytes(nonce));
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-GEMINI-APIKEY"] = apiKey,
            ["X-GEMINI-NONCE"] = nonce,
            ["X-GEMINI-PAYLOAD"] = payload,
            ["X-GEMINI-SIGNATURE"] = Sign(payload, secret),
        };
    }

    /// <summary>Constant-time comparison of two hex signatures.</summary>
    public static bool Verify(string base64Payload, string secret, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(base64Payload, secret)), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
}
