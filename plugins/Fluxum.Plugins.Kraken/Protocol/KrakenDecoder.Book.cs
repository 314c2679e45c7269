using System.Text.Json;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>The book path: no allocation per frame once the symbol and precision are known.</summary>
internal sealed partial class KrakenDecoder
{
    /// <summary>Book frames held per symbol while its precision is unknown, at most, before they go out unverified.</summary>
    internal const int MaxHeldFrames = 1024;

    /// <summary>How long (by the frames' receive times) a symbol's book frames are held at most, before they go out unverified.</summary>
    internal static readonly TimeSpan MaxHoldTime = TimeSpan.FromSeconds(5);

    /// <summary>Bytes of level changes held per symbol, at most, before its frames go out unverified.</summary>
    internal const long MaxHeldBytesPerSymbol = 1L << 20;

    /// <summary>Bytes of level changes held for all symbols together, at most: past it, the symbol whose frame overflowed goes out unverified.</summary>
    internal const long MaxHeldBytes = 8L << 20;

    /// <summary>Symbols whose frames are held (and remembered as unverified), at most: frames of any further symbol go out unverified at once.</summary>
    internal const int MaxHeldSymbols = 256;

    private long _heldBytes;

    // The symbols this connection subscribed books for (set by the protocol as it encodes requests, read here).
    private readonly HashSet<Symbol> _bookSymbols = [];
    private readonly Lock _bookSymbolsGate = new();

    /// <summary>Records a book (un)subscription of this connection: only subscribed symbols' frames are held for their precision.</summary>
    internal void BooksSubscribed(IEnumerable<Symbol> symbols, bool subscribed)
    {
        lock (_bookSymbolsGate)
        {
            foreach (var symbol in symbols)
            {
                _ = subscribed ? _bookSymbols.Add(symbol) : _bookSymbols.Remove(symbol);
            }
        }
    }

    /// <summary>Whether frames of <paramref name="symbol"/> may be held: it is subscribed, or nothing is known of subscriptions (a bare decoder).</summary>
    private bool MayHold(Symbol symbol)
    {
        lock (_bookSymbolsGate)
        {
            return _bookSymbols.Count == 0 || _bookSymbols.Contains(symbol);
        }
    }

    /// <summary>The longest symbol (in UTF-8 bytes, escaped or not) a book message may name.</summary>
    internal const int MaxSymbolBytes = 64;

    private readonly Dictionary<Symbol, HeldBook> _held = [];
    private readonly Dictionary<Symbol, string> _unverified = [];
    private readonly Utf8TimestampCache _stamps = new();
    private LevelChange[] _levels = new LevelChange[64];
    private DateTimeOffset _holdDeadline = DateTimeOffset.MaxValue;
    private int _knownVersion = -1;
    private Symbol _known0;
    private Symbol _known1;

    private bool DecodeBook(ref Utf8JsonReader reader, bool snapshot, DateTimeOffset receivedAt, IFrameSink sink, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            sink.UnattributedBookMalformed("book 'data' is not an array", frame);
            return false;
        }

        var entries = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            entries++;
            _hasBookSymbol = false;
            var count = 0;
            var symbol = default(Symbol);
            var hasSymbol = false;
            string? problem = null;
            uint? checksum = null;
            DateTimeOffset? time = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = BookKeys.Of(ref reader);
                if (key is BookKey.Bids or BookKey.Asks)
                {
                    reader.Read();
                    var depth = reader.CurrentDepth;
                    if (!ReadLevels(ref reader, key == BookKey.Bids ? BookSide.Bid : BookSide.Ask, ref count))
                    {
                        problem ??= BadLevels(ref reader, key, depth);
                    }
                }
                else if (key == BookKey.Symbol)
                {
                    reader.Read();
                    hasSymbol = TryReadSymbol(ref reader, out symbol);
                    if (!hasSymbol)
                    {
                        sink.UnattributedBookMalformed("book 'symbol' is not a BASE/QUOTE symbol", frame);
                        return false;
                    }

                    _bookSymbol = symbol;
                    _hasBookSymbol = true;
                }
                else if (key == BookKey.Checksum)
                {
                    reader.Read();
                    if (JsonValues.TryUInt32(ref reader, out var value))
                    {
                        checksum = value;
                    }
                    else
                    {
                        problem ??= "book 'checksum' is not an unsigned 32-bit integer";
                        reader.Skip();
                    }
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
                sink.UnattributedBookMalformed(problem ?? "book message without 'symbol'", frame);
                return false;
            }

