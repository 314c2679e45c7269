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

/// <summary>A disconnect that does not wait for its run, then a new connect: each run owns its start signal.</summary>
public sealed class VenueSessionRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ConnectAsync_AfterDisconnectWithCancelledToken_OldRunEndDoesNotCompleteNewStart()
    {
        var time = new FakeTimeProvider();
        var transport = Substitute.For<IWebSocketTransport>();
        var oldConnect = new TaskCompletionSource<IWebSocketConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var newConnect = new TaskCompletionSource<IWebSocketConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var oldCalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var newCalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;

        // The old run's connect ignores its token (as a slow handshake would) until the test lets it go; the
        // new run's connect ends only when its own token is cancelled.
        transport.ConnectAsync(Arg.Any<WebSocketEndpoint>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    oldCalled.TrySetResult();
                    return oldConnect.Task;
                }

                var token = call.Arg<CancellationToken>();
                token.Register(() => newConnect.TrySetCanceled(token));
                newCalled.TrySetResult();
                return newConnect.Task;
            });
        var hub = new MarketDataHub(MarketDataHubOptions.Default, time, NullLogger<MarketDataHub>.Instance);
        var protocol = new JsonTestProtocol("x", new Uri("ws://127.0.0.1:1/"));
        var feed = hub.AddVenue("x", new BookManager("x", protocol.BookRules, time));
        await using var session = new VenueSession(protocol, transport, feed, new SessionOptions(), time, NullLogger<VenueSession>.Instance);
        await using var states = new StateLog(session);

        var firstStart = session.ConnectAsync();
        await oldCalled.Task.WaitAsync(Patience);
        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync();
            await session.DisconnectAsync(cancelled.Token);
        }

        var secondStart = session.ConnectAsync();
        await newCalled.Task.WaitAsync(Patience);
        oldConnect.SetException(new OperationCanceledException("the old handshake gave up"));
        await states.WaitForAsync<SessionState.DisconnectedState>();

        // ConnectAsync reads the current run's start signal under the state lock, so it sees the old run's
        // final state change in full; a signal already completed would complete this call at once.
        var thirdStart = session.ConnectAsync();

        Assert.False(thirdStart.IsCompleted, "the new run, still connecting, reported its start");
        Assert.False(secondStart.IsCompleted, "the new run, still connecting, reported its start");
        await firstStart.WaitAsync(Patience);
        await session.DisconnectAsync();
        await Task.WhenAll(secondStart, thirdStart).WaitAsync(Patience);
    }
}
