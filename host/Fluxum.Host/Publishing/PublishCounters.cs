namespace Fluxum.Host.Publishing;

/// <summary>The publisher's totals (read by the meter and the summary).</summary>
internal sealed class PublishCounters
{
    private long _published;
    private long _dropped;
    private long _failed;
    private long _disconnects;
    private int _connected;

    /// <summary>Messages JetStream acknowledged.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Messages dropped because the buffer between the hub and the writer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages JetStream did not acknowledge after every retry (lost; a book's consumer sees the gap).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Times the connection to NATS was lost.</summary>
    public long Disconnects => Interlocked.Read(ref _disconnects);

    /// <summary>True while connected to a NATS server.</summary>
    public bool Connected => Volatile.Read(ref _connected) == 1;

    internal void Publish() => Interlocked.Increment(ref _published);

    internal long Drop() => Interlocked.Increment(ref _dropped);

    internal void Fail() => Interlocked.Increment(ref _failed);

    internal void SetConnected(bool connected)
    {
        if (Interlocked.Exchange(ref _connected, connected ? 1 : 0) == 1 && !connected)
        {
            Interlocked.Increment(ref _disconnects);
        }
    }
}
