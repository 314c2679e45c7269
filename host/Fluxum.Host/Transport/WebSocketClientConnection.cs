using System.Net.WebSockets;
using System.Runtime.CompilerServices;
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
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TimeSpan _overflowGrace;
    private string? _closeReason;
    private int _closed;
    private long _receiveWaits;

    public WebSocketClientConnection(WebsocketClient client, int bufferFrames, TimeSpan overflowGrace, TimeProvider time, ILogger logger)
    {
        _client = client;
        _overflowGrace = overflowGrace;
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
    public long ReceiveWaits => Interlocked.Read(ref _receiveWaits);

    /// <inheritdoc />
    public async IAsyncEnumerable<WebSocketFrame> ReceiveAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var frame in _frames.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    /// <summary>
    /// Sends one text frame and completes only once the socket has taken all of it, so a failed send throws
    /// here (and reaches the session's send-failure counter) instead of dying in a background queue.
    /// Sends are serialized: a WebSocket allows one outstanding send.
    /// </summary>
    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsOpen || _client.NativeClient is not { State: WebSocketState.Open } socket)
            {
                throw new WebSocketException(WebSocketError.InvalidState, $"the connection to {_client.Url.Authority} is closed; the message was not sent");
            }

            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            throw new WebSocketException(WebSocketError.InvalidState, $"sending to {_client.Url.Authority} failed: {e.Message}", e);
        }
        finally
        {
            _sendLock.Release();
        }
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
        if (!_frames.Writer.TryWrite(frame) && !WaitForRoom(frame) && Volatile.Read(ref _closed) == 0)
        {
            LogOverflow(_logger, _client.Url.Authority, _frames.Reader.Count);
            Close($"receive buffer overflow: the session fell {_frames.Reader.Count} frames behind");
            _ = _client.Stop(WebSocketCloseStatus.PolicyViolation, "client overflow");
        }
    }

    /// <summary>
    /// The buffer is full: holds Websocket.Client's receive loop (it calls this inline, so nothing more is read from the
    /// socket and TCP flow control slows the sender) until the session makes room, for the grace at most. True when the
    /// frame went in; false when the session stayed a whole buffer behind that long (or the connection closed).
    /// </summary>
    private bool WaitForRoom(WebSocketFrame frame)
    {
        if (_overflowGrace <= TimeSpan.Zero)
        {
            return false;
        }

        if (Interlocked.Increment(ref _receiveWaits) == 1)
        {
            LogReceiveWait(_logger, _client.Url.Authority, _frames.Reader.Count, _overflowGrace.TotalMilliseconds);
        }

        using var grace = new CancellationTokenSource(_overflowGrace, _time);
        try
        {
            var write = _frames.Writer.WriteAsync(frame, grace.Token);
            if (!write.IsCompletedSuccessfully)
            {
                write.AsTask().GetAwaiter().GetResult();
            }

            return true;
        }
        catch (OperationCanceledException) when (grace.IsCancellationRequested)
        {
            return false;
        }
        catch (ChannelClosedException)
        {
            return false; // closed meanwhile: the frame goes with the connection, whose close reason says why
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

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "WebSocket {Authority}: receive buffer full ({Buffered} frames); reading paused until the session catches up (at most {GraceMs} ms), so the sender is slowed instead of the connection closed (logged once per connection; counted)")]
    private static partial void LogReceiveWait(ILogger logger, string authority, int buffered, double graceMs);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "WebSocket {Authority}: receive buffer full ({Buffered} frames); closing the connection")]
    private static partial void LogOverflow(ILogger logger, string authority, int buffered);
}
