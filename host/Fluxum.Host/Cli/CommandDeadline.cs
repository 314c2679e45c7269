namespace Fluxum.Host.Cli;

/// <summary>
/// The token a runtime command runs under: cancelled on Ctrl+C (System.CommandLine cancels the token it
/// passes to actions) or when <c>--duration</c> elapses, whichever comes first.
/// </summary>
internal sealed class CommandDeadline : IDisposable
{
    private readonly CancellationTokenSource? _timed;
    private readonly CancellationTokenSource _linked;

    /// <summary>Starts the deadline: <paramref name="duration"/> from now on <paramref name="time"/> (none when null).</summary>
    public CommandDeadline(TimeSpan? duration, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (duration is { } d)
        {
            _timed = new CancellationTokenSource(d, time);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timed.Token);
        }
        else
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }
    }

    /// <summary>Cancelled on Ctrl+C or when the duration elapses.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True when the duration (not Ctrl+C) ended the command.</summary>
    public bool Elapsed => _timed?.IsCancellationRequested ?? false;

    /// <inheritdoc />
    public void Dispose()
    {
        _linked.Dispose();
        _timed?.Dispose();
    }
}
