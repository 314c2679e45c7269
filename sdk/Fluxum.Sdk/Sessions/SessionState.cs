namespace Fluxum.Sdk.Sessions;

/// <summary>
/// The state of a venue session (the seed's eight states). Compare with pattern matching:
/// <c>state is SessionState.Reconnecting { Attempt: var n }</c>.
/// </summary>
public abstract record SessionState
{
    private protected SessionState()
    {
    }

    /// <summary>Not connected, and not trying to be.</summary>
    public static SessionState Disconnected { get; } = new DisconnectedState();

    /// <summary>Opening the connection.</summary>
    public static SessionState Connecting { get; } = new ConnectingState();

    /// <summary>The socket is open.</summary>
    public static SessionState Connected { get; } = new ConnectedState();

    /// <summary>The venue accepted the credentials (private connections only).</summary>
    public static SessionState Authenticated { get; } = new AuthenticatedState();

    /// <summary>Subscriptions were sent; waiting for acks.</summary>
    public static SessionState Subscribing { get; } = new SubscribingState();

    /// <summary>Data is flowing.</summary>
    public static SessionState Ready { get; } = new ReadyState();

    /// <summary>Short name of the state.</summary>
    public abstract string Name { get; }

    /// <summary>The state in words, e.g. <c>Ready</c> or <c>Reconnecting(attempt 2, backoff 2000 ms)</c>.</summary>
    public sealed override string ToString() => Describe();

    /// <summary>The text <see cref="ToString"/> returns; states with data add it.</summary>
    protected virtual string Describe() => Name;

    /// <summary>Disconnected.</summary>
    public sealed record DisconnectedState : SessionState
    {
        /// <inheritdoc />
        public override string Name => "Disconnected";
    }

    /// <summary>Connecting.</summary>
    public sealed record ConnectingState : SessionState
    {
        /// <inheritdoc />
        public override string Name => "Connecting";
    }

    /// <summary>Connected.</summary>
    public sealed record ConnectedState : SessionState
    {
        /// <inheritdoc />
        public override string Name => "Connected";
    }

    /// <summary>Authenticated.</summary>
    public sealed record AuthenticatedState : SessionState
    {
        /// <inheritdoc />
        public override string Name => "Authenticated";
    }

    /// <summary>Subscribing.</summary>
    public sealed record SubscribingState : SessionState
    {
        /// <inheritdoc />
        public override string Name => "Subscribing";
    }

    /// <summary>Ready.</summary>
    public sealed record ReadyState : SessionState
    {
        /// <inheritdoc />
        public override string Name => "Ready";
    }

    /// <summary>The connection was lost; the next attempt starts after <paramref name="Backoff"/>.</summary>
    /// <param name="Attempt">1 for the first reconnect attempt.</param>
    /// <param name="Backoff">The wait before this attempt (with jitter).</param>
    /// <param name="Reason">Why the connection was lost.</param>
    public sealed record Reconnecting(int Attempt, TimeSpan Backoff, string? Reason = null) : SessionState
    {
        /// <inheritdoc />
        public override string Name => "Reconnecting";

        /// <inheritdoc />
        protected override string Describe() => $"Reconnecting(attempt {Attempt}, backoff {Backoff.TotalMilliseconds:0} ms{(Reason is null ? "" : ", " + Reason)})";
    }

    /// <summary>The session gave up.</summary>
    /// <param name="Error">Why.</param>
    public sealed record Failed(SessionError Error) : SessionState
    {
        /// <inheritdoc />
        public override string Name => "Failed";

        /// <inheritdoc />
        protected override string Describe() => $"Failed({Error.Message})";
    }
}

/// <summary>Why a session failed.</summary>
/// <param name="Message">What went wrong, in words.</param>
/// <param name="Exception">The last exception, if one was thrown.</param>
public sealed record SessionError(string Message, Exception? Exception = null);
