namespace Fluxum.Host.Configuration;

/// <summary>
/// Publishing to NATS JetStream (<c>publish: { nats: { url, stream, subject_prefix, max_age, max_bytes, buffer,
/// snapshot_interval, replicas } }</c>): every normalized stream of every venue goes to subjects
/// <c>PREFIX.VENUE.CHANNEL.BASE-QUOTE</c> of one stream, created (or checked and updated) at start with these limits.
/// </summary>
internal sealed record PublishConfig
{
    /// <summary>The NATS server(s): one or more <c>nats://host:port</c>, comma-separated (the client fails over among them).</summary>
    public required string Url { get; init; }

    /// <summary>The JetStream stream's name.</summary>
    public required string Stream { get; init; }

    /// <summary>The first subject token (default <c>fluxum</c>).</summary>
    public string SubjectPrefix { get; init; } = "fluxum";

    /// <summary>How long the stream keeps a message; null for no limit.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>How many bytes the stream keeps; null for no limit.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>Messages held between the hub and the NATS writer; one more is dropped (counted, logged once per burst).</summary>
    public int Buffer { get; init; } = 65_536;

    /// <summary>How often each book goes out whole (a consumer joining late starts from one).</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The stream's replicas (3 on a three-node cluster).</summary>
    public int Replicas { get; init; } = 1;
}

/// <summary>
/// A venue rebuilt from another deployment's JetStream stream (<c>mode: relay</c>, <c>relay: { nats: { url, stream,
/// subject_prefix }, venue: kraken, start: 2026-12-03T10:00:00Z }</c>).
/// </summary>
internal sealed record RelayConfig
{
    /// <summary>The NATS server(s), as <see cref="PublishConfig.Url"/>.</summary>
    public required string Url { get; init; }

    /// <summary>The JetStream stream the source publishes to.</summary>
    public required string Stream { get; init; }

    /// <summary>The source's subject prefix (default <c>fluxum</c>).</summary>
    public string SubjectPrefix { get; init; } = "fluxum";

    /// <summary>The venue's name at the source (default: this venue's name).</summary>
    public required string SourceVenue { get; init; }

    /// <summary>Replay from this time (null: from each book's latest snapshot).</summary>
    public DateTimeOffset? Start { get; init; }
}
