namespace Fluxum.Host.Sessions;

/// <summary>When one connection last received a frame, and the first reason it was ended by the host.</summary>
internal sealed class ConnectionMonitor
{
    private readonly TimeProvider _time;
    private long _lastFrame;
    private string? _reason;

    public ConnectionMonitor(TimeProvider time)
    {
        _time = time;
        _lastFrame = time.GetTimestamp();
    }

    /// <summary>How long since the last frame (or since the connection opened).</summary>
    public TimeSpan Silence => _time.GetElapsedTime(Interlocked.Read(ref _lastFrame));

    /// <summary>Why the host ended the connection, or null.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    public void Touch() => Interlocked.Exchange(ref _lastFrame, _time.GetTimestamp());

    public void Fail(string reason) => Interlocked.CompareExchange(ref _reason, reason, null);
}
