using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>
/// Decodes Kraken WebSocket v2 frames straight from the received bytes with <see cref="Utf8JsonReader"/>.
/// Per-connection state: the symbol cache, the level buffer, the requests awaiting acks and the book
/// frames held until their symbol's precision is known. Never throws on bad input: a frame it cannot
/// read goes to the sink with the reason: <see cref="IFrameSink.BookMalformed"/> once a book message's symbol
/// was read, <see cref="IFrameSink.Malformed"/> once the message is known to be of another channel, and
/// <see cref="IFrameSink.UnattributedBookMalformed"/> otherwise (it may have been any book's).
/// </summary>
internal sealed partial class KrakenDecoder
{
    private readonly string _venue;
    private readonly InstrumentTable _instruments;
    private readonly RequestTracker<RequestInfo> _requests;

    // v2 symbols are already canonical (BTC/USD): a new one is parsed once and remembered, up to the map's bound.
    private readonly SymbolMap _symbols = new(new SymbolMapOptions { Resolve = static text => Symbol.TryParse(text, out var s) ? s : null });

    // What the frame being decoded was seen to be, for a frame that breaks mid-way (see Broken).
    private FrameKind _frameKind;
    private Symbol _bookSymbol;
    private bool _hasBookSymbol;

    public KrakenDecoder(string venue, InstrumentTable instruments, RequestTracker<RequestInfo> requests)
    {
        _venue = venue;
        _instruments = instruments;
        _requests = requests;
    }

    public void Reset()
    {
        _held.Clear();
        _heldBytes = 0;
        _unverified.Clear();
        _holdDeadline = DateTimeOffset.MaxValue;
    }

    public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
    {
        if (receivedAt >= _holdDeadline)
        {
            ReleaseExpired(receivedAt, sink);
        }

        var reader = new Utf8JsonReader(frame);
        _frameKind = FrameKind.Unknown;
        _hasBookSymbol = false;
        try
        {
            if (!reader.Read())
            {
                sink.UnattributedBookMalformed("empty frame", frame);
                return;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                // Several messages in one frame (the docs show acks that way): decode each.
                var messages = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    messages++;
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        Broken(Describe("expected an array of messages, found {0} in it", reader.TokenType), frame, sink);
                        return;
                    }

                    DecodeMessage(ref reader, frame, receivedAt, sink);
                    if (reader.TokenType != JsonTokenType.EndObject)
                    {
                        return;
                    }
                }

                if (messages == 0)
                {
                    sink.UnattributedBookMalformed("an empty array of messages", frame);
                }

                return;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                sink.UnattributedBookMalformed(Describe("expected a JSON object, found {0}", reader.TokenType), frame);
                return;
            }

            DecodeMessage(ref reader, frame, receivedAt, sink);
        }
