using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Host.Tests.Transport;

/// <summary>An HTTP server on 127.0.0.1 answering from a script of statuses; "hang" waits until cancelled.</summary>
internal sealed class RestTestServer : ILoopbackHandler, IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _script = new();
    private readonly LoopbackServer _server;
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    public RestTestServer(params (int Status, string? RetryAfter)[] script)
    {
        foreach (var step in script)
        {
            _script.Enqueue(step);
        }

        _server = LoopbackServer.Start(this);
    }

    public Uri Uri => new(_server.HttpUri, "api/ping?sig=secret");

    public int Requests => Volatile.Read(ref _requests);

    public Task FirstRequest => _firstRequest.Task;

    public ConcurrentQueue<string?> Signatures { get; } = new();

    public bool Hang { get; init; }

    public async Task HandleHttpAsync(HttpListenerContext context, CancellationToken cancellationToken)
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
        await context.Response.OutputStream.WriteAsync(body, cancellationToken);
        context.Response.Close();
    }

    public Task HandleWebSocketAsync(WebSocket socket, HttpListenerRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
