using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>Ticker, trade and ohlc messages: one event per element of <c>data</c>.</summary>
internal sealed partial class KrakenDecoder
{
    private void DecodeTickers(ref Utf8JsonReader reader, DateTimeOffset receivedAt, IFrameSink sink, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            sink.Malformed("ticker 'data' is not an array", frame);
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var f = default(Fields);
            if (!ReadFields(ref reader, ref f) || !f.HasSymbol || f.Bid is not { } bid || f.BidQty is not { } bidQty || f.Ask is not { } ask || f.AskQty is not { } askQty)
            {
                sink.Malformed("ticker needs symbol, bid, bid_qty, ask and ask_qty as numbers", frame);
                return;
            }

            sink.Publish(new Ticker
            {
                Venue = _venue,
                Symbol = f.Symbol,
                Bid = bid,
                BidSize = bidQty,
                Ask = ask,
                AskSize = askQty,
                Last = f.Last,
                ExchangeTime = f.Time,
                ReceivedAt = receivedAt,
                Extras = new TickerExtras
                {
                    Volume24h = f.Volume,
                    Vwap24h = f.Vwap,
                    High24h = f.High,
                    Low24h = f.Low,
                    Change24h = f.Change,
                    ChangePercent24h = f.ChangePct,
                    Open24h = f.Last is { } l && f.Change is { } c ? l - c : null,
                },
            });
        }
    }

    private void DecodeTrades(ref Utf8JsonReader reader, DateTimeOffset receivedAt, IFrameSink sink, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            sink.Malformed("trade 'data' is not an array", frame);
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var f = default(Fields);
            if (!ReadFields(ref reader, ref f) || !f.HasSymbol || f.Price is not { } price || f.Qty is not { } qty || f.Side is not { } side)
            {
                sink.Malformed("trade needs symbol, side, price and qty", frame);
                return;
            }

            sink.Publish(new Trade
            {
                Venue = _venue,
                Symbol = f.Symbol,
                Price = price,
                Size = qty,
                TakerSide = side,
                TradeId = f.TradeId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ExchangeTime = f.Time,
                ReceivedAt = receivedAt,
            });
        }
    }

    private void DecodeCandles(ref Utf8JsonReader reader, DateTimeOffset receivedAt, IFrameSink sink, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            sink.Malformed("ohlc 'data' is not an array", frame);
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var f = default(Fields);
            if (!ReadFields(ref reader, ref f) || !f.HasSymbol || f.Open is not { } open || f.High is not { } high || f.Low is not { } low
                || f.Close is not { } close || f.Volume is not { } volume || f.IntervalBegin is not { } begin || f.Interval is not { } minutes)
            {
                sink.Malformed("ohlc needs symbol, open, high, low, close, volume, interval_begin and interval, and a whole non-negative 'trades'", frame);
                return;
            }

            if (!KrakenChannels.OhlcMinutes.Contains(minutes))
            {
                sink.Malformed(Describe("ohlc 'interval' {0} is not one of Kraken's intervals ({1} minutes)", minutes, string.Join(", ", KrakenChannels.OhlcMinutes)), frame);
                return;
            }

            var interval = TimeSpan.FromMinutes(minutes);
            if (begin > DateTimeOffset.MaxValue - interval)
            {
                sink.Malformed("ohlc 'interval_begin' is too late for its interval to end", frame);
                return;
            }

            sink.Publish(new Ohlc
            {
                Venue = _venue,
                Symbol = f.Symbol,
                Interval = interval,
                Start = begin,
                Open = open,
                High = high,
                Low = low,
                Close = close,
                Volume = volume,
                Vwap = f.Vwap,
                TradeCount = f.Trades,
                IsClosed = begin + interval <= receivedAt,
                ExchangeTime = f.Time,
                ReceivedAt = receivedAt,
            });
        }
    }

    private bool ReadFields(ref Utf8JsonReader reader, ref Fields f)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var r = reader;
            reader.Read();
            if (r.ValueTextEquals("symbol"u8))
            {
                f.HasSymbol = TryReadSymbol(ref reader, out f.Symbol);
            }
            else if (r.ValueTextEquals("timestamp"u8))
            {
                f.Time = JsonValues.TryTimestamp(ref reader, out var t) ? t : null;
            }
            else if (r.ValueTextEquals("interval_begin"u8))
            {
                f.IntervalBegin = JsonValues.TryTimestamp(ref reader, out var t) ? t : null;
            }
            else if (r.ValueTextEquals("side"u8))
            {
                f.Side = reader.ValueTextEquals("buy"u8) ? Side.Buy : reader.ValueTextEquals("sell"u8) ? Side.Sell : null;
            }
            else if (r.ValueTextEquals("trade_id"u8))
            {
                f.TradeId = JsonValues.Long(ref reader);
            }
            else if (r.ValueTextEquals("interval"u8))
            {
                f.Interval = JsonValues.Int(ref reader);
            }
            else if (r.ValueTextEquals("trades"u8))
            {
                if (!JsonValues.TryCount(ref reader, out var n))
                {
                    return false;
                }

                f.Trades = n;
            }
            else if (reader.TokenType is JsonTokenType.Number)
            {
                if (!JsonValues.TryDecimal(ref reader, out var value))
                {
                    return false;
                }

                f.Set(ref r, value);
            }
            else
            {
                reader.Skip();
            }
        }

        return true;
    }

    /// <summary>The fields of a ticker, trade or candle element.</summary>
    private struct Fields
    {
        public Symbol Symbol;
        public bool HasSymbol;
        public DateTimeOffset? Time;
        public DateTimeOffset? IntervalBegin;
        public Side? Side;
        public long? TradeId;
        public int? Interval;
        public long? Trades;
        public decimal? Bid, BidQty, Ask, AskQty, Last, Volume, Vwap, Low, High, Change, ChangePct, Price, Qty, Open, Close;

        public void Set(ref Utf8JsonReader name, decimal value)
        {
            if (name.ValueTextEquals("bid"u8)) { Bid = value; }
            else if (name.ValueTextEquals("bid_qty"u8)) { BidQty = value; }
            else if (name.ValueTextEquals("ask"u8)) { Ask = value; }
            else if (name.ValueTextEquals("ask_qty"u8)) { AskQty = value; }
            else if (name.ValueTextEquals("last"u8)) { Last = value; }
            else if (name.ValueTextEquals("volume"u8)) { Volume = value; }
            else if (name.ValueTextEquals("vwap"u8)) { Vwap = value; }
            else if (name.ValueTextEquals("low"u8)) { Low = value; }
            else if (name.ValueTextEquals("high"u8)) { High = value; }
            else if (name.ValueTextEquals("change"u8)) { Change = value; }
            else if (name.ValueTextEquals("change_pct"u8)) { ChangePct = value; }
            else if (name.ValueTextEquals("price"u8)) { Price = value; }
            else if (name.ValueTextEquals("qty"u8)) { Qty = value; }
            else if (name.ValueTextEquals("open"u8)) { Open = value; }
            else if (name.ValueTextEquals("close"u8)) { Close = value; }
        }
    }
}
