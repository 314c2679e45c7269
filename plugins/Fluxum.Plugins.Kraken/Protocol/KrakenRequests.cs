using System.Buffers;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>Encodes v2 requests: <c>{"method":..,"params":{"channel":..,"symbol":[..],..},"req_id":n}</c>.</summary>
internal static class KrakenRequests
{
    public static byte[] Subscription(string method, MarketChannel channel, IReadOnlyList<Symbol> symbols, long requestId, string? token = null) =>
        Write(w =>
        {
            w.WriteString("method", method);
            w.WriteStartObject("params");
            w.WriteString("channel", KrakenChannels.Name(channel));
            if (channel.Kind != ChannelKind.Ledger)
            {
                w.WriteStartArray("symbol");
                foreach (var symbol in symbols)
                {
                    w.WriteStringValue(symbol.ToString());
                }

                w.WriteEndArray();
            }

            switch (channel)
            {
                case { Kind: ChannelKind.Book } book:
                    w.WriteNumber("depth", book.Depth ?? KrakenChannels.DefaultBookDepth);
                    break;
                case { Kind: ChannelKind.Ohlc } ohlc:
                    w.WriteNumber("interval", (int)ohlc.Interval.TotalMinutes);
                    break;
            }

            if (token is not null)
            {
                w.WriteString("token", token);
            }

            w.WriteEndObject();
            w.WriteNumber("req_id", requestId);
        });

    public static byte[] Instrument(long requestId) => Write(w =>
    {
        w.WriteString("method", "subscribe");
        w.WriteStartObject("params");
        w.WriteString("channel", "instrument");
        w.WriteEndObject();
        w.WriteNumber("req_id", requestId);
    });

    public static byte[] Ping(long requestId) => Write(w =>
    {
        w.WriteString("method", "ping");
        w.WriteNumber("req_id", requestId);
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
