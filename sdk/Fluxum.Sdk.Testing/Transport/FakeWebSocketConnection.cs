using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Fluxum.Sdk.Transport;

namespace Fluxum.Sdk.Testing.Transport;

/// <summary>
/// One scripted WebSocket: <see cref="Feed(string)"/> queues frames for the code under test to receive,
/// <see cref="Sent"/> records what it sent, and <see cref="CloseFromServer"/> / <see cref="Drop"/> end the
/// receive stream cleanly or with an error. Thread-safe.
/// </summary>
public sealed class FakeWebSocketConnection : IWebSocketConnection
{
    private readonly Channel<Inbound> _inbound = Channel.CreateUnbounded<Inbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<byte[]> _sent = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Signal)> _sendWaiters = [];
    private readonly TimeProvider _time;
    private Exception? _sendFailure;
    private volatile bool _open = true;

    /// <summary>Creates an open connection (normally made by <see cref="FakeWebSocketTransport"/>).</summary>
    public FakeWebSocketConnection(WebSocketEndpoint endpoint, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The endpoint this connection was opened to.</summary>
    public WebSocketEndpoint Endpoint { get; }

    /// <inheritdoc />
    public bool IsOpen => _open;

    /// <summary>True once the code under test called <see cref="CloseAsync"/> or disposed the connection.</summary>
    public bool ClosedByClient { get; private set; }

    /// <summary>
    /// Scripted replies: called with every text the code under test sends; the frames it returns are fed back
    /// in order (e.g. an acknowledgement and a snapshot for a subscribe). Null or an empty result feeds nothing.
    /// </summary>
    public Func<string, IEnumerable<string>?>? Responder { get; set; }

    /// <summary>Every message sent so far, decoded as UTF-8 text, oldest first.</summary>
    public IReadOnlyList<string> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent.Select(b => Encoding.UTF8.GetString(b))];
            }
        }
    }

    /// <summary>Every message sent so far as raw bytes, oldest first.</summary>
    public IReadOnlyList<byte[]> SentBytes
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Queues a text frame for the receiver.</summary>
    public void Feed(string text) => Feed(Encoding.UTF8.GetBytes(text), isText: true);

    /// <summary>Queues a frame of raw bytes for the receiver.</summary>
    public void Feed(ReadOnlyMemory<byte> payload, bool isText = true)
    {
        if (!_inbound.Writer.TryWrite(new Inbound(payload.ToArray(), isText, null)))
        {
            throw new InvalidOperationException("The connection is closed; no more frames can be fed.");
        }
    }

    /// <summary>The server closes normally: frames already fed are still delivered, then the receive stream ends.</summary>
    public void CloseFromServer()
    {
        _inbound.Writer.TryComplete();
    }

    /// <summary>The connection breaks: after the frames already fed, the receive stream throws <paramref name="error"/>.</summary>
    public void Drop(Exception? error = null)
    {
        _inbound.Writer.TryWrite(new Inbound(null, false, error ?? new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "fake transport: connection dropped")));
        _inbound.Writer.TryComplete();
    }

    /// <summary>Makes every further <see cref="SendAsync"/> fail with <paramref name="error"/> (null: sends work again).</summary>
    public void FailSends(Exception? error)
    {
        lock (_gate)
        {
            _sendFailure = error;
        }
    }

    /// <summary>Completes with the first sent text (already sent or future) that satisfies <paramref name="match"/>.</summary>
    public Task<string> WaitForSentAsync(Func<string, bool> match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_gate)
        {
            foreach (var bytes in _sent)
            {
                var text = Encoding.UTF8.GetString(bytes);
                if (match(text))
                {
                    return Task.FromResult(text);
                }
            }

            var signal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _sendWaiters.Add((match, signal));
            return signal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WebSocketFrame> ReceiveAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in _inbound.Reader.ReadAllAsync(cancellationToken))
        {
            if (item.Error is { } error)
            {
                _open = false;
                throw error;
            }

            yield return new WebSocketFrame(item.Payload, _time.GetUtcNow(), item.IsText);
        }

        _open = false;
    }

    /// <inheritdoc />
    public Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<TaskCompletionSource<string>> matched = [];
        string text;
        lock (_gate)
        {
            if (_sendFailure is { } failure)
            {
                return Task.FromException(failure);
            }

            if (!_open)
            {
                return Task.FromException(new WebSocketException(WebSocketError.InvalidState, "fake transport: send on a closed connection"));
            }

            var bytes = message.ToArray();
            _sent.Add(bytes);
            text = Encoding.UTF8.GetString(bytes);
            for (var i = _sendWaiters.Count - 1; i >= 0; i--)
            {
                if (_sendWaiters[i].Match(text))
                {
                    matched.Add(_sendWaiters[i].Signal);
                    _sendWaiters.RemoveAt(i);
                }
            }
        }

        foreach (var signal in matched)
        {
            signal.TrySetResult(text);
        }

        if (Responder?.Invoke(text) is { } replies)
        {
            foreach (var reply in replies)
            {
                Feed(reply);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CloseAsync(CancellationToken cancellationToken = default)
    {
        ClosedByClient = true;
        _open = false;
        _inbound.Writer.TryComplete();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(CloseAsync());

    private sealed record Inbound(byte[]? Payload, bool IsText, Exception? Error);
}
