using System.Net;
using Fluxum.Host.Runtime;
using Fluxum.Host.Transport;
using Fluxum.Sdk.Transport;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Fluxum.Host.Tests.Runtime;

public sealed class AuthenticationRefusalWatchTests
{
    private static readonly WebSocketEndpoint Endpoint = new(new Uri("ws://127.0.0.1:9/"));

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task ConnectAsync_CredentialsRefused_RemembersTheRefusalAndRethrowsIt(HttpStatusCode status)
    {
        var inner = Substitute.For<IWebSocketTransport>();
        var refusal = new WebSocketHandshakeRefusedException(Endpoint.Uri, status);
        inner.ConnectAsync(Endpoint, Arg.Any<CancellationToken>()).ThrowsAsync(refusal);
        var watch = new AuthenticationRefusalWatch(inner);

        var thrown = await Assert.ThrowsAsync<WebSocketHandshakeRefusedException>(() => watch.ConnectAsync(Endpoint));

        Assert.Same(refusal, thrown);
        Assert.Same(refusal, watch.Refusal);
    }

    [Fact]
    public async Task ConnectAsync_OtherRefusalOrFailure_IsNotTakenForAnAuthenticationFailure()
    {
        var inner = Substitute.For<IWebSocketTransport>();
        inner.ConnectAsync(Endpoint, Arg.Any<CancellationToken>()).ThrowsAsync(new WebSocketHandshakeRefusedException(Endpoint.Uri, HttpStatusCode.ServiceUnavailable));
        var watch = new AuthenticationRefusalWatch(inner);

        await Assert.ThrowsAsync<WebSocketHandshakeRefusedException>(() => watch.ConnectAsync(Endpoint));
        inner.ConnectAsync(Endpoint, Arg.Any<CancellationToken>()).ThrowsAsync(new System.Net.WebSockets.WebSocketException("connection refused"));
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => watch.ConnectAsync(Endpoint));

        Assert.Null(watch.Refusal);
    }

    [Fact]
    public async Task ConnectAsync_Success_ReturnsTheInnerConnection()
    {
        var inner = Substitute.For<IWebSocketTransport>();
        var connection = Substitute.For<IWebSocketConnection>();
        inner.ConnectAsync(Endpoint, Arg.Any<CancellationToken>()).Returns(connection);
        var watch = new AuthenticationRefusalWatch(inner);

        Assert.Same(connection, await watch.ConnectAsync(Endpoint));
        Assert.Null(watch.Refusal);
    }
}
