using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Host.Tests.Transport;

/// <summary>A fake clock that reports every timer created, so a test advances exactly when the code waits.</summary>
internal sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer due in exactly <paramref name="due"/> was created.</summary>
    public async Task WaitForTimerAsync(TimeSpan due)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _timers.Reader.ReadAsync(timeout.Token) != due)
        {
        }
    }
}
