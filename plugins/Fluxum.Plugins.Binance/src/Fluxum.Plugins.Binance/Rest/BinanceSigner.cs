using System.Security.Cryptography;
using System.Text;

namespace Fluxum.Plugins.Binance.Rest;

/// <summary>
/// SIGNED endpoint security (rest-api.md, "HMAC Keys"): the signature is HMAC-SHA256 of the percent-encoded query
/// string (concatenated with the body, empty for GET), keyed with the secret key's text, as lower-case hex. The key
/// goes in the <c>X-MBX-APIKEY</c> header; the query carries <c>timestamp</c>, <c>recvWindow</c> and <c>signature</c>.
/// </summary>
internal static class BinanceSigner
{
    /// <summary>The signature of <paramref name="payload"/> with <paramref name="secret"/>, as lower-case hex.</summary>
    public static string Sign(string payload, string secret)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(secret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>True when <paramref name="signature"/> (hex, any case: HMAC signatures are "not case-sensitive") signs <paramref name="payload"/>.</summary>
    public static bool Verify(string payload, string signature, string secret)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var expected = Encoding.ASCII.GetBytes(Sign(payload, secret));
        var given = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
