using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;
using Websocket.Client;

namespace Fluxum.Host.Transport;

/// <summary>
/// One open Websocket.Client connection. Its receive loop only copies a frame reference into a bounded
/// channel (never blocks); the session reads the channel on its own task.
/// </summary>
internal sealed partial class WebSocketClientConnection : IWebSocketConnection, IConnectionDiagnostics
{
    private readonly WebsocketClient _client;
    private readonly Channel<WebSocketFrame> _frames;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IDisposable _messages;
    private readonly IDisposable _disconnections;
    private string? _closeReason;
    private int _closed;

    public WebSocketClientConnection(WebsocketClient client, int bufferFrames, TimeProvider time, ILogger logger)
    {
        _client = client;
        _time = time;
        _logger = logger;
        _frames = Channel.CreateBounded<WebSocketFrame>(new BoundedChannelOptions(bufferFrames)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        _messages = client.MessageReceived.Subscribe(OnMessage);
        _disconnections = client.DisconnectionHappened.Subscribe(OnDisconnected);
    }

    /// <inheritdoc />
    public bool IsOpen => Volatile.Read(ref _closed) == 0 && _client.IsRunning;

    /// <inheritdoc />
    public string? CloseReason => Volatile.Read(ref _closeReason);

    /// <inheritdoc />
    public async IAsyncEnumerable<WebSocketFrame> ReceiveAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var frame in _frames.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    /// <inheritdoc />
    public Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        if (!IsOpen)
        {
            throw new WebSocketException(WebSocketError.InvalidState, $"the connection to {_client.Url.Authority} is closed; the message was not sent");
        }

        var segment = MemoryMarshal.TryGetArray(message, out var array) ? array : new ArraySegment<byte>(message.ToArray());
        if (!_client.SendAsText(segment))
        {
            throw new WebSocketException(WebSocketError.InvalidState, $"the send queue of {_client.Url.Authority} refused the message");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        Close("closed by the host");
        await _client.Stop(WebSocketCloseStatus.NormalClosure, "closing").WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Close("disposed");
        _messages.Dispose();
        _disconnections.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnMessage(ResponseMessage message)
    {
        var payload = message.Binary
            ?? message.Stream?.ToArray()
            ?? Encoding.UTF8.GetBytes(message.Text ?? string.Empty);
        // With text conversion off, Websocket.Client hands text frames over as binary messages, so the frame
        // type is not known here; the venues' protocols are JSON text, which is what IsText defaults to.
        var frame = new WebSocketFrame(payload, _time.GetUtcNow());
        if (!_frames.Writer.TryWrite(frame) && Volatile.Read(ref _closed) == 0)
        {
            LogOverflow(_logger, _client.Url.Authority, _frames.Reader.Count);
            Close($"receive buffer overflow: the session fell {_frames.Reader.Count} frames behind");
            _ = _client.Stop(WebSocketCloseStatus.PolicyViolation, "client overflow");
        }
    }

    private void OnDisconnected(DisconnectionInfo info)
    {
        var detail = info.Exception?.Message ?? info.CloseStatusDescription ?? info.CloseStatus?.ToString();
        Close(detail is null ? $"connection lost ({info.Type})" : $"connection lost ({info.Type}: {detail})");
    }

    private void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            Volatile.Write(ref _closeReason, reason);
        }

        _frames.Writer.TryComplete();
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "WebSocket {Authority}: receive buffer full ({Buffered} frames); closing the connection")]
    private static partial void LogOverflow(ILogger logger, string authority, int buffered);
}
