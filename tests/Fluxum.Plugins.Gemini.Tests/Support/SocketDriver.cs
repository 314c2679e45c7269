using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Tests.Support;

/// <summary>
/// What the host will do, minus the host: a real <see cref="ClientWebSocket"/>, the plugin's protocol and
/// the SDK's <see cref="BookManager"/>, with reconnect + resubscribe and resyncs sent when the manager asks.
/// </summary>
internal sealed class SocketDriver : IAsyncDisposable
{
    private readonly IMarketDataProtocol _protocol;
    private readonly IReadOnlyList<Subscription> _subscriptions;
    private readonly CancellationTokenSource _stop = new();
    private Channel<ReadOnlyMemory<byte>> _outbox = Channel.CreateUnbounded<ReadOnlyMemory<byte>>();
    private Task? _run;

    public SocketDriver(IMarketDataProtocol protocol, params Subscription[] subscriptions)
    {
        _protocol = protocol;
        _subscriptions = subscriptions;
        Books = new BookManager(GeminiPlugin.VenueName, protocol.VenueBookRules());
        Sink = new CollectingSink(Books);
        foreach (var s in subscriptions.Where(s => s.Channel.Kind == ChannelKind.Book))
        {
            foreach (var symbol in s.Symbols)
            {
                Books.Track(symbol, null);
            }
        }

        Books.ResyncRequested += (symbol, _) =>
        {
            Interlocked.Increment(ref ResyncRequests);
            foreach (var message in _protocol.EncodeResync(symbol, MarketChannel.Book(null)))
            {
                _outbox.Writer.TryWrite(message);
            }
        };
    }

    public BookManager Books { get; }

    public CollectingSink Sink { get; }

    public int Connections;

    public int ResyncRequests;

    public List<string> Sent { get; } = [];

    public void Start() => _run = RunAsync(_stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ConnectionAsync(cancellationToken);
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }

            Books.MarkAllStale("connection lost");
            await Task.Delay(50, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ConnectionAsync(CancellationToken cancellationToken)
    {
        var endpoint = await _protocol.ResolveEndpointAsync(cancellationToken);
        using var socket = new ClientWebSocket();
        foreach (var (name, value) in endpoint.Headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        await socket.ConnectAsync(endpoint.Uri, cancellationToken);
        Interlocked.Increment(ref Connections);
        _outbox = Channel.CreateUnbounded<ReadOnlyMemory<byte>>();
        foreach (var message in _protocol.OnConnected())
        {
            _outbox.Writer.TryWrite(message);
        }

        foreach (var subscription in _subscriptions)
        {
            if (_protocol.CheckSubscription(subscription) is { } problem)
            {
                throw new InvalidOperationException(problem);
            }

            foreach (var message in _protocol.EncodeSubscribe(subscription))
            {
                _outbox.Writer.TryWrite(message);
            }
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sender = SendLoopAsync(socket, _outbox.Reader, linked.Token);
        try
        {
            await ReceiveLoopAsync(socket, cancellationToken);
        }
        finally
        {
            await linked.CancelAsync();
            await sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task SendLoopAsync(ClientWebSocket socket, ChannelReader<ReadOnlyMemory<byte>> outbox, CancellationToken cancellationToken)
    {
        await foreach (var message in outbox.ReadAllAsync(cancellationToken))
        {
            lock (Sent)
            {
                Sent.Add(System.Text.Encoding.UTF8.GetString(message.Span));
            }

            await socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken);
        }
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        while (socket.State == WebSocketState.Open)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(8192), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage);

            _protocol.Decode(buffer.WrittenSpan, DateTimeOffset.UtcNow, Sink);
        }
    }
}
