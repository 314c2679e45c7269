using Fluxum.Sdk.Sessions;

namespace Fluxum.Sdk.Tests.Sessions;

public sealed class SessionStateTests
{
    [Fact]
    public void Reconnecting_CarriesItsAttemptAndComparesByValue()
    {
        var state = SessionState.Reconnecting(2, TimeSpan.FromSeconds(2), "socket closed");

        Assert.Equal((SessionPhase.Reconnecting, 2, TimeSpan.FromSeconds(2), "socket closed"), (state.Phase, state.Attempt, state.Backoff, state.Reason));
        Assert.Equal(SessionState.Reconnecting(2, TimeSpan.FromSeconds(2), "socket closed"), state);
        Assert.NotEqual(SessionState.Reconnecting(3, TimeSpan.FromSeconds(2), "socket closed"), state);
        Assert.Equal("Reconnecting(attempt 2, backoff 2000 ms, socket closed)", state.ToString());
        Assert.Null(state.Error);
    }

    [Fact]
    public void Failed_CarriesTheErrorAndNamesIt()
    {
        var state = SessionState.Failed(new SessionError("gave up"));

        Assert.Equal(SessionPhase.Failed, state.Phase);
        Assert.Equal("gave up", state.Error!.Message);
        Assert.Equal("Failed(gave up)", state.ToString());
        Assert.Throws<ArgumentNullException>(() => SessionState.Failed(null!));
    }

    [Fact]
    public void PlainPhases_AreSingletonsNamedByTheirPhase()
    {
        SessionState[] states = [SessionState.Disconnected, SessionState.Connecting, SessionState.Connected, SessionState.Authenticated, SessionState.Subscribing, SessionState.Ready];

        Assert.Equal(["Disconnected", "Connecting", "Connected", "Authenticated", "Subscribing", "Ready"], states.Select(s => s.ToString()));
        Assert.Equal(states.Select(s => s.Name), states.Select(s => s.Phase.ToString()));
        Assert.True(SessionState.Ready is { Phase: SessionPhase.Ready, Attempt: 0, Error: null });
    }
}
