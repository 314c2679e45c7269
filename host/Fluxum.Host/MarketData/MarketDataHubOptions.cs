namespace Fluxum.Host.MarketData;

/// <summary>Settings of the market-data hub.</summary>
internal sealed record MarketDataHubOptions
{
    /// <summary>The defaults: 1024 events buffered per consumer, 64 book snapshots.</summary>
    public static MarketDataHubOptions Default { get; } = new();

    /// <summary>Events buffered per consumer; when full, the consumer is behind: its unread events are dropped (one counted gap) and it continues with the newest.</summary>
    public int SubscriberCapacity { get; init; } = 1024;

    /// <summary>Book snapshots buffered per consumer; when full the oldest goes, so the newest book is always next.</summary>
    public int SnapshotCapacity { get; init; } = 64;
}
