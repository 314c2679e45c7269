using System.Threading.Channels;
using Fluxum.Sdk.Sessions;

namespace Fluxum.Host.Tests.Sessions.Support;

/// <summary>Collects a session's state changes and waits for one that matches, with a timeout.</summary>
internal sealed class StateLog : IAsyncDisposable
{
    private readonly Channel<SessionState> _pending = Channel.CreateUnbounded<SessionState>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public StateLog(ISession session)
    {
        var states = session.StateChanges(_stop.Token);
        _pump = Task.Run(async () =>
        {
            await foreach (var state in states)
            {
                lock (All)
                {
                    All.Add(state);
                }

                _pending.Writer.TryWrite(state);
            }
        });
    }

    public List<SessionState> All { get; } = [];

    public async Task<SessionState> WaitForAsync(SessionPhase phase, Func<SessionState, bool>? match = null, int timeoutMs = 10_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        try
        {
            while (true)
            {
                if (await _pending.Reader.ReadAsync(timeout.Token) is { } state && state.Phase == phase && (match is null || match(state)))
                {
                    return state;
                }
            }
        }
        catch (OperationCanceledException)
        {
            string seen;
            lock (All)
            {
                seen = string.Join(" -> ", All);
            }

            throw new TimeoutException($"no {phase} state within {timeoutMs} ms; states seen: {seen}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
