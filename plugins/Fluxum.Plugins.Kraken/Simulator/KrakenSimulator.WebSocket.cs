using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>WebSocket v2 requests: subscribe/unsubscribe with per-symbol acks (and error acks), ping.</summary>
internal sealed partial class KrakenSimulator
{
    public override async Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken)
    {
        var client = new SimClient(socket, (request.Path.Value ?? "/").StartsWith("/auth", StringComparison.Ordinal));
        _clients[client] = 0;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, client.Drop.Token);
        cancellationToken = linked.Token;
        using var loadStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await client.SendAsync(SimMessages.Status((ulong)Interlocked.Increment(ref _connectionIds)), Options.Time.GetUtcNow(), cancellationToken);
            while (await socket.ReceiveTextAsync(cancellationToken) is { } text)
            {
                var now = Options.Time.GetUtcNow();
                client.LastRequest = now;
                await client.SendAsync(() => Answer(client, text, now), now, cancellationToken);
                StartLoadIfSubscribed(client, loadStop.Token);
            }
        }
        finally
        {
            _clients.TryRemove(client, out _);
            await loadStop.CancelAsync();
            if (client.LoadLoop is { } load)
            {
                await load.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private List<byte[]> Answer(SimClient client, string text, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return [SimMessages.ErrorAck("unknown", null, null, $"EGeneral:Invalid arguments: {e.Message}", now)];
        }

        using (document)
        {
            var root = document.RootElement;
            var method = root.TryGetProperty("method", out var m) ? m.GetString() : null;
            long? reqId = root.TryGetProperty("req_id", out var r) && r.TryGetInt64(out var id) ? id : null;
            var parameters = root.TryGetProperty("params", out var p) ? p : default;
            return method switch
            {
                "ping" => [SimMessages.Pong(reqId, now)],
                "subscribe" or "unsubscribe" when parameters.ValueKind == JsonValueKind.Object => Subscription(client, method, parameters, reqId, now),
                "subscribe" or "unsubscribe" => [SimMessages.ErrorAck(method, reqId, null, "EGeneral:Invalid arguments: params is required", now)],
                _ => [SimMessages.ErrorAck(method ?? "unknown", reqId, null, "Method not found", now)],
            };
        }
    }

    private List<byte[]> Subscription(SimClient client, string method, JsonElement parameters, long? reqId, DateTimeOffset now)
    {
        var subscribe = method == "subscribe";
        var channel = parameters.TryGetProperty("channel", out var c) ? c.GetString() : null;
        var replies = new List<byte[]>();
        switch (channel)
        {
            case "instrument":
                replies.Add(SimMessages.Ack(method, reqId, now, w => { w.WriteString("channel", "instrument"); w.WriteBoolean("snapshot", true); }));
                if (subscribe)
                {
                    replies.Add(SimMessages.Instruments(_pairs.Values));
                }

                return replies;
            case "balances":
                return Balances(client, method, parameters, reqId, now);
            case "book" or "ticker" or "trade" or "ohlc":
                break;
            default:
                return [SimMessages.ErrorAck(method, reqId, null, $"Channel {channel ?? "(missing)"} not found", now)];
        }

        var depth = parameters.TryGetProperty("depth", out var d) && d.TryGetInt32(out var dv) ? dv : KrakenChannels.DefaultBookDepth;
        var interval = parameters.TryGetProperty("interval", out var i) && i.TryGetInt32(out var iv) ? iv : (int?)null;
        var symbols = parameters.TryGetProperty("symbol", out var s) && s.ValueKind == JsonValueKind.Array
            ? [.. s.EnumerateArray().Select(e => e.GetString() ?? string.Empty)]
            : Array.Empty<string>();
        if (symbols.Length == 0)
        {
            return [SimMessages.ErrorAck(method, reqId, null, "EGeneral:Invalid arguments: symbol is required", now)];
        }

        foreach (var name in symbols)
        {
            string? error = null;
            SimPair? pair = null;
            if (!Symbol.TryParse(name, out var symbol) || !_pairs.TryGetValue(symbol, out pair))
            {
                error = $"Currency pair not supported {name}";
            }
            else if (channel == "book" && !KrakenChannels.BookDepths.Contains(depth))
            {
                error = $"EGeneral:Invalid arguments:depth must be one of {string.Join(", ", KrakenChannels.BookDepths)}";
            }
            else if (channel == "ohlc" && (interval is not { } minutes || !KrakenChannels.OhlcMinutes.Contains(minutes)))
            {
                error = $"EGeneral:Invalid arguments:interval must be one of {string.Join(", ", KrakenChannels.OhlcMinutes)}";
            }

            if (error is not null)
            {
                replies.Add(SimMessages.ErrorAck(method, reqId, name, error, now));
                continue;
            }

            replies.Add(SimMessages.Ack(method, reqId, now, w =>
            {
                w.WriteString("channel", channel);
                if (channel == "book")
                {
                    w.WriteNumber("depth", depth);
                }

                if (channel == "ohlc")
                {
                    w.WriteNumber("interval", interval!.Value);
                }

                if (subscribe)
                {
                    w.WriteBoolean("snapshot", channel != "trade");
                }

                w.WriteString("symbol", name);
            }));
            lock (_marketGate)
            {
                lock (client.Gate)
                {
                    if (Apply(client, subscribe, channel!, pair!, depth, interval, now) is { } snapshot)
                    {
                        replies.Add(snapshot);
                    }
                }
            }
        }

        return replies;
    }

    private byte[]? Apply(SimClient client, bool subscribe, string channel, SimPair pair, int depth, int? interval, DateTimeOffset now)
    {
        var symbol = pair.Symbol;
        switch (channel)
        {
            case "book" when subscribe && Options.Load is not null:
                return LoadBookSubscribed(client, symbol, depth, now);
            case "book" when subscribe:
                var mirror = Top(pair.Market.Book, depth);
                client.Books[symbol] = mirror;
                return SimMessages.Book(pair, true, mirror, null, _checksum.Compute(mirror.View, default, default), now);
            case "book":
                client.Books.Remove(symbol);
                return null;
            case "ticker" when subscribe:
                client.Tickers.Add(symbol);
                if (Options.Load is not null)
                {
                    LoadStreamSubscribed(client, symbol);
                }

                return SimMessages.Ticker(pair, true, now);
            case "ticker":
                client.Tickers.Remove(symbol);
                return null;
            case "trade" when subscribe:
                client.Trades.Add(symbol);
                if (Options.Load is not null)
                {
                    LoadStreamSubscribed(client, symbol);
                }

                return null;
            case "trade":
                client.Trades.Remove(symbol);
                return null;
            case "ohlc" when subscribe:
                client.Candles.Add((symbol, interval!.Value));
                var candle = pair.Candles[interval.Value].Current
                    ?? new SimulatedCandle(pair.Candles[interval.Value].IntervalStart(now), TimeSpan.FromMinutes(interval.Value), pair.Market.LastPrice, pair.Market.LastPrice, pair.Market.LastPrice, pair.Market.LastPrice, 0m, 0m, 0);
                return SimMessages.Candle(pair, interval.Value, candle, true, now);
            default:
                client.Candles.Remove((symbol, interval ?? 0));
                return null;
        }
    }
}
