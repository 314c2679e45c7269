using System.Security.Cryptography;
using System.Text;

namespace Fluxum.Plugins.Kraken.Rest;

/// <summary>
/// Kraken's REST signature: <c>API-Sign = base64(HMAC-SHA512(base64decode(secret), path ‖ SHA256(nonce ‖ body)))</c>,
/// where the SHA-256 digest is appended as raw bytes.
/// </summary>
internal static class KrakenSigner
{
    /// <exception cref="FormatException">The secret is not base64 (the message does not contain it).</exception>
    public static string Sign(string uriPath, string nonce, string postData, string secret)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(secret);
        }
        catch (FormatException)
        {
            throw new FormatException("The API secret is not valid base64 (Kraken secrets are base64 strings).");
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(nonce + postData));
        var path = Encoding.UTF8.GetBytes(uriPath);
        var message = new byte[path.Length + digest.Length];
        path.CopyTo(message, 0);
        digest.CopyTo(message, path.Length);
        return Convert.ToBase64String(HMACSHA512.HashData(key, message));
    }

    /// <summary>Checks a signature in constant time (the simulator's side).</summary>
    public static bool Verify(string uriPath, string nonce, string postData, string secret, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(uriPath, nonce, postData, secret));
        var actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
