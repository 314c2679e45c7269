using System.Net.WebSockets;
using System.Text;
using Fluxum.Sdk.Kit;

namespace Fluxum.Benchmarks.EndToEnd;

/// <summary>
/// The limit beside the full path: the same frames through a bare <see cref="ClientWebSocket"/> receive loop that
/// does nothing else but what measuring needs (find the frame's send stamp, read the clock, record the latency).
/// It sends Kraken's own subscribe requests, one per channel, as the plugin does.
/// </summary>
internal static class BareReceiveLoop
{
    public static async Task<EndToEndResult> RunAsync(LoadSimulator simulator, IReadOnlyList<string> symbols, int connections, TimeSpan idle)
    {
        var meter = new LoadMeter(simulator.Messages * connections);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(() => OneAsync(simulator, symbols, meter, idle)))).ConfigureAwait(false);
        return meter.Result("bare ClientWebSocket loop", simulator.Rate, connections);
    }

    /// <summary>Kraken v2 subscribe requests for a depth-10 book, trades and the ticker of <paramref name="symbols"/>.</summary>
    public static IEnumerable<string> Requests(IReadOnlyList<string> symbols)
    {
        var list = string.Join(",", symbols.Select(s => $"\"{s}\""));
        yield return $$$"""{"method":"subscribe","params":{"channel":"book","symbol":[{{{list}}}],"depth":10}}""";
        yield return $$$"""{"method":"subscribe","params":{"channel":"trade","symbol":[{{{list}}}]}}""";
        yield return $$$"""{"method":"subscribe","params":{"channel":"ticker","symbol":[{{{list}}}]}}""";
    }

    private static async Task OneAsync(LoadSimulator simulator, IReadOnlyList<string> symbols, LoadMeter meter, TimeSpan idle)
    {
        using var socket = new ClientWebSocket();
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(simulator.WebSocket, quiet.Token).ConfigureAwait(false);
        foreach (var request in Requests(symbols))
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, endOfMessage: true, quiet.Token).ConfigureAwait(false);
        }

        var histogram = meter.NewHistogram();
        var buffer = new byte[1 << 20];
        var mine = 0L;
        try
        {
            while (mine < simulator.Messages)
            {
                quiet.CancelAfter(idle + LoadSimulator.Settle);
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), quiet.Token).ConfigureAwait(false);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var frame = buffer.AsSpan(0, count);
                var at = frame.IndexOf("\"timestamp\":\""u8);
                if (at < 0 || frame.IndexOf("\"type\":\"update\""u8) < 0 || !Utf8Timestamp.TryParse(frame.Slice(at + 13, 27), out var stamp))
                {
                    continue; // acks, snapshots, status, heartbeats: not load frames
                }

                meter.Record(histogram, stamp);
                mine++;
            }
        }
        catch (OperationCanceledException) when (quiet.IsCancellationRequested)
        {
            // Nothing for the idle time: the rest was lost; the result says how much.
        }
    }
}
