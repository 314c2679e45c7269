using System.Net.WebSockets;
using Fluxum.Sdk.Transport;

namespace Fluxum.Sdk.Testing.Transport;

/// <summary>
/// A scripted <see cref="IWebSocketTransport"/>: every connect either fails with a queued error or hands out a
/// <see cref="FakeWebSocketConnection"/> that the test feeds frames into and reads sent messages from.
/// Nothing touches the network. Thread-safe.
/// </summary>
public sealed class FakeWebSocketTransport : IWebSocketTransport
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<FakeWebSocketConnection> _connections = [];
    private readonly List<WebSocketEndpoint> _attempts = [];
    private readonly Queue<Exception> _failures = new();
    private readonly List<(int Count, TaskCompletionSource<FakeWebSocketConnection> Signal)> _waiters = [];

    /// <summary>Creates a transport; <paramref name="time"/> stamps received frames (default: system clock).</summary>
    public FakeWebSocketTransport(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The <see cref="FakeWebSocketConnection.Responder"/> every new connection starts with.</summary>
    public Func<string, IEnumerable<string>?>? Responder { get; set; }

    /// <summary>Every connection handed out so far, oldest first.</summary>
    public IReadOnlyList<FakeWebSocketConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Every endpoint a connect was attempted to, including failed attempts.</summary>
    public IReadOnlyList<WebSocketEndpoint> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>The newest connection; throws when none was opened yet.</summary>
    public FakeWebSocketConnection Current
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count > 0 ? _connections[^1] : throw new InvalidOperationException("No connection has been opened yet.");
            }
        }
    }

    /// <summary>Makes the next connect attempt fail with <paramref name="error"/> (default: a refused connection). Queued in order.</summary>
    public void FailNextConnect(Exception? error = null)
    {
        lock (_gate)
        {
            _failures.Enqueue(error ?? new WebSocketException(WebSocketError.Faulted, "fake transport: connection refused"));
        }
    }

    /// <summary>Completes when the <paramref name="count"/>-th connection (1-based) has been opened, returning it.</summary>
    public Task<FakeWebSocketConnection> WaitForConnectionAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            if (_connections.Count >= count)
            {
                return Task.FromResult(_connections[count - 1]);
            }

            var signal = new TaskCompletionSource<FakeWebSocketConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<IWebSocketConnection> ConnectAsync(WebSocketEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        cancellationToken.ThrowIfCancellationRequested();
        FakeWebSocketConnection connection;
        List<TaskCompletionSource<FakeWebSocketConnection>> ready = [];
        lock (_gate)
        {
            _attempts.Add(endpoint);
            if (_failures.TryDequeue(out var error))
            {
                return Task.FromException<IWebSocketConnection>(error);
            }

            connection = new FakeWebSocketConnection(endpoint, _time) { Responder = Responder };
            _connections.Add(connection);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count == _connections.Count)
                {
                    ready.Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var signal in ready)
        {
            signal.TrySetResult(connection);
        }

        return Task.FromResult<IWebSocketConnection>(connection);
    }
}
