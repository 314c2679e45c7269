namespace Fluxum.Host.Relay;

/// <summary>A relay venue's totals.</summary>
internal sealed class RelayCounters
{
    private long _messages;
    private long _awaitingSnapshot;
    private long _disconnects;
    private int _connected;

    /// <summary>Messages read from the stream.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Book updates skipped because their book had no snapshot yet here (counted; the snapshot holds them).</summary>
    public long AwaitingSnapshot => Interlocked.Read(ref _awaitingSnapshot);

    /// <summary>Times the connection to NATS was lost.</summary>
    public long Disconnects => Interlocked.Read(ref _disconnects);

    /// <summary>True while connected.</summary>
    public bool Connected => Volatile.Read(ref _connected) == 1;

    internal void Message() => Interlocked.Increment(ref _messages);

    internal void AwaitSnapshot() => Interlocked.Increment(ref _awaitingSnapshot);

    internal void SetConnected(bool connected)
    {
        if (Interlocked.Exchange(ref _connected, connected ? 1 : 0) == 1 && !connected)
        {
            Interlocked.Increment(ref _disconnects);
        }
    }
}
