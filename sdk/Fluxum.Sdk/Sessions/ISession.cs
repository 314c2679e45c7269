using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Sessions;

/// <summary>One connection to a venue, with its state machine and subscriptions.</summary>
public interface ISession : IAsyncDisposable
{
    /// <summary>The venue name.</summary>
    string Venue { get; }

    /// <summary>The current state.</summary>
    SessionState State { get; }

    /// <summary>The reconnect policy in force.</summary>
    ReconnectPolicy ReconnectPolicy { get; }

    /// <summary>What the session is subscribed to (re-sent after every reconnect).</summary>
    IReadOnlyCollection<Subscription> Subscriptions { get; }

    /// <summary>Every state change from now on. Each enumeration is its own subscriber.</summary>
    IAsyncEnumerable<SessionState> StateChanges(CancellationToken cancellationToken = default);

    /// <summary>Connects (reconnecting on failure per the policy) and sends the subscriptions.</summary>
    Task ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes the connection cleanly; no reconnect follows.</summary>
    Task DisconnectAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds subscriptions (sent now if connected, and after every reconnect).</summary>
    Task SubscribeAsync(IReadOnlyList<Subscription> subscriptions, CancellationToken cancellationToken = default);

    /// <summary>Removes subscriptions.</summary>
    Task UnsubscribeAsync(IReadOnlyList<Subscription> subscriptions, CancellationToken cancellationToken = default);
}
