using Fluxum.Host.MarketData;
using Fluxum.Host.Sessions;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Sessions;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Fluxum.Host.Tests.Sessions;

/// <summary>A disconnect that does not wait for its run, then a new connect: each run owns its start signal and states.</summary>
public sealed class VenueSessionRestartTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource<IWebSocketConnection> _oldConnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<IWebSocketConnection> _newConnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _oldCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _newCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly VenueSession _session;
    private int _calls;

    public VenueSessionRestartTests()
    {
        var time = new FakeTimeProvider();
        var transport = Substitute.For<IWebSocketTransport>();

        // The old run's connect ignores its token (as a slow handshake would) until the test lets it go; the
        // new run's connect ends only when its own token is cancelled.
        transport.ConnectAsync(Arg.Any<WebSocketEndpoint>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                if (Interlocked.Increment(ref _calls) == 1)
                {
                    _oldCalled.TrySetResult();
                    return _oldConnect.Task;
                }

                var token = call.Arg<CancellationToken>();
                token.Register(() => _newConnect.TrySetCanceled(token));
                _newCalled.TrySetResult();
                return _newConnect.Task;
            });
        var hub = new MarketDataHub(MarketDataHubOptions.Default, time, NullLogger<MarketDataHub>.Instance);
        var protocol = new JsonTestProtocol("x", new Uri("ws://127.0.0.1:1/"));
        var feed = hub.AddVenue("x", new BookManager("x", protocol.BookRules, time));
        _session = new VenueSession(protocol, transport, feed, new SessionOptions(), time, NullLogger<VenueSession>.Instance);
    }

    [Fact]
    public async Task ConnectAsync_AfterDisconnectWithCancelledToken_OldRunEndDoesNotCompleteNewStart()
    {
        var (firstStart, secondStart) = await RestartWhileOldRunConnectsAsync();
        _oldConnect.SetException(new OperationCanceledException("the old handshake gave up"));
        await firstStart.WaitAsync(Patience);

        // ConnectAsync reads the current run's start signal under the state lock, so it sees the old run's
        // final state change in full; a signal already completed would complete this call at once.
        var thirdStart = _session.ConnectAsync();

        Assert.False(thirdStart.IsCompleted, "the new run, still connecting, reported its start");
        Assert.False(secondStart.IsCompleted, "the new run, still connecting, reported its start");
        await _session.DisconnectAsync();
        await Task.WhenAll(secondStart, thirdStart).WaitAsync(Patience);
    }

    [Fact]
    public async Task State_OldRunEndsAfterNewRunStarted_StaysTheNewRunsState()
    {
        var (firstStart, _) = await RestartWhileOldRunConnectsAsync();

        _oldConnect.SetException(new OperationCanceledException("the old handshake gave up"));
        await firstStart.WaitAsync(Patience);

        // The old run's final state is written under the same lock, before its start signal completes.
        Assert.Equal(SessionState.Connecting, _session.State);
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
    }

    /// <summary>Connects, disconnects with a cancelled token while the connect hangs, and connects again.</summary>
    private async Task<(Task FirstStart, Task SecondStart)> RestartWhileOldRunConnectsAsync()
    {
        var firstStart = _session.ConnectAsync();
        await _oldCalled.Task.WaitAsync(Patience);
        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync();
            await _session.DisconnectAsync(cancelled.Token);
        }

        var secondStart = _session.ConnectAsync();
        await _newCalled.Task.WaitAsync(Patience);
        return (firstStart, secondStart);
    }
}
