using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>The private side: REST Ledgers/QueryLedgers and the authenticated balances channel.</summary>
internal sealed partial class KrakenSimulator
{
    private object Ledgers(Dictionary<string, string> fields)
    {
        HashSet<string>? assets = null;
        if (fields.TryGetValue("asset", out var assetList) && assetList is { Length: > 0 } && assetList != "all")
        {
            assets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in assetList.Split(','))
            {
                assets.Add(RestAssetId(name.Trim()));
            }
        }

        decimal? start = fields.TryGetValue("start", out var s) && decimal.TryParse(s, CultureInfo.InvariantCulture, out var sv) ? sv : null;
        decimal? end = fields.TryGetValue("end", out var e) && decimal.TryParse(e, CultureInfo.InvariantCulture, out var ev) ? ev : null;
        var offset = fields.TryGetValue("ofs", out var o) && int.TryParse(o, CultureInfo.InvariantCulture, out var ov) ? Math.Max(0, ov) : 0;
        var matching = _ledger.Query(assets, fields.GetValueOrDefault("type"), start, end);
        var page = matching.Skip(offset).Take(50).ToDictionary(x => x.Id, x => (object)Row(x));
        return Ok(new Dictionary<string, object> { ["ledger"] = page, ["count"] = matching.Count });
    }

    private object QueryLedgers(Dictionary<string, string> fields)
    {
        if (!fields.TryGetValue("id", out var ids) || ids.Length == 0)
        {
            return Error("EGeneral:Invalid arguments:id");
        }

        var result = new Dictionary<string, object>();
        foreach (var id in ids.Split(',').Take(20))
        {
            if (_ledger.Find(id) is { } entry)
            {
                result[entry.Id] = Row(entry);
            }
        }

        return Ok(result);
    }

    private static Dictionary<string, object> Row(SimLedgerEntry e)
    {
        var decimals = e.Asset == "ZUSD" ? 4 : 10;
        return new()
        {
            ["refid"] = e.RefId,
            ["time"] = e.Time,
            ["type"] = e.Type,
            ["subtype"] = "",
            ["aclass"] = "currency",
            ["asset"] = e.Asset,
            ["amount"] = e.Amount.ToString("F" + decimals, CultureInfo.InvariantCulture),
            ["fee"] = e.Fee.ToString("F" + decimals, CultureInfo.InvariantCulture),
            ["balance"] = e.Balance.ToString("F" + decimals, CultureInfo.InvariantCulture),
        };
    }

    private string RestAssetId(string name)
    {
        foreach (var pair in _pairs.Values)
        {
            if (name == pair.RestBase || name == SimPair.AltAsset(pair.Symbol.Base) || name == pair.Symbol.Base)
            {
                return pair.RestBase;
            }

            if (name == pair.RestQuote || name == SimPair.AltAsset(pair.Symbol.Quote) || name == pair.Symbol.Quote)
            {
                return pair.RestQuote;
            }
        }

        return name;
    }

    private List<byte[]> Balances(SimClient client, string method, JsonElement parameters, long? reqId, DateTimeOffset now)
    {
        var token = parameters.TryGetProperty("token", out var t) ? t.GetString() : null;
        if (!client.IsAuthenticated)
        {
            return [SimMessages.ErrorAck(method, reqId, null, "EGeneral:Permission denied: balances needs the authenticated endpoint", now)];
        }

        if (token is null || !_tokens.ContainsKey(token))
        {
            return [SimMessages.ErrorAck(method, reqId, null, "EAccount:Invalid token", now)];
        }

        lock (client.Gate)
        {
            client.Balances = method == "subscribe";
        }

        var ack = SimMessages.Ack(method, reqId, now, w => { w.WriteString("channel", "balances"); w.WriteBoolean("snapshot", true); });
        return method == "subscribe" ? [ack, BalancesSnapshot()] : [ack];
    }

    private byte[] BalancesSnapshot() => SimJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("channel", "balances");
        w.WriteString("type", "snapshot");
        w.WriteStartArray("data");
        foreach (var (asset, balance) in _ledger.Balances)
        {
            var code = asset switch { "XXBT" => "BTC", "XETH" => "ETH", "ZUSD" => "USD", _ => asset };
            w.WriteStartObject();
            w.WriteString("asset", code);
            w.WriteString("asset_class", "currency");
            w.WriteNumber("balance", balance);
            w.WriteStartArray("wallets");
            w.WriteStartObject();
            w.WriteString("type", "spot");
            w.WriteString("id", "main");
            w.WriteNumber("balance", balance);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("sequence", 1);
        w.WriteEndObject();
    });

    /// <summary>A balances update for one new ledger entry, as the authenticated channel sends it.</summary>
    private byte[] BalancesUpdate(SimLedgerEntry entry, long sequence) => SimJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("channel", "balances");
        w.WriteString("type", "update");
        w.WriteStartArray("data");
        w.WriteStartObject();
        w.WriteString("ledger_id", entry.Id);
        w.WriteString("ref_id", entry.RefId);
        w.WriteString("timestamp", DateTimeOffset.FromUnixTimeMilliseconds((long)(entry.Time * 1000m)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("type", entry.Type);
        w.WriteString("asset", entry.Asset switch { "XXBT" => "BTC", "XETH" => "ETH", "ZUSD" => "USD", _ => entry.Asset });
        w.WriteString("asset_class", "currency");
        w.WriteString("category", entry.Type);
        w.WriteString("wallet_type", "spot");
        w.WriteString("wallet_id", "main");
        w.WriteNumber("amount", entry.Amount);
        w.WriteNumber("fee", entry.Fee);
        w.WriteNumber("balance", entry.Balance);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteNumber("sequence", sequence);
        w.WriteEndObject();
    });

    private static bool IsOpen(WebSocket socket) => socket.State == WebSocketState.Open;
}
