using System.Net.WebSockets;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Fluxum.Sdk.Simulation.Tests.Loopback;

public sealed class LoopbackConnectionTests
{
    [Fact]
    public void Abort_OpenConnection_AbortsSocketAndRequest()
    {
        var (connection, lifetime, socket) = Open();

        connection.Abort();

        Assert.Equal(1, lifetime.Aborts);
        Assert.Equal(WebSocketState.Aborted, socket.State);
        Assert.False(connection.IsOpen);
    }

    [Fact]
    public void Abort_AfterTheRequestClosed_LeavesTheRecycledContextAlone()
    {
        // A drop that races with the end of a request (the server's snapshot still lists it) must not abort
        // the request's context: the server may already have recycled it for another connection.
        var (connection, lifetime, socket) = Open();
        connection.Close();

        connection.Abort();

        Assert.Equal(0, lifetime.Aborts);
        Assert.NotEqual(WebSocketState.Aborted, socket.State);
        Assert.False(connection.IsOpen);
    }

    [Fact]
    public void TryOpen_AfterAnAbortMidHandshake_DropsTheSocket()
    {
        var lifetime = new RecordingLifetime();
        var connection = new LoopbackConnection(Context(lifetime));
        connection.Abort();
        using var socket = ServerSocket();

        Assert.False(connection.TryOpen(socket));

        Assert.Equal(1, lifetime.Aborts);
        Assert.Equal(WebSocketState.Aborted, socket.State);
    }

    private static (LoopbackConnection Connection, RecordingLifetime Lifetime, WebSocket Socket) Open()
    {
        var lifetime = new RecordingLifetime();
        var connection = new LoopbackConnection(Context(lifetime));
        var socket = ServerSocket();
        Assert.True(connection.TryOpen(socket));
        Assert.True(connection.IsOpen);
        return (connection, lifetime, socket);
    }

    private static DefaultHttpContext Context(RecordingLifetime lifetime)
    {
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature());
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpRequestLifetimeFeature>(lifetime);
        return new DefaultHttpContext(features);
    }

    private static WebSocket ServerSocket() => WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions { IsServer = true });

    private sealed class RecordingLifetime : IHttpRequestLifetimeFeature
    {
        public int Aborts { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborts++;
    }
}
