namespace Fluxum.Sdk.Plugins;

/// <summary>
/// API credentials, resolved by the host from environment variables named in <c>fluxum.yaml</c>.
/// <see cref="ToString"/> never shows the secret, so a credential cannot leak through a log line.
/// </summary>
public sealed class VenueCredentials
{
    /// <summary>Creates credentials.</summary>
    public VenueCredentials(string apiKey, string apiSecret, string? passphrase = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiSecret);
        ApiKey = apiKey;
        ApiSecret = apiSecret;
        Passphrase = passphrase;
    }

    /// <summary>The public API key.</summary>
    public string ApiKey { get; }

    /// <summary>The API secret. Use it to sign; never log it, never put it in an exception.</summary>
    public string ApiSecret { get; }

    /// <summary>A passphrase, for venues that use one.</summary>
    public string? Passphrase { get; }

    /// <summary>The key shortened for logs: first 4 characters and an ellipsis.</summary>
    public string RedactedKey => ApiKey.Length <= 4 ? "****" : ApiKey[..4] + "…";

    /// <inheritdoc />
    public override string ToString() => $"VenueCredentials(key {RedactedKey}, secret ***)";
}
