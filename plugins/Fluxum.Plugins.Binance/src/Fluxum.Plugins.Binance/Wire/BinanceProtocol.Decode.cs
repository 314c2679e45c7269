using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using static Fluxum.Sdk.Kit.JsonFrame;

namespace Fluxum.Plugins.Binance.Wire;

/// <summary>Decoding: combined-stream wrappers, raw payloads, and the answers to SUBSCRIBE/UNSUBSCRIBE.</summary>
internal sealed partial class BinanceProtocol
{
    private enum EventKind
    {
        None,
        DepthUpdate,
        Trade,
        Kline,
        Ticker24h,
        ServerShutdown,
        Unknown,
    }

    void IGuardedDecoder.Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, ref FrameAttribution attribution)
    {
        ExpireUnanswered(receivedAt, sink);
        if (TryScanDepthUpdate(frame, receivedAt, sink, ref attribution))
        {
            return;
        }

        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 16 });
        Expect(ref reader, JsonTokenType.StartObject);
        var payload = new Payload();
        var answer = new Answer();
        var wrapped = false;
        _levels.Clear();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("stream"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                payload.IsBookStream = reader.ValueSpan.IndexOf("@depth"u8) >= 0;
                attribution = payload.IsBookStream ? FrameAttribution.Unattributed : FrameAttribution.Other;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                Expect(ref reader, JsonTokenType.StartObject);
                wrapped = true;
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    ReadField(ref reader, ref payload, ref attribution);
                }

                if (reader.TokenType != JsonTokenType.EndObject)
                {
                    throw new JsonException("the data object is not closed");
                }
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                attribution = FrameAttribution.Other;
                reader.Read();
                answer.HasResult = true;
                answer.ResultIsNull = reader.TokenType == JsonTokenType.Null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                attribution = FrameAttribution.Other;
                answer.Id = ReadId(ref reader);
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                attribution = FrameAttribution.Other;
                Expect(ref reader, JsonTokenType.Number);
                answer.Code = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("msg"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                answer.Message = reader.GetString();
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                // The WebSocket API's error shape {"error":{"code":..,"msg":..},"id":..}, accepted too.
                attribution = FrameAttribution.Other;
                Expect(ref reader, JsonTokenType.StartObject);
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("code"u8))
                    {
                        Expect(ref reader, JsonTokenType.Number);
                        answer.Code = reader.GetInt64();
                    }
                    else if (reader.ValueTextEquals("msg"u8))
                    {
                        Expect(ref reader, JsonTokenType.String);
                        answer.Message = reader.GetString();
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                ReadField(ref reader, ref payload, ref attribution);
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("the message is not closed");
        }

        if (wrapped || payload.Event != EventKind.None || payload.HasUpdateId)
        {
            Dispatch(ref payload, frame, receivedAt, sink);
        }
        else if (answer.HasResult || answer.Code is not null)
        {
            Answered(answer, receivedAt, sink);
        }
        else
        {
            throw new JsonException("neither a stream payload nor an answer");
        }
    }

    private static long? ReadId(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetInt64(),
            JsonTokenType.String => long.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null,
            JsonTokenType.Null => null,
            _ => throw new JsonException("the id is neither a number, a string nor null"),
        };
    }

    private static EventKind ReadEvent(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        return reader.ValueTextEquals("depthUpdate"u8) ? EventKind.DepthUpdate
            : reader.ValueTextEquals("trade"u8) ? EventKind.Trade
            : reader.ValueTextEquals("kline"u8) ? EventKind.Kline
            : reader.ValueTextEquals("24hrTicker"u8) ? EventKind.Ticker24h
            : reader.ValueTextEquals("serverShutdown"u8) ? EventKind.ServerShutdown
            : EventKind.Unknown;
    }

    private Symbol ReadSymbol(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        var name = reader.HasValueSequence || reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        return _symbols.TryGetSymbol(name, out var symbol) ? symbol : throw new JsonException($"unknown symbol '{Encoding.UTF8.GetString(name)}'");
    }

    /// <summary>One payload field; single-letter names as web-socket-streams.md documents them (their meaning varies by event).</summary>
    private void ReadField(ref Utf8JsonReader reader, ref Payload p, ref FrameAttribution attribution)
    {
        var name = reader.ValueSpan;
        if (name.Length != 1 || reader.ValueIsEscaped)
        {
            reader.Read();
            reader.Skip();
            return;
        }

        switch ((char)name[0])
        {
            case 'e':
                p.Event = ReadEvent(ref reader);
                if (p.Event == EventKind.DepthUpdate)
                {
                    p.IsBookStream = true;
                    attribution = p.Symbol.IsEmpty ? FrameAttribution.Unattributed : FrameAttribution.Book(p.Symbol);
                }
                else if (!p.IsBookStream)
                {
                    attribution = FrameAttribution.Other;
                }

                break;
            case 'E': p.EventTime = ReadUnixMilliseconds(ref reader); break;
            case 's':
                p.Symbol = ReadSymbol(ref reader);
                if (p.IsBookStream)
                {
                    attribution = FrameAttribution.Book(p.Symbol);
                }

                break;
            case 'U': p.FirstId = ReadInt64(ref reader); break;
            case 'u': p.LastId = ReadInt64(ref reader); p.HasUpdateId = true; break;
            case 'b': ReadPriceOrLevels(ref reader, BookSide.Bid, ref p.Bid); break;
            case 'a': ReadPriceOrLevels(ref reader, BookSide.Ask, ref p.Ask); break;
            case 'B': p.BidSize = ReadDecimalString(ref reader); break;
            case 'A': p.AskSize = ReadDecimalString(ref reader); break;
            case 't': p.TradeId = ReadInt64(ref reader); break;
            case 'T': p.TradeTime = ReadUnixMilliseconds(ref reader); break;
            case 'p': p.Price = ReadDecimalString(ref reader); break;
            case 'q': p.Quantity = ReadDecimalString(ref reader); break;
            case 'm':
                reader.Read();
                p.BuyerIsMaker = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw new JsonException("m is not a boolean"),
                };
                break;
            case 'c': p.Close = ReadDecimalString(ref reader); break;
            case 'Q': p.LastQuantity = ReadDecimalString(ref reader); break;
            case 'o': p.Open = ReadDecimalString(ref reader); break;
            case 'h': p.High = ReadDecimalString(ref reader); break;
            case 'l': p.Low = ReadDecimalString(ref reader); break;
            case 'v': p.Volume = ReadDecimalString(ref reader); break;
            case 'w': p.Vwap = ReadDecimalString(ref reader); break;
            case 'P': p.ChangePercent = ReadDecimalString(ref reader); break;
            case 'n': p.Count = ReadInt64(ref reader); break;
            case 'k':
                Expect(ref reader, JsonTokenType.StartObject);
                ReadKline(ref reader, ref p);
                break;
            default:
                reader.Read();
                reader.Skip();
                break;
        }
    }

    private void ReadPriceOrLevels(ref Utf8JsonReader reader, BookSide side, ref decimal price)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            var error = Utf8Decimal.Read(ref reader, out price);
            if (error != DecimalParseError.None)
            {
                throw new FormatException(Utf8Decimal.Describe(error));
            }

            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"{(side == BookSide.Bid ? 'b' : 'a')} is neither a price nor a list of levels");
        }

        while (Next(ref reader) == JsonTokenType.StartArray)
        {
            var levelPrice = ReadDecimalString(ref reader);
            var size = ReadDecimalString(ref reader);
            Expect(ref reader, JsonTokenType.EndArray);
            _levels.Add(new LevelChange(side, levelPrice, size));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("a level is not a [price, quantity] pair");
        }
    }

    private static void ReadKline(ref Utf8JsonReader reader, ref Payload p)
    {
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            var key = name.Length == 1 && !reader.ValueIsEscaped ? (char)name[0] : '\0';
            switch (key)
            {
                case 't': p.KlineStart = ReadUnixMilliseconds(ref reader); break;
                case 'i':
                    Expect(ref reader, JsonTokenType.String);
                    p.KlineInterval = BinanceStreams.TryParseInterval(reader.ValueSpan, out var interval) ? interval : throw new JsonException("unknown kline interval");
                    break;
                case 'o': p.Open = ReadDecimalString(ref reader); break;
                case 'c': p.Close = ReadDecimalString(ref reader); break;
                case 'h': p.High = ReadDecimalString(ref reader); break;
                case 'l': p.Low = ReadDecimalString(ref reader); break;
                case 'v': p.Volume = ReadDecimalString(ref reader); break;
                case 'q': p.Quantity = ReadDecimalString(ref reader); break;
                case 'n': p.Count = ReadInt64(ref reader); break;
                case 'x':
                    reader.Read();
                    p.KlineClosed = reader.TokenType == JsonTokenType.True;
                    break;
                default:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }
    }

    private void Dispatch(ref Payload p, ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
    {
        var venue = _context.Venue;
        switch (p.Event)
        {
            case EventKind.DepthUpdate:
                if (p.Symbol.IsEmpty || p.FirstId is not { } first || p.LastId is not { } last)
                {
                    throw new JsonException("a depthUpdate needs s, U and u");
                }

                sink.Book(new BookFrame(p.Symbol, isSnapshot: false, CollectionsMarshal.AsSpan(_levels), receivedAt)
                {
                    ExchangeTime = p.EventTime,
                    FirstSequence = first,
                    LastSequence = last,
                });
                return;
            case EventKind.Trade:
                sink.Publish(new Trade
                {
                    Venue = venue,
                    Symbol = Required(p.Symbol),
                    Price = p.Price,
                    Size = p.Quantity,
                    TakerSide = p.BuyerIsMaker ?? throw new JsonException("a trade needs m") ? Side.Sell : Side.Buy,
                    TradeId = p.TradeId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ExchangeTime = p.TradeTime ?? p.EventTime,
                    ReceivedAt = receivedAt,
                });
                return;
            case EventKind.Kline:
                sink.Publish(new Ohlc
                {
                    Venue = venue,
                    Symbol = Required(p.Symbol),
                    Interval = p.KlineInterval ?? throw new JsonException("a kline needs k.i"),
                    Start = p.KlineStart ?? throw new JsonException("a kline needs k.t"),
                    Open = p.Open,
                    High = p.High,
                    Low = p.Low,
                    Close = p.Close,
                    Volume = p.Volume,
                    Vwap = p.Volume > 0m ? p.Quantity / p.Volume : null,
                    TradeCount = p.Count,
                    IsClosed = p.KlineClosed,
                    ExchangeTime = p.EventTime,
                    ReceivedAt = receivedAt,
                });
                return;
            case EventKind.Ticker24h:
                PublishTicker(ref p, fromBookTicker: false, receivedAt, sink);
                return;
            case EventKind.ServerShutdown:
                sink.Publish(new VenueStatus { Venue = venue, Status = "serverShutdown", IsOnline = false, ExchangeTime = p.EventTime, ReceivedAt = receivedAt });
                return;
            case EventKind.None when p.HasUpdateId && !p.Symbol.IsEmpty:
                PublishTicker(ref p, fromBookTicker: true, receivedAt, sink);
                return;
            default:
                sink.Malformed($"{venue}: a stream payload of an unknown kind", frame);
                return;
        }
    }

    private static Symbol Required(Symbol symbol) => symbol.IsEmpty ? throw new JsonException("no symbol (s)") : symbol;

    /// <summary>
    /// The ticker channel merges two streams: <c>@bookTicker</c> (real-time best bid/ask) and <c>@ticker</c> (last
    /// trade and 24-hour statistics, every second). Each publishes a ticker with the freshest of both: bid/ask from
    /// the last bookTicker (the 24h ticker's own b/B/a/A until one arrived), last and statistics from the last 24h ticker.
    /// </summary>
    private void PublishTicker(ref Payload p, bool fromBookTicker, DateTimeOffset receivedAt, IFrameSink sink)
    {
        var symbol = Required(p.Symbol);
        if (!_tickers.TryGetValue(symbol, out var state))
        {
            state = new TickerState();
            _tickers[symbol] = state;
        }

        if (fromBookTicker || !state.HasBook)
        {
            (state.Bid, state.BidSize, state.Ask, state.AskSize) = (p.Bid, p.BidSize, p.Ask, p.AskSize);
            state.HasBook |= fromBookTicker;
        }

        if (!fromBookTicker)
        {
            state.HasStats = true;
            state.Last = p.Close;
            state.LastSize = p.LastQuantity;
            state.StatsTime = p.EventTime;
            state.Extras = new TickerExtras
            {
                Volume24h = p.Volume,
                Vwap24h = p.Vwap,
                High24h = p.High,
                Low24h = p.Low,
                Open24h = p.Open,
                TradeCount24h = p.Count,
                Change24h = p.Price,
                ChangePercent24h = p.ChangePercent,
            };
        }

        sink.Publish(new Ticker
        {
            Venue = _context.Venue,
            Symbol = symbol,
            Bid = state.Bid,
            BidSize = state.BidSize,
            Ask = state.Ask,
            AskSize = state.AskSize,
            Last = state.HasStats ? state.Last : null,
            LastSize = state.HasStats ? state.LastSize : null,
            Extras = state.Extras,
            ExchangeTime = fromBookTicker ? null : p.EventTime,
            ReceivedAt = receivedAt,
        });
    }

    private void Answered(Answer answer, DateTimeOffset receivedAt, IFrameSink sink)
    {
        var venue = _context.Venue;
        PendingRequest request = null!;
        var matched = answer.Id is { } id ? _requests.Complete(id, out request) : AckMatch.Unknown;
        if (matched == AckMatch.Matched)
        {
            Interlocked.Decrement(ref _unanswered);
        }

        if (answer.Code is { } code)
        {
            var text = answer.Message ?? "error";
            if (matched == AckMatch.Matched)
            {
                Acks(request, success: false, $"{code}: {text}", receivedAt, sink);
            }
            else
            {
                sink.Publish(new VenueError { Venue = venue, Code = code.ToString(System.Globalization.CultureInfo.InvariantCulture), Message = text, ReceivedAt = receivedAt });
            }

            return;
        }

        if (matched == AckMatch.Matched)
        {
            Acks(request, success: answer.ResultIsNull, answer.ResultIsNull ? null : "unexpected result", receivedAt, sink);
            return;
        }

        sink.Publish(new VenueError { Venue = venue, Code = "unmatched_answer", Message = $"an answer to request id {answer.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"} that is not pending ({matched})", ReceivedAt = receivedAt });
    }

    private void Acks(PendingRequest request, bool success, string? error, DateTimeOffset receivedAt, IFrameSink sink)
    {
        foreach (var symbol in request.Subscription.Symbols)
        {
            sink.Publish(new SubscriptionAck
            {
                Venue = _context.Venue,
                Channel = request.Subscription.Channel,
                Symbol = symbol,
                IsSubscribe = request.Subscribe,
                Success = success,
                Error = error,
                ReceivedAt = receivedAt,
            });
        }
    }

    /// <summary>
    /// Acks as failed the requests unanswered past their timeout. Called on every frame: with no request pending (the
    /// usual case once subscribed) it reads one volatile count and takes no lock.
    /// </summary>
    private void ExpireUnanswered(DateTimeOffset receivedAt, IFrameSink sink)
    {
        if (Volatile.Read(ref _unanswered) == 0)
        {
            return;
        }

        var expired = _requests.TakeExpired();
        if (expired.Count == 0)
        {
            return;
        }

        Interlocked.Add(ref _unanswered, -expired.Count);
        foreach (var request in expired)
        {
            Acks(request, success: false, "no answer from the venue", receivedAt, sink);
        }
    }

    /// <summary>The fields of one stream payload (each event uses some; single letters mean different things per event).</summary>
    private struct Payload
    {
        public EventKind Event;
        public bool IsBookStream;
        public bool HasUpdateId;
        public Symbol Symbol;
        public DateTimeOffset? EventTime, TradeTime, KlineStart;
        public long? FirstId, LastId, TradeId, Count;
        public decimal Bid, BidSize, Ask, AskSize, Price, Quantity, Close, LastQuantity, Open, High, Low, Volume, Vwap, ChangePercent;
        public bool? BuyerIsMaker;
        public TimeSpan? KlineInterval;
        public bool KlineClosed;
    }

    /// <summary>An answer to a request: <c>{"result":null,"id":1}</c> or <c>{"code":2,"msg":"...","id":1}</c>.</summary>
    private struct Answer
    {
        public bool HasResult, ResultIsNull;
        public long? Id, Code;
        public string? Message;
    }
}
