using System.Net.WebSockets;
using System.Threading.Channels;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>One simulated client connection: frames queued by the market, written by one loop, requests read by another.</summary>
internal abstract class SimSession
{
    private const string DropMarker = "\u0000drop";
    private readonly Channel<string> _out = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    protected SimSession(WebSocket socket, SimMarkets markets)
    {
        Socket = socket;
        Markets = markets;
    }

    protected WebSocket Socket { get; }

    protected SimMarkets Markets { get; }

    /// <summary>Queues a frame (in order; callers hold the market lock when order matters).</summary>
    public void Send(string text) => _out.Writer.TryWrite(text);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var writer = WriteLoopAsync(cancellationToken);
        try
        {
            while (await Socket.ReceiveTextAsync(cancellationToken).ConfigureAwait(false) is { } text)
            {
                Handle(text);
            }
        }
        finally
        {
            _out.Writer.TryComplete();
            Markets.Remove(this);
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Drops the connection. A WebSocket abort alone does not reliably reset the TCP connection,
    /// so the writer sends a close frame (1001 going away) after what is queued and stops serving.
    /// </summary>
    public void Drop() => _out.Writer.TryWrite(DropMarker);

    /// <summary>Handles one client request.</summary>
    protected abstract void Handle(string text);

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var text in _out.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (Socket.State != WebSocketState.Open)
            {
                return;
            }

            if (ReferenceEquals(text, DropMarker))
            {
                Markets.Remove(this);
                await Socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "simulated drop", cancellationToken).ConfigureAwait(false);
                Socket.Abort();
                return;
            }

            await Socket.SendTextAsync(text, cancellationToken).ConfigureAwait(false);
        }
    }
}