#pragma warning disable CA1031 // The malformed-frame guard: whatever the decode throws is reported once, never propagated.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Broken(FrameGuard.Reason(e, position: reader.BytesConsumed), frame, sink);
        }
    }

    /// <summary>
    /// A frame that broke mid-way: a book message whose symbol was read is that book's problem; one known to be
    /// of another channel (or a response) is a plain malformed frame; anything else may have been any book's.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Broken(string reason, ReadOnlySpan<byte> frame, IFrameSink sink)
    {
        var attribution = _hasBookSymbol ? FrameAttribution.Book(_bookSymbol)
            : _frameKind == FrameKind.Other ? FrameAttribution.Other
            : FrameAttribution.Unattributed;
        FrameGuard.Report(sink, attribution, reason, frame);
    }

    // Error texts are built out of line: inlined into the per-frame methods, string building makes the JIT
    // zero its locals on every frame, error or not.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string Describe<T>(string format, T value) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, format, value);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string Describe<T>(string format, T value, string detail) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, format, value, detail);

    // Not inlined into Decode: the JIT zeroes a method's locals that hold references on entry, and with
    // everything below inlined into one method that grew to hundreds of bytes per frame.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void DecodeMessage(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
    {
        var header = default(MessageHeader);
        var dataStart = -1;
        var resultStart = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = TopKeys.Of(ref reader);
            if (key == TopKey.Channel)
            {
                reader.Read();
                header.Channel = Channel(reader.ValueSpan);
                _frameKind = header.Channel switch
                {
                    ChannelName.Book or ChannelName.Unknown => FrameKind.MaybeBook,
                    _ => FrameKind.Other,
                };
            }
            else if (key == TopKey.Type)
            {
                reader.Read();
                header.IsSnapshot = reader.ValueTextEquals("snapshot"u8);
                header.HasType = true;
            }
            else if (key == TopKey.Data)
            {
                reader.Read();
                if (header.Channel == ChannelName.Book && header.HasType)
                {
                    // The usual order (channel, type, data): decode in place, no second walk.
                    if (!DecodeBook(ref reader, header.IsSnapshot, receivedAt, sink, frame))
                    {
                        return;
                    }

                    header.Channel = ChannelName.Done;
                    continue;
                }

                // Read later, once the channel is known, from where it starts.
                dataStart = (int)reader.TokenStartIndex;
                reader.Skip();
            }
            else if (key == TopKey.Method)
            {
                reader.Read();
                header.Method = Method(reader.ValueSpan);
                _frameKind = _frameKind == FrameKind.Unknown ? FrameKind.Other : _frameKind;
            }
            else if (key == TopKey.Result)
            {
                reader.Read();
                resultStart = (int)reader.TokenStartIndex;
                reader.Skip();
            }
            else
            {
                ReadHeaderField(ref reader, ref header);
            }
        }

        if (header.Channel == ChannelName.Done && header.Method == MethodKind.None)
        {
            // A book decoded in place (the hot path): no second reader to set up.
            return;
        }

        DecodeRest(header, dataStart, resultStart, frame, receivedAt, sink);
    }

    /// <summary>
    /// A message whose data (or result) was skipped while its header was read: read it now from where it
    /// starts. Out of line, so the book path does not set up (and zero) the second reader.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void DecodeRest(in MessageHeader header, int dataStart, int resultStart, ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
    {
        if (header.Method != MethodKind.None)
        {
            var result = ValueAt(frame, resultStart);
            DecodeResponse(ref result, resultStart >= 0, header, receivedAt, sink, frame);
            return;
        }

        if (header.Channel == ChannelName.Done)
        {
            return;
        }

        var hasData = dataStart >= 0;
        var data = ValueAt(frame, dataStart);

        switch (header.Channel)
        {
            case ChannelName.Book when hasData:
                _ = DecodeBook(ref data, header.IsSnapshot, receivedAt, sink, frame);
                break;
            case ChannelName.Heartbeat:
                sink.Publish(new Heartbeat { Venue = _venue, ReceivedAt = receivedAt });
                break;
            case ChannelName.Status when hasData:
                DecodeStatus(ref data, receivedAt, sink, frame);
                break;
            case ChannelName.Ticker when hasData:
                DecodeTickers(ref data, receivedAt, sink, frame);
                break;
            case ChannelName.Trade when hasData:
                DecodeTrades(ref data, receivedAt, sink, frame);
                break;
            case ChannelName.Ohlc when hasData:
                DecodeCandles(ref data, receivedAt, sink, frame);
                break;
            case ChannelName.Instrument when hasData:
                DecodeInstruments(ref data, receivedAt, sink, frame);
                break;
            case ChannelName.Balances when hasData:
                DecodeBalances(ref data, header.IsSnapshot, receivedAt, sink, frame);
                break;
            case ChannelName.None:
                sink.UnattributedBookMalformed("message has neither 'method' nor 'channel'", frame);
                break;
            case ChannelName.Unknown:
                sink.UnattributedBookMalformed("message on an unknown channel", frame);
                break;
            case ChannelName.Book:
                sink.UnattributedBookMalformed("book message without 'data'", frame);
                break;
            default:
                sink.Malformed($"{header.Channel} message without 'data'", frame);
                break;
        }
    }

    /// <summary>A reader positioned on the JSON value that starts at <paramref name="start"/> (none when negative).</summary>
    private static Utf8JsonReader ValueAt(ReadOnlySpan<byte> frame, int start)
    {
        if (start < 0)
        {
            return default;
        }

        var reader = new Utf8JsonReader(frame[start..]);
        reader.Read();
        return reader;
    }

    private static void ReadHeaderField(ref Utf8JsonReader reader, ref MessageHeader header)
    {
        if (reader.ValueTextEquals("success"u8))
        {
            reader.Read();
            header.Success = reader.TokenType == JsonTokenType.True;
        }
        else if (reader.ValueTextEquals("error"u8))
        {
            reader.Read();
            header.Error = JsonValues.String(ref reader) ?? "unknown error";
        }
        else if (reader.ValueTextEquals("symbol"u8))
        {
            reader.Read();
            header.Symbol = JsonValues.String(ref reader);
        }
        else if (reader.ValueTextEquals("req_id"u8))
        {
            reader.Read();
            header.RequestId = JsonValues.Long(ref reader);
        }
        else if (reader.ValueTextEquals("time_out"u8) || reader.ValueTextEquals("timestamp"u8))
        {
            reader.Read();
            if (JsonValues.TryTimestamp(ref reader, out var time))
            {
                header.Time = time;
            }
        }
        else
        {
            reader.Read();
            reader.Skip();
        }
    }

    private static ChannelName Channel(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("book"u8) => ChannelName.Book,
        _ when name.SequenceEqual("heartbeat"u8) => ChannelName.Heartbeat,
        _ when name.SequenceEqual("trade"u8) => ChannelName.Trade,
        _ when name.SequenceEqual("ticker"u8) => ChannelName.Ticker,
        _ when name.SequenceEqual("ohlc"u8) => ChannelName.Ohlc,
        _ when name.SequenceEqual("status"u8) => ChannelName.Status,
        _ when name.SequenceEqual("instrument"u8) => ChannelName.Instrument,
        _ when name.SequenceEqual("balances"u8) => ChannelName.Balances,
        _ => ChannelName.Unknown,
    };

    private static MethodKind Method(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("subscribe"u8) => MethodKind.Subscribe,
        _ when name.SequenceEqual("unsubscribe"u8) => MethodKind.Unsubscribe,
        _ when name.SequenceEqual("pong"u8) => MethodKind.Pong,
        _ => MethodKind.Other,
    };
}
