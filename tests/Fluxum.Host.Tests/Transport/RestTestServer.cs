using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Host.Tests.Transport;

/// <summary>An HTTP server on 127.0.0.1 answering from a script of statuses; "hang" waits until cancelled.</summary>
internal sealed class RestTestServer : ILoopbackHandler, IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _script = new();
    private LoopbackServer _server = null!;
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    private RestTestServer(params (int Status, string? RetryAfter)[] script)
    {
        foreach (var step in script)
        {
            _script.Enqueue(step);
        }
    }

    /// <summary>Starts a server answering <paramref name="script"/> in order (then 200).</summary>
    public static async Task<RestTestServer> StartAsync(params (int Status, string? RetryAfter)[] script)
    {
        var server = new RestTestServer(script);
        server._server = await LoopbackServer.StartAsync(server);
        return server;
    }

    public Uri Uri => new(_server.HttpUri, "api/ping?sig=secret");

    public int Requests => Volatile.Read(ref _requests);

    public Task FirstRequest => _firstRequest.Task;

    public ConcurrentQueue<string?> Signatures { get; } = new();

    public bool Hang { get; set; }

    public async Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        Signatures.Enqueue(context.Request.Headers["X-Signature"]);
        _firstRequest.TrySetResult();
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var (status, retryAfter) = _script.TryDequeue(out var step) ? step : (200, null);
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers["Retry-After"] = retryAfter;
        }

        var body = System.Text.Encoding.UTF8.GetBytes($"{{\"status\":{status}}}");
        await context.Response.Body.WriteAsync(body, cancellationToken);
    }

    public Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
