namespace Fluxum.Sdk.Sessions;

/// <summary>The phases of a venue session (the seed's eight states).</summary>
public enum SessionPhase
{
    /// <summary>Not connected, and not trying to be.</summary>
    Disconnected,

    /// <summary>Opening the connection.</summary>
    Connecting,

    /// <summary>The socket is open.</summary>
    Connected,

    /// <summary>The venue accepted the credentials (private connections only).</summary>
    Authenticated,

    /// <summary>Subscriptions were sent; waiting for acks.</summary>
    Subscribing,

    /// <summary>Data is flowing.</summary>
    Ready,

    /// <summary>The connection was lost; another attempt follows after a backoff.</summary>
    Reconnecting,

    /// <summary>The session gave up.</summary>
    Failed,
}

/// <summary>
/// The state of a venue session: its <see cref="Phase"/>, and for <see cref="SessionPhase.Reconnecting"/> the
/// attempt, backoff and reason, for <see cref="SessionPhase.Failed"/> the error. Records compare by value; match
/// with property patterns: <c>state is { Phase: SessionPhase.Reconnecting, Attempt: var n }</c>.
/// </summary>
public sealed record SessionState
{
    private SessionState(SessionPhase phase)
    {
        Phase = phase;
    }

    /// <summary>Not connected, and not trying to be.</summary>
    public static SessionState Disconnected { get; } = new(SessionPhase.Disconnected);

    /// <summary>Opening the connection.</summary>
    public static SessionState Connecting { get; } = new(SessionPhase.Connecting);

    /// <summary>The socket is open.</summary>
    public static SessionState Connected { get; } = new(SessionPhase.Connected);

    /// <summary>The venue accepted the credentials (private connections only).</summary>
    public static SessionState Authenticated { get; } = new(SessionPhase.Authenticated);

    /// <summary>Subscriptions were sent; waiting for acks.</summary>
    public static SessionState Subscribing { get; } = new(SessionPhase.Subscribing);

    /// <summary>Data is flowing.</summary>
    public static SessionState Ready { get; } = new(SessionPhase.Ready);

    /// <summary>Which phase the session is in.</summary>
    public SessionPhase Phase { get; }

    /// <summary>The reconnect attempt, 1 for the first (0 unless <see cref="SessionPhase.Reconnecting"/>).</summary>
    public int Attempt { get; private init; }

    /// <summary>The wait before this reconnect attempt, with jitter (zero unless <see cref="SessionPhase.Reconnecting"/>).</summary>
    public TimeSpan Backoff { get; private init; }

    /// <summary>Why the connection was lost (reconnecting), if known.</summary>
    public string? Reason { get; private init; }

    /// <summary>Why the session gave up (only when <see cref="SessionPhase.Failed"/>).</summary>
    public SessionError? Error { get; private init; }

    /// <summary>Short name of the phase, e.g. <c>Ready</c>.</summary>
    public string Name => Phase.ToString();

    /// <summary>The connection was lost; attempt <paramref name="attempt"/> starts after <paramref name="backoff"/>.</summary>
    /// <param name="attempt">1 for the first reconnect attempt.</param>
    /// <param name="backoff">The wait before this attempt (with jitter).</param>
    /// <param name="reason">Why the connection was lost.</param>
    public static SessionState Reconnecting(int attempt, TimeSpan backoff, string? reason = null) =>
        new(SessionPhase.Reconnecting) { Attempt = attempt, Backoff = backoff, Reason = reason };

    /// <summary>The session gave up.</summary>
    /// <param name="error">Why.</param>
    public static SessionState Failed(SessionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(SessionPhase.Failed) { Error = error };
    }

    /// <summary>The state in words, e.g. <c>Ready</c> or <c>Reconnecting(attempt 2, backoff 2000 ms)</c>.</summary>
    public override string ToString() => Phase switch
    {
        SessionPhase.Reconnecting => $"Reconnecting(attempt {Attempt}, backoff {Backoff.TotalMilliseconds:0} ms{(Reason is null ? "" : ", " + Reason)})",
        SessionPhase.Failed => $"Failed({Error!.Message})",
        _ => Name,
    };
}

/// <summary>Why a session failed.</summary>
/// <param name="Message">What went wrong, in words.</param>
/// <param name="Exception">The last exception, if one was thrown.</param>
public sealed record SessionError(string Message, Exception? Exception = null);
