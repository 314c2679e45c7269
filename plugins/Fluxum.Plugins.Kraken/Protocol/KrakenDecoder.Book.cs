using System.Text.Json;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>The book path: no allocation per frame once the symbol and precision are known.</summary>
internal sealed partial class KrakenDecoder
{
    /// <summary>Book frames held per symbol while its precision is unknown, before they go out unverified.</summary>
    internal const int MaxHeldFrames = 1024;

    private readonly Dictionary<Symbol, List<HeldFrame>> _held = [];
    private readonly HashSet<Symbol> _reportedUnverified = [];
    private readonly TimestampCache _stamps = new();
    private LevelChange[] _levels = new LevelChange[64];
    private int _knownVersion = -1;
    private Symbol _known0;
    private Symbol _known1;

    private bool DecodeBook(ref Utf8JsonReader reader, bool snapshot, DateTimeOffset receivedAt, IFrameSink sink, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            sink.Malformed("book 'data' is not an array", frame);
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var count = 0;
            var symbol = default(Symbol);
            var hasSymbol = false;
            uint? checksum = null;
            DateTimeOffset? time = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = BookKeys.Of(ref reader);
                if (key == BookKey.Bids)
                {
                    reader.Read();
                    if (!ReadLevels(ref reader, BookSide.Bid, ref count))
                    {
                        sink.Malformed("book bids: each level needs a numeric 'price' and 'qty'", frame);
                        return false;
                    }
                }
                else if (key == BookKey.Asks)
                {
                    reader.Read();
                    if (!ReadLevels(ref reader, BookSide.Ask, ref count))
                    {
                        sink.Malformed("book asks: each level needs a numeric 'price' and 'qty'", frame);
                        return false;
                    }
                }
                else if (key == BookKey.Symbol)
                {
                    reader.Read();
                    hasSymbol = TryReadSymbol(ref reader, out symbol);
                    if (!hasSymbol)
                    {
                        sink.Malformed("book 'symbol' is not a BASE/QUOTE symbol", frame);
                        return false;
                    }
                }
                else if (key == BookKey.Checksum)
                {
                    reader.Read();
                    if (!JsonValues.TryUInt32(ref reader, out var value))
                    {
                        sink.Malformed("book 'checksum' is not an unsigned 32-bit integer", frame);
                        return false;
                    }

                    checksum = value;
                }
                else if (key == BookKey.Timestamp)
                {
                    reader.Read();
                    time = reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && _stamps.TryParse(reader.ValueSpan, out var t) ? t : null;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!hasSymbol)
            {
                sink.Malformed("book message without 'symbol'", frame);
                return false;
            }

            EmitBook(symbol, snapshot, _levels.AsSpan(0, count), checksum, time, receivedAt, sink);
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            sink.Malformed("book 'data' must hold objects", frame);
            return false;
        }

        return true;
    }

    private bool ReadLevels(ref Utf8JsonReader reader, BookSide side, ref int count)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var price = 0m;
            var qty = 0m;
            var fields = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = BookKeys.Of(ref reader);
                if (key == BookKey.Price)
                {
                    reader.Read();
                    fields |= JsonValues.TryDecimal(ref reader, out price) ? 1 : 4;
                }
                else if (key == BookKey.Qty)
                {
                    reader.Read();
                    fields |= JsonValues.TryDecimal(ref reader, out qty) ? 2 : 4;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (fields != 3)
            {
                return false;
            }

            if (count == _levels.Length)
            {
                Array.Resize(ref _levels, count * 2);
            }

            _levels[count++] = new LevelChange(side, price, qty);
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    private bool TryReadSymbol(ref Utf8JsonReader reader, out Symbol symbol)
    {
        symbol = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return _symbols.TryGet(reader.ValueSpan, out symbol);
        }

        Span<byte> unescaped = stackalloc byte[64];
        var length = reader.CopyString(unescaped);
        return _symbols.TryGet(unescaped[..length], out symbol);
    }

    private void EmitBook(Symbol symbol, bool snapshot, ReadOnlySpan<LevelChange> changes, uint? checksum, DateTimeOffset? time, DateTimeOffset receivedAt, IFrameSink sink)
    {
        if (checksum is null || IsPrecisionKnown(symbol))
        {
            sink.Book(new BookFrame(symbol, snapshot, changes, receivedAt) { Checksum = checksum, ExchangeTime = time });
            return;
        }

        EmitWithoutPrecision(symbol, snapshot, changes, checksum, time, receivedAt, sink);
    }

    /// <summary>A frame whose checksum cannot be checked yet: held, or (past the limit) sent unverified. Out of line: rare.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void EmitWithoutPrecision(Symbol symbol, bool snapshot, ReadOnlySpan<LevelChange> changes, uint? checksum, DateTimeOffset? time, DateTimeOffset receivedAt, IFrameSink sink)
    {
        if (_reportedUnverified.Contains(symbol))
        {
            sink.Book(new BookFrame(symbol, snapshot, changes, receivedAt) { ExchangeTime = time });
            return;
        }

        // The checksum needs the pair's precision: hold the frame until the instrument channel brings it.
        if (!_held.TryGetValue(symbol, out var held))
        {
            held = [];
            _held[symbol] = held;
        }

        held.Add(new HeldFrame(snapshot, changes.ToArray(), checksum, time, receivedAt));
        if (held.Count < MaxHeldFrames)
        {
            return;
        }

        _held.Remove(symbol);
        if (_reportedUnverified.Add(symbol))
        {
            sink.Publish(new VenueError
            {
                Venue = _venue,
                Symbol = symbol,
                Message = $"no price/quantity precision for {symbol} after {MaxHeldFrames} book frames (no instrument data): its book is served without checksum verification",
                ReceivedAt = receivedAt,
            });
        }

        foreach (var f in held)
        {
            sink.Book(new BookFrame(symbol, f.IsSnapshot, f.Changes, f.ReceivedAt) { ExchangeTime = f.ExchangeTime });
        }
    }

    /// <summary>Whether the symbol's precision is known; remembers the last answer per table version.</summary>
    private bool IsPrecisionKnown(Symbol symbol)
    {
        var version = _instruments.Version;
        if (version == _knownVersion)
        {
            // Symbols from this decoder share their text instances: references first, then (rarely) characters.
            var text = symbol.ToString();
            if (ReferenceEquals(_known0.ToString(), text) || ReferenceEquals(_known1.ToString(), text) || _known0.Equals(symbol) || _known1.Equals(symbol))
            {
                return true;
            }
        }

        if (!_instruments.TryGet(symbol, out _))
        {
            return false;
        }

        if (version != _knownVersion)
        {
            (_known0, _known1) = (default, default);
        }

        (_knownVersion, _known1, _known0) = (version, _known0, symbol);
        return true;
    }

    /// <summary>Sends the frames held for symbols whose precision just became known, in arrival order.</summary>
    private void ReleaseHeld(IFrameSink sink)
    {
        if (_held.Count == 0)
        {
            return;
        }

        foreach (var (symbol, frames) in _held.ToArray())
        {
            if (!_instruments.TryGet(symbol, out _))
            {
                continue;
            }

            _held.Remove(symbol);
            foreach (var f in frames)
            {
                sink.Book(new BookFrame(symbol, f.IsSnapshot, f.Changes, f.ReceivedAt) { Checksum = f.Checksum, ExchangeTime = f.ExchangeTime });
            }
        }
    }

    private sealed record HeldFrame(bool IsSnapshot, LevelChange[] Changes, uint? Checksum, DateTimeOffset? ExchangeTime, DateTimeOffset ReceivedAt);
}
