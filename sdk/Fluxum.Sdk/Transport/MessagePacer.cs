namespace Fluxum.Sdk.Transport;

/// <summary>
/// Keeps one connection's sender within a venue's limit of messages per second
/// (<see cref="Plugins.IMarketDataProtocol.MaxMessagesPerSecond"/>): over any one second, at most
/// <see cref="MaxPerSecond"/> messages; the next waits until the oldest of them is a second old. One sender uses
/// an instance (it is not thread-safe).
/// </summary>
public sealed class MessagePacer
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Queue<long> _sent = new();
    private readonly TimeProvider _time;

    /// <summary>Paces to <paramref name="maxPerSecond"/> messages in any second, on <paramref name="time"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPerSecond"/> is not positive.</exception>
    public MessagePacer(int maxPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxPerSecond, 0);
        ArgumentNullException.ThrowIfNull(time);
        MaxPerSecond = maxPerSecond;
        _time = time;
    }

    /// <summary>The most messages in any one second.</summary>
    public int MaxPerSecond { get; }

    /// <summary>How many messages had to wait for the window (each counted once).</summary>
    public long Delayed { get; private set; }

    /// <summary>How long the next message must wait: zero when it may go now.</summary>
    public TimeSpan Wait()
    {
        var now = _time.GetTimestamp();
        while (_sent.Count > 0 && _time.GetElapsedTime(_sent.Peek(), now) >= Window)
        {
            _sent.Dequeue();
        }

        return _sent.Count < MaxPerSecond ? TimeSpan.Zero : Window - _time.GetElapsedTime(_sent.Peek(), now);
    }

    /// <summary>Records a message sent now.</summary>
    public void Sent() => _sent.Enqueue(_time.GetTimestamp());

    /// <summary>Waits until the next message may go, then records it as sent: call it right before sending.</summary>
    public async ValueTask PaceAsync(CancellationToken cancellationToken = default)
    {
        var delayed = false;
        for (var wait = Wait(); wait > TimeSpan.Zero; wait = Wait())
        {
            delayed = true;
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        Delayed += delayed ? 1 : 0;
        Sent();
    }
}