            if (problem is not null || checksum is not { } sum)
            {
                // Kraken v2 sends a checksum with every book message: without one (or with a bad level) it is not
                // applied at all, and the symbol's book is resynced.
                sink.BookMalformed(symbol, problem ?? "book message without 'checksum' (Kraken v2 sends one with every book message)", frame);
                _hasBookSymbol = false;
                continue;
            }

            EmitBook(symbol, snapshot, _levels.AsSpan(0, count), sum, time, receivedAt, sink);
            _hasBookSymbol = false;
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            sink.UnattributedBookMalformed("book 'data' must hold objects", frame);
            return false;
        }

        if (entries == 0)
        {
            // Kraken sends one entry per book message: an empty one is damaged, and whose it was is unknown.
            sink.UnattributedBookMalformed("book 'data' holds no book", frame);
            return false;
        }

        return true;
    }

    /// <summary>
    /// A bids or asks value that could not be read: skips the rest of it (it started at <paramref name="depth"/>),
    /// so the message's symbol can still be read, and says what was wrong. Out of line: rare.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string BadLevels(ref Utf8JsonReader reader, BookKey key, int depth)
    {
        if (reader.CurrentDepth == depth && reader.TokenType != JsonTokenType.EndArray)
        {
            // Not an array: the value is where ReadLevels stopped.
            reader.Skip();
        }
        else
        {
            while (!(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth) && reader.Read())
            {
            }
        }

        return key == BookKey.Bids
            ? "book bids: each level needs a numeric 'price' and 'qty'"
            : "book asks: each level needs a numeric 'price' and 'qty'";
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
            return _symbols.TryGetSymbol(reader.ValueSpan, out symbol);
        }

        // Unescaping never lengthens the text: a longer escaped value could not fit the buffer (and is no symbol).
        var escapedLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (escapedLength > MaxSymbolBytes)
        {
            return false;
        }

        Span<byte> unescaped = stackalloc byte[MaxSymbolBytes];
        var length = reader.CopyString(unescaped);
        return _symbols.TryGetSymbol(unescaped[..length], out symbol);
    }

    private void EmitBook(Symbol symbol, bool snapshot, ReadOnlySpan<LevelChange> changes, uint checksum, DateTimeOffset? time, DateTimeOffset receivedAt, IFrameSink sink)
    {
        if (IsPrecisionKnown(symbol))
        {
            sink.Book(new BookFrame(symbol, snapshot, changes, receivedAt) { Checksum = checksum, ExchangeTime = time });
            return;
        }

        EmitWithoutPrecision(symbol, snapshot, changes, checksum, time, receivedAt, sink);
    }

    /// <summary>
    /// A frame whose checksum cannot be checked yet: held until the symbol's precision arrives, or (past
    /// <see cref="MaxHeldFrames"/> frames or <see cref="MaxHoldTime"/>) sent unverified. Out of line: rare.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void EmitWithoutPrecision(Symbol symbol, bool snapshot, ReadOnlySpan<LevelChange> changes, uint checksum, DateTimeOffset? time, DateTimeOffset receivedAt, IFrameSink sink)
    {
        if (_unverified.TryGetValue(symbol, out var reason))
        {
            sink.Book(new BookFrame(symbol, snapshot, changes, receivedAt) { ExchangeTime = time, Unverified = reason });
            return;
        }

        if (!_held.TryGetValue(symbol, out var held))
        {
            if (!MayHold(symbol))
            {
                // Not subscribed on this connection (a damaged symbol, or a late frame): nothing to wait for; the
                // host keeps no book for it and counts it.
                sink.Book(new BookFrame(symbol, snapshot, changes, receivedAt) { ExchangeTime = time, Unverified = "book frame for a symbol not subscribed on this connection" });
                return;
            }

            if (_held.Count >= MaxHeldSymbols)
            {
                // Frames of ever more symbols without a precision (a hostile or broken feed): holding is bounded.
                var now = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no price/quantity precision for {symbol}, and frames of {MaxHeldSymbols} other symbols are already held, so it is applied unverified at once");
                sink.Book(new BookFrame(symbol, snapshot, changes, receivedAt) { ExchangeTime = time, Unverified = now });
                return;
            }

            held = new HeldBook(receivedAt);
            _held[symbol] = held;
            if (receivedAt + MaxHoldTime < _holdDeadline)
            {
                _holdDeadline = receivedAt + MaxHoldTime;
            }
        }

        held.Frames.Add(new HeldFrame(snapshot, changes.ToArray(), checksum, time, receivedAt));
        var bytes = (long)changes.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<LevelChange>();
        held.Bytes += bytes;
        _heldBytes += bytes;
        if (held.Frames.Count >= MaxHeldFrames || held.Bytes >= MaxHeldBytesPerSymbol || _heldBytes >= MaxHeldBytes || receivedAt - held.Since >= MaxHoldTime)
        {
            ReleaseUnverified(symbol, held, receivedAt, sink);
        }
    }

    /// <summary>
    /// Releases, unverified, the frames of every symbol held for <see cref="MaxHoldTime"/> by <paramref name="now"/>
    /// (the receive time of the frame being decoded, whatever its channel): a symbol whose book frames stopped
    /// still gets its answer. Out of line: only while frames are held.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReleaseExpired(DateTimeOffset now, IFrameSink sink)
    {
        foreach (var (symbol, held) in _held.ToArray())
        {
            if (now - held.Since >= MaxHoldTime)
            {
                ReleaseUnverified(symbol, held, now, sink);
            }
        }

        ResetDeadline();
    }

    /// <summary>
    /// Gives up waiting for <paramref name="symbol"/>'s precision: its held frames (and every later one, until the
    /// precision is known) go to the book unverified, with a reason naming the symbol, why and how many were held.
    /// </summary>
    private void ReleaseUnverified(Symbol symbol, HeldBook held, DateTimeOffset now, IFrameSink sink)
    {
        _held.Remove(symbol);
        _heldBytes -= held.Bytes;
        ResetDeadline();
        var waited = (now - held.Since).TotalSeconds;
        var reason = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"no price/quantity precision for {symbol} (no instrument message, no REST AssetPairs entry, no 'instruments' setting), so its book checksums cannot be verified; {held.Frames.Count} book frames held for {waited:0.0} s, then applied unverified");
        if (_unverified.Count < MaxHeldSymbols)
        {
            // Remembered (bounded): its later frames go out unverified without being held again.
            _unverified[symbol] = reason;
        }

        foreach (var f in held.Frames)
        {
            sink.Book(new BookFrame(symbol, f.IsSnapshot, f.Changes, f.ReceivedAt) { ExchangeTime = f.ExchangeTime, Unverified = reason });
        }
    }

    private void ResetDeadline()
    {
        _holdDeadline = DateTimeOffset.MaxValue;
        foreach (var held in _held.Values)
        {
            if (held.Since + MaxHoldTime < _holdDeadline)
            {
                _holdDeadline = held.Since + MaxHoldTime;
            }
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

        foreach (var (symbol, held) in _held.ToArray())
        {
            if (!_instruments.TryGet(symbol, out _))
            {
                continue;
            }

            _held.Remove(symbol);
            _heldBytes -= held.Bytes;
            foreach (var f in held.Frames)
            {
                sink.Book(new BookFrame(symbol, f.IsSnapshot, f.Changes, f.ReceivedAt) { Checksum = f.Checksum, ExchangeTime = f.ExchangeTime });
            }
        }

        ResetDeadline();
    }

    private sealed record HeldFrame(bool IsSnapshot, LevelChange[] Changes, uint Checksum, DateTimeOffset? ExchangeTime, DateTimeOffset ReceivedAt);

    /// <summary>One symbol's held frames, and the receive time of the first.</summary>
    private sealed class HeldBook(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;

        public List<HeldFrame> Frames { get; } = [];

        /// <summary>Bytes of the held level changes.</summary>
        public long Bytes { get; set; }
    }

    /// <summary>Bytes of level changes held for all symbols now (test observability; bounded by <see cref="MaxHeldBytes"/>).</summary>
    internal long HeldBytes => _heldBytes;

    /// <summary>Whether a book frame of <paramref name="symbol"/> arriving now would go out checked: its precision is known (not held, not unverified).</summary>
    internal bool ChecksSnapshotsOf(Symbol symbol) => _instruments.TryGet(symbol, out _);

    /// <summary>Symbols whose frames are held now (bounded by <see cref="MaxHeldSymbols"/>).</summary>
    internal int HeldSymbols => _held.Count;
}
