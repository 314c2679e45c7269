using System.Net;

namespace Fluxum.Host.Configuration;

/// <summary>
/// The admin HTTP server (<c>admin: { listen: 127.0.0.1:9464, token_env: FLUXUM_ADMIN_TOKEN, stale_limit: 30s }</c>):
/// Prometheus metrics, liveness, readiness and status. Off unless <c>listen</c> is given; it listens on loopback
/// unless told otherwise, and anywhere else only with a bearer token read from the named environment variable.
/// </summary>
/// <param name="Address">The address to listen on (loopback by default).</param>
/// <param name="Port">The port (0: any free one, printed at start).</param>
internal sealed record AdminConfig(IPAddress Address, int Port)
{
    /// <summary>The environment variable holding the bearer token every request must carry (required off loopback).</summary>
    public string? TokenEnv { get; init; }

    /// <summary><c>/readyz</c> fails while any book has been stale (or unsynced) longer than this.</summary>
    public TimeSpan StaleLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>True when only this machine can reach the server.</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);
}

/// <summary>Metrics export (<c>telemetry: { otlp: { endpoint: http://127.0.0.1:4318, interval: 10s } }</c>).</summary>
internal sealed record TelemetryConfig
{
    /// <summary>No export.</summary>
    public static TelemetryConfig None { get; } = new();

    /// <summary>The OTLP/HTTP (protobuf) collector's base address, or null for no OTLP export.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>How often metrics are pushed to the collector.</summary>
    public TimeSpan OtlpInterval { get; init; } = TimeSpan.FromSeconds(10);
}
