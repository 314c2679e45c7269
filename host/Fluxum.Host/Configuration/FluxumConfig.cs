using Fluxum.Sdk.Sessions;

namespace Fluxum.Host.Configuration;

/// <summary>
/// A deployment read from <c>fluxum.yaml</c> (see <see cref="ConfigLoader"/>). Every path in it is
/// absolute, resolved against the directory of the file. The YAML shape:
/// <code>
/// plugin_dirs: [artifacts/plugins]          # relative to this file
/// venues:
///   kraken:                                  # venue name (events carry it as Venue)
///     plugin: kraken                         # plugin name in the catalog (default: the venue name)
///     mode: simulated                        # live | simulated | replay
///     api: v2                                # optional; goes to Settings["api"]
///     settings: { key: value }               # optional plugin settings (strings)
///     endpoints: { ws: wss://... }           # optional endpoint overrides, name → absolute URI
///     credentials: { api_key_env: KRAKEN_API_KEY, api_secret_env: KRAKEN_API_SECRET, passphrase_env: ... }
///     replay: { file: frames.jsonl, pace: fast }   # mode replay: fast | recorded
///     record: captures/kraken.jsonl          # optional: record raw frames
///     simulator: { port: 0, seed: 42, tick: 100ms }
///     subscriptions:
///       - symbols: [BTC/USD, ETH/USD]
///         channels: [ticker, trades, { channel: book, depth: 10 }, { channel: ohlc, interval: 1m }]
/// books:
///   - venues: [kraken, gemini]               # or venue: kraken
///     symbols: [BTC/USD]
///     depth: 10                              # optional: defaults to the subscribed depth
/// scripts:
///   - scripts/best-bid-offer.csx             # or { path: x.csx, args: [a, b] }
/// reconnect: { max_attempts: 10, initial_backoff: 1s, max_backoff: 30s, multiplier: 2, jitter: 0.2, watchdog: 30s }
/// logging: { level: information, categories: { Fluxum.Host.Sessions: debug }, format: text }   # or format: json
/// admin: { listen: 127.0.0.1:9464, token_env: FLUXUM_ADMIN_TOKEN, stale_limit: 30s }   # /metrics /healthz /readyz /status
/// telemetry: { otlp: { endpoint: http://127.0.0.1:4318, interval: 10s } }
/// ledger: { store: sqlite, path: ledger.db, overlap: 1h }   # or { store: postgres, connection_env: FLUXUM_LEDGER_PG }
/// publish: { nats: { url: nats://127.0.0.1:4222, stream: FLUXUM, subject_prefix: fluxum, max_age: 1h, max_bytes: 1GB, buffer: 65536 } }
/// </code>
/// A venue with <c>mode: relay</c> and <c>relay: { nats: { url, stream }, venue: kraken, start: 2026-12-03T10:00:00Z }</c>
/// is rebuilt from another deployment's published stream (no plugin).
/// </summary>
internal sealed record FluxumConfig
{
    /// <summary>The file this came from (absolute).</summary>
    public required string SourcePath { get; init; }

    /// <summary>Plugin directories (absolute), in the order given.</summary>
    public IReadOnlyList<string> PluginDirs { get; init; } = [];

    /// <summary>The venues by name, in file order.</summary>
    public IReadOnlyList<VenueConfig> Venues { get; init; } = [];

    /// <summary>Book managers to keep: one entry per venue and symbol.</summary>
    public IReadOnlyList<BookConfig> Books { get; init; } = [];

    /// <summary>Scripts to run.</summary>
    public IReadOnlyList<ScriptConfig> Scripts { get; init; } = [];

    /// <summary>The reconnect policy for every session (SDK defaults for keys not given).</summary>
    public ReconnectPolicy Reconnect { get; init; } = ReconnectPolicy.Default;

    /// <summary>Log levels.</summary>
    public LoggingConfig Logging { get; init; } = LoggingConfig.Default;

    /// <summary>The admin HTTP server, or null when off.</summary>
    public AdminConfig? Admin { get; init; }

    /// <summary>Metrics export.</summary>
    public TelemetryConfig Telemetry { get; init; } = TelemetryConfig.None;

    /// <summary>The ledger store, or null when the file has no <c>ledger</c> section (then <c>fluxum ledger</c> uses <see cref="LedgerConfig.Default"/> and <c>fluxum run</c> keeps none).</summary>
    public LedgerConfig? Ledger { get; init; }
    /// <summary>Publishing every venue's normalized streams to NATS JetStream, or null when off.</summary>
    public PublishConfig? Publish { get; init; }

    /// <summary>Where each value was read, by key path (e.g. <c>venues.kraken.plugin</c>): for messages about it.</summary>
    public IReadOnlyDictionary<string, ConfigLocation> Locations { get; init; } = new Dictionary<string, ConfigLocation>();

    /// <summary>The venue named <paramref name="name"/> (case-insensitive), or null.</summary>
    public VenueConfig? Venue(string name) =>
        Venues.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
}
