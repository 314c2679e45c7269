using System.Net.WebSockets;
using System.Threading.Channels;
using Fluxum.Sdk;

namespace Fluxum.Plugins.Coinbase.Simulator;

/// <summary>One client of the simulator: its subscriptions, its sequence_num counter and its outbound queue.</summary>
internal sealed class SimConnection(WebSocket socket)
{
    private const int MaxQueuedFrames = 4096;
    private readonly Channel<byte[]> _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxQueuedFrames) { SingleReader = true });
    private readonly Lock _gate = new();
    private long _sequence;
    private bool _skipNext;

    public Dictionary<string, HashSet<Symbol>> Channels { get; } = new(StringComparer.Ordinal)
    {
        ["level2"] = [],
        ["market_trades"] = [],
        ["ticker"] = [],
        ["candles"] = [],
    };

    public bool Heartbeats { get; set; }

    public bool Status { get; set; }

    public bool Subscribed { get; set; }

    public long HeartbeatCounter { get; set; }

    public bool Wants(string channel, Symbol symbol)
    {
        lock (_gate)
        {
            return Channels[channel].Contains(symbol);
        }
    }

    public Lock Gate => _gate;

    /// <summary>Sends a message built with this connection's next sequence_num (one more skipped after a SkipSequence fault).</summary>
    public void Send(Func<long, byte[]> build)
    {
        lock (_gate)
        {
            if (_skipNext)
            {
                _sequence++;
                _skipNext = false;
            }

            var frame = build(_sequence++);
            if (!_outbound.Writer.TryWrite(frame))
            {
                socket.Abort();
            }
        }
    }

    /// <summary>Sends raw bytes (an error, a broken frame), outside the sequence.</summary>
    public void SendRaw(byte[] frame)
    {
        if (!_outbound.Writer.TryWrite(frame))
        {
            socket.Abort();
        }
    }

    public void SkipSequence()
    {
        lock (_gate)
        {
            _skipNext = true;
        }
    }

    public void Abort() => socket.Abort();

    public void Complete() => _outbound.Writer.TryComplete();

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        await foreach (var frame in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
    }
}
