using Fluxum.Sdk.Books;
using System.Text;
using System.Text.Json;
using Fluxum.Fuzz.Harness;
using Fluxum.Plugins.Gemini;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Fuzz.Streams;

/// <summary>
/// Gemini's new WebSocket API. There is no long recording of it, so the stream is the v2 recording's market
/// (same ten symbols, same book changes, same trades, same order) rewritten frame by frame into the new API's
/// wire format (gemini_ws_new.md §5.3, §5.4, §6.1, with <c>snapshot=-1</c>):
/// <list type="bullet">
/// <item>a symbol's first <c>l2_updates</c> (its whole book) becomes its snapshot <c>depthUpdate</c>, <c>U == u</c>,
/// levels with quantity &gt; 0, bids in <c>b</c> and asks in <c>a</c> as <c>[price, quantity]</c> strings;</item>
/// <item>every later <c>l2_updates</c> becomes a differential <c>depthUpdate</c> whose <c>U</c> is that symbol's previous
/// <c>u</c> (the overlap the probes saw on every frame) and whose <c>u</c> comes from one increasing id range shared
/// by all symbols;</item>
/// <item>each v2 <c>trade</c> becomes <c>{"E","s","t","p","q","m"}</c> (<c>m</c>, buyer is maker, when the taker sold);</item>
/// <item>v2 heartbeats are dropped (the new API has none); <c>E</c> is nanoseconds, 10 ms apart;</item>
/// <item>each loop, the acks of the subscribe requests the decoder actually sent (<c>{"id":N,"status":200}</c>) follow
/// the snapshots, as observed on the venue.</item>
/// </list>
/// </summary>
internal sealed class GeminiWsStream : FuzzStream
{
    private readonly List<byte[]> _frames = [];
    private readonly int _snapshotsEnd;

    public GeminiWsStream()
    {
        var lastU = new Dictionary<string, long>(StringComparer.Ordinal);
        var id = 1_764_527_605_190_000L;
        var eventTime = 1_624_493_666_000_000_000L;
        foreach (var v2 in Recording.Load(GeminiV2Stream.File))
        {
            using var doc = JsonDocument.Parse(v2);
            var root = doc.RootElement;
            var type = root.GetProperty("type").GetString();
            eventTime += 10_000_000;
            if (type == "l2_updates")
            {
                var symbol = root.GetProperty("symbol").GetString()!.ToLowerInvariant();
                id += 1 + (v2.Length % 7);
                var snapshot = !lastU.TryGetValue(symbol, out var first);
                _frames.Add(DepthUpdate(root, symbol, eventTime, snapshot ? id : first, id, snapshot));
                lastU[symbol] = id;
                if (snapshot && lastU.Count == GeminiSymbols.All.Length)
                {
                    _snapshotsEnd = _frames.Count;
                }
            }
            else if (type == "trade")
            {
                _frames.Add(Trade(root));
            }
        }
    }

    public override string Name => "gemini-ws";

    public override string Venue => GeminiPlugin.VenueName;

    public override IReadOnlyList<Symbol> Symbols => GeminiSymbols.Symbols;

    public override ValueTask<(IMarketDataProtocol Protocol, BookRules Rules)> CreateProtocolAsync(TimeProvider time, CancellationToken cancellationToken = default) =>
        GeminiSymbols.CreateAsync("ws", time, cancellationToken);

    /// <summary>A book whose subscription the decoder dropped (refused) gets no resync request sent, so no snapshot.</summary>
    public override bool AnswersResync(IMarketDataProtocol protocol, Symbol symbol) =>
        protocol is not Fluxum.Plugins.Gemini.Fast.GeminiWsProtocol ws || ws.WantsBook(symbol);

    public override byte[] SymbolText(Symbol symbol) => Encoding.UTF8.GetBytes($"\"s\":\"{GeminiSymbols.VenueSymbol(symbol)}\"");

    public override IReadOnlyList<byte[]> Loop(IReadOnlyList<ReadOnlyMemory<byte>> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var loop = new List<byte[]>(_frames.Count + requests.Count);
        loop.AddRange(_frames.Take(_snapshotsEnd));
        foreach (var request in requests)
        {
            using var doc = JsonDocument.Parse(request);
            if (doc.RootElement.TryGetProperty("id", out var requestId))
            {
                loop.Add(Encoding.UTF8.GetBytes($"{{\"id\":{requestId.GetInt64()},\"status\":200}}"));
            }
        }

        loop.AddRange(_frames.Skip(_snapshotsEnd));
        return loop;
    }

    private static byte[] DepthUpdate(JsonElement l2, string symbol, long eventTime, long first, long last, bool snapshot)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("e", "depthUpdate");
            w.WriteNumber("E", eventTime);
            w.WriteString("s", symbol);
            w.WriteNumber("U", first);
            w.WriteNumber("u", last);
            foreach (var (key, side) in new[] { ("b", "buy"), ("a", "sell") })
            {
                w.WriteStartArray(key);
                foreach (var change in l2.GetProperty("changes").EnumerateArray())
                {
                    var quantity = change[2].GetString()!;
                    if (change[0].GetString() == side && !(snapshot && decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture) == 0m))
                    {
                        w.WriteStartArray();
                        w.WriteStringValue(change[1].GetString());
                        w.WriteStringValue(quantity);
                        w.WriteEndArray();
                    }
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static byte[] Trade(JsonElement trade)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("E", trade.GetProperty("timestamp").GetInt64() * 1_000_000);
            w.WriteString("s", trade.GetProperty("symbol").GetString()!.ToLowerInvariant());
            w.WriteNumber("t", trade.GetProperty("event_id").GetInt64());
            w.WriteString("p", trade.GetProperty("price").GetString());
            w.WriteString("q", trade.GetProperty("quantity").GetString());
            w.WriteBoolean("m", trade.GetProperty("side").GetString() == "sell");
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
