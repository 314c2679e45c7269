using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Fluxum.Plugins.Coinbase.Auth;

/// <summary>
/// The Advanced Trade REST JWT (docs: "API key authentication"): ES256 over P-256, header
/// <c>{"alg":"ES256","kid":key name,"nonce":random hex,"typ":"JWT"}</c>, claims <c>{"iss":"cdp","sub":key name,"nbf":now,
/// "exp":now+120,"uri":"GET api.coinbase.com/api/v3/brokerage/accounts"}</c>, sent as <c>Authorization: Bearer</c>.
/// Built with the BCL's <see cref="ECDsa"/> and base64url by hand.
/// </summary>
internal static class CoinbaseJwt
{
    /// <summary>How long a token lives (the docs: JWTs expire after 2 minutes).</summary>
    public const int LifetimeSeconds = 120;

    // The order n of the P-256 group.
    private static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    /// <summary>
    /// The signing key of <paramref name="secret"/>: a PEM <c>-----BEGIN EC PRIVATE KEY-----</c> (escaped <c>\n</c>
    /// accepted), or, for any other secret (the host's simulated credentials), a deterministic P-256 key whose
    /// D = SHA-256(UTF-8 secret) mod (n - 1) + 1, so the simulator derives the same key and checks real signatures.
    /// </summary>
    public static ECDsa Key(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = ECDsa.Create();
        if (secret.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            key.ImportFromPem(secret.Replace("\\n", "\n", StringComparison.Ordinal));
            return key;
        }

        var hash = new BigInteger(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), isUnsigned: true, isBigEndian: true);
        var d = (hash % (Order - 1)) + 1;
        var bytes = new byte[32];
        d.TryWriteBytes(bytes.AsSpan(32 - d.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        key.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = bytes });
        return key;
    }

    /// <summary>The <c>uri</c> claim: <c>METHOD host/path</c> (host with its port when not the default; no query).</summary>
    public static string Uri(string method, Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return $"{method} {address.Authority}{address.AbsolutePath}";
    }

    /// <summary>A signed token.</summary>
    public static string Create(ECDsa key, string keyName, string uri, DateTimeOffset now, string nonce)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = Json(w =>
        {
            w.WriteString("alg", "ES256");
            w.WriteString("kid", keyName);
            w.WriteString("nonce", nonce);
            w.WriteString("typ", "JWT");
        });
        var nbf = now.ToUnixTimeSeconds();
        var claims = Json(w =>
        {
            w.WriteString("iss", "cdp");
            w.WriteString("sub", keyName);
            w.WriteNumber("nbf", nbf);
            w.WriteNumber("exp", nbf + LifetimeSeconds);
            w.WriteString("uri", uri);
        });
        var input = Base64Url.Encode(header) + "." + Base64Url.Encode(claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + Base64Url.Encode(signature);
    }

    /// <summary>A fresh random nonce (32 hex digits).</summary>
    public static string Nonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>What is wrong with <paramref name="token"/> for a request to <paramref name="uri"/>, or null when it is valid.</summary>
    public static string? Problem(string token, ECDsa key, string keyName, string uri, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(key);
        var parts = token.Split('.');
        if (parts.Length != 3 || Base64Url.TryDecode(parts[0]) is not { } header || Base64Url.TryDecode(parts[1]) is not { } claims || Base64Url.TryDecode(parts[2]) is not { } signature)
        {
            return "not a JWT";
        }

        if (!key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return "bad signature";
        }

        try
        {
            using var h = JsonDocument.Parse(header);
            using var c = JsonDocument.Parse(claims);
            var hr = h.RootElement;
            var cr = c.RootElement;
            if (hr.GetProperty("alg").GetString() != "ES256" || hr.GetProperty("kid").GetString() != keyName || !hr.TryGetProperty("nonce", out _))
            {
                return "bad header";
            }

            if (cr.GetProperty("iss").GetString() != "cdp" || cr.GetProperty("sub").GetString() != keyName)
            {
                return "bad issuer or subject";
            }

            var seconds = now.ToUnixTimeSeconds();
            if (cr.GetProperty("nbf").GetInt64() > seconds + 5 || cr.GetProperty("exp").GetInt64() < seconds)
            {
                return "expired or not yet valid";
            }

            return cr.GetProperty("uri").GetString() == uri ? null : "uri claim does not match the request";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return "bad claims";
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
