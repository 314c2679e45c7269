using System.Net.WebSockets;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Tests.Support;

/// <summary>
/// The host's path without the host: a real ClientWebSocket, the plugin's protocol and the SDK's
/// BookManager. Resync requests are answered with the protocol's EncodeResync, as the host will.
/// </summary>
internal sealed class SocketHarness : IAsyncDisposable
{
    private readonly IMarketDataProtocol _protocol;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<Symbol, MarketChannel> _bookChannels = [];
    private ClientWebSocket? _socket;
    private Task? _receive;

    public SocketHarness(IMarketDataProtocol protocol, BookManager? books = null)
    {
        _protocol = protocol;
        Books = books ?? new BookManager("kraken", protocol.VenueBookRules());
        Sink = new CollectingSink(Books);
        Books.Quality += e => Sink.Publish(e);
        Books.ResyncRequested += (symbol, reason) => { _ = ResyncAsync(symbol); };
    }

    public BookManager Books { get; }

    public CollectingSink Sink { get; }

    public async Task ConnectAsync()
    {
        var endpoint = await _protocol.ResolveEndpointAsync(_stop.Token);
        _socket = new ClientWebSocket();
        await _socket.ConnectAsync(endpoint.Uri, _stop.Token);
        foreach (var message in _protocol.OnConnected())
        {
            await SendAsync(message);
        }

        var socket = _socket;
        _receive = Task.Run(() => ReceiveAsync(socket));
    }

    public async Task SubscribeAsync(Subscription subscription)
    {
        Assert.Null(_protocol.CheckSubscription(subscription));
        if (subscription.Channel.Kind == ChannelKind.Book)
        {
            foreach (var symbol in subscription.Symbols)
            {
                _bookChannels[symbol] = subscription.Channel;
                Books.Track(symbol, subscription.Channel.Depth);
            }
        }

        foreach (var message in _protocol.EncodeSubscribe(subscription))
        {
            await SendAsync(message);
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"timed out waiting for: {what}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public Task Closed => _receive ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket?.Abort();
        if (_receive is not null)
        {
            await _receive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _socket?.Dispose();
        _stop.Dispose();
    }

    private async Task ResyncAsync(Symbol symbol)
    {
        if (_bookChannels.TryGetValue(symbol, out var channel))
        {
            foreach (var message in _protocol.EncodeResync(symbol, channel))
            {
                await SendAsync(message);
            }
        }
    }

    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private async Task SendAsync(ReadOnlyMemory<byte> message)
    {
        await _sendLock.WaitAsync(_stop.Token);
        try
        {
            await _socket!.SendAsync(message, WebSocketMessageType.Text, true, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 16];
        var length = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                length += result.Count;
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                if (result.EndOfMessage)
                {
                    _protocol.Decode(buffer.AsSpan(0, length), DateTimeOffset.UtcNow, Sink);
                    length = 0;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            Sink.Publish(new VenueError { Venue = "kraken", Message = "connection closed: " + e.Message, ReceivedAt = DateTimeOffset.UtcNow });
        }
    }
}
