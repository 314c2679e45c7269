namespace Fluxum.Host.MarketData;

/// <summary>Running totals of the hub (thread-safe).</summary>
internal sealed class HubCounters
{
    private long _delivered;
    private long _dropped;
    private long _gaps;
    private long _superseded;

    /// <summary>Events written to consumers.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Events dropped for consumers that fell behind (a skipped backlog counts every event in it).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Times a consumer fell behind (each gap counted once, however many events it lost).</summary>
    public long SubscriberGaps => Interlocked.Read(ref _gaps);

    /// <summary>Unread book snapshots replaced by a newer one for newest-only consumers (by design, not a gap).</summary>
    public long Superseded => Interlocked.Read(ref _superseded);

    internal void Deliver() => Interlocked.Increment(ref _delivered);

    internal void Drop(long count) => Interlocked.Add(ref _dropped, count);

    internal void Supersede(long count) => Interlocked.Add(ref _superseded, count);

    internal void Gap() => Interlocked.Increment(ref _gaps);
}
