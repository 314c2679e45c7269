namespace Fluxum.Host.Sessions;

/// <summary>Running totals of one session (thread-safe).</summary>
internal sealed class SessionCounters
{
    private long _connections;
    private long _reconnects;
    private long _watchdogTrips;
    private long _rejected;
    private long _sendFailures;
    private long _resyncs;
    private long _sequenceGaps;
    private long _statesDropped;
    private long _subscribeTimeouts;
    private long _paced;

    /// <summary>Connections opened.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Connections lost and retried.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Connections declared dead by the watchdog.</summary>
    public long WatchdogTrips => Interlocked.Read(ref _watchdogTrips);

    /// <summary>Subscriptions the venue refused.</summary>
    public long RejectedSubscriptions => Interlocked.Read(ref _rejected);

    /// <summary>Messages that could not be sent.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Connections ended because their subscriptions got neither an acknowledgement nor data in time.</summary>
    public long SubscribeTimeouts => Interlocked.Read(ref _subscribeTimeouts);

    /// <summary>Book resyncs sent to the venue.</summary>
    public long ResyncsSent => Interlocked.Read(ref _resyncs);

    /// <summary>State changes dropped for state consumers that did not keep up (the oldest go first).</summary>
    public long StatesDropped => Interlocked.Read(ref _statesDropped);

    internal void StateDropped() => Interlocked.Increment(ref _statesDropped);

    internal void Connection() => Interlocked.Increment(ref _connections);

    internal void Reconnect() => Interlocked.Increment(ref _reconnects);

    internal void WatchdogTrip() => Interlocked.Increment(ref _watchdogTrips);

    internal void Rejected() => Interlocked.Increment(ref _rejected);

    internal void SendFailure() => Interlocked.Increment(ref _sendFailures);

    internal void SubscribeTimeout() => Interlocked.Increment(ref _subscribeTimeouts);

    internal void Resync() => Interlocked.Increment(ref _resyncs);

    /// <summary>Gaps in the connection's sequence numbers (strategy (c)); each resubscribed the connection.</summary>
    public long SequenceGaps => Interlocked.Read(ref _sequenceGaps);

    internal void SequenceGap() => Interlocked.Increment(ref _sequenceGaps);

    /// <summary>Messages held back to stay within the protocol's messages-per-second limit (sent once the second allowed).</summary>
    public long PacedSends => Interlocked.Read(ref _paced);

    internal void Paced() => Interlocked.Increment(ref _paced);
}
