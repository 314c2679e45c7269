using System.Text.Json;
using Fluxum.Plugins.Kraken.Ledger;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>
/// The authenticated <c>balances</c> channel. Updates are ledger transactions and become
/// <see cref="LedgerEntry"/> events. The snapshot holds balances, not transactions: each asset becomes an
/// entry of type <c>Other("balance")</c> with amount 0 and its balance, so a stream starts from known totals.
/// </summary>
internal sealed partial class KrakenDecoder
{
    private void DecodeBalances(ref Utf8JsonReader reader, bool snapshot, DateTimeOffset receivedAt, IFrameSink sink, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            sink.Malformed("balances 'data' is not an array", frame);
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? id = null, refId = null, type = null, subtype = null, asset = null;
            decimal? amount = null, fee = null, balance = null;
            DateTimeOffset? time = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "ledger_id": id = JsonValues.String(ref reader); break;
                    case "ref_id": refId = JsonValues.String(ref reader); break;
                    case "type": type = JsonValues.String(ref reader); break;
                    case "subtype": subtype = JsonValues.String(ref reader); break;
                    case "asset": asset = JsonValues.String(ref reader); break;
                    case "timestamp": time = JsonValues.TryTimestamp(ref reader, out var t) ? t : null; break;
                    case "amount": amount = JsonValues.TryDecimal(ref reader, out var a) ? a : null; break;
                    case "fee": fee = JsonValues.TryDecimal(ref reader, out var f) ? f : null; break;
                    case "balance": balance = JsonValues.TryDecimal(ref reader, out var b) ? b : null; break;
                    default: reader.Skip(); break;
                }
            }

            if (asset is null || balance is null)
            {
                sink.Malformed("balances element needs 'asset' and a numeric 'balance'", frame);
                return;
            }

            if (snapshot)
            {
                sink.Publish(new LedgerEntry
                {
                    Venue = _venue,
                    Id = $"snapshot:{asset}",
                    Type = LedgerEntryType.Other("balance"),
                    Asset = asset,
                    Amount = 0m,
                    Balance = balance,
                    Time = receivedAt,
                    ReceivedAt = receivedAt,
                });
                continue;
            }

            if (id is null || amount is null || time is null)
            {
                sink.Malformed("balances update needs 'ledger_id', numeric 'amount' and 'timestamp'", frame);
                return;
            }

            sink.Publish(new LedgerEntry
            {
                Venue = _venue,
                Id = id,
                Type = KrakenLedgerTypes.FromKraken(type),
                SubType = string.IsNullOrEmpty(subtype) ? null : subtype,
                Asset = asset,
                Amount = amount.Value,
                Fee = fee ?? 0m,
                Balance = balance,
                ReferenceId = refId,
                Time = time.Value,
                ExchangeTime = time,
                ReceivedAt = receivedAt,
            });
        }
    }
}
