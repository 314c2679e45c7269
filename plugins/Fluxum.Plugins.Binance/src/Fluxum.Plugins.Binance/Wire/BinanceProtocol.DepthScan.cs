using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Binance.Wire;

/// <summary>
/// The hot path: a <c>depthUpdate</c> diff exactly as Binance writes it (compact, fields in the documented order,
/// combined-stream wrapper or raw), read straight from its bytes. Anything else (whitespace, another field order,
/// an escape, a number or decimal the general reader would judge differently) is not taken here:
/// the frame goes to the general <see cref="System.Text.Json.Utf8JsonReader"/> path, which decodes or reports it.
/// What this path accepts is valid JSON that the general path decodes to the same frame, and an unknown symbol is
/// refused with the general path's error, so the two never disagree.
/// </summary>
internal sealed partial class BinanceProtocol
{
    /// <summary>The longest integer taken here: 18 digits always fit an <see cref="long"/>.</summary>
    private const int MaxScannedDigits = 18;

    /// <summary>Frames decoded by the scan; the rest went to the general reader (for tests and profiling).</summary>
    internal long ScannedFrames { get; private set; }

    private bool TryScanDepthUpdate(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, ref FrameAttribution attribution)
    {
        var scan = new DepthScanner(frame);
        bool wrapped;
        if (scan.Skip("{\"stream\":\""u8))
        {
            if (!scan.SkipPlainString() || !scan.Skip(",\"data\":{\"e\":\"depthUpdate\",\"E\":"u8))
            {
                return false;
            }

            wrapped = true;
        }
        else if (scan.Skip("{\"e\":\"depthUpdate\",\"E\":"u8))
        {
            wrapped = false;
        }
        else
        {
            return false;
        }

        if (!scan.Integer(out var eventTime) || eventTime > 253_402_300_799_999
            || !scan.Skip(",\"s\":\""u8) || !scan.PlainString(out var name))
        {
            return false;
        }

        if (!_symbols.TryGetSymbol(name, out var symbol))
        {
            // Refused as the general reader refuses it (asking the map twice would count the name twice).
            attribution = FrameAttribution.Unattributed;
            throw new JsonException($"unknown symbol '{Encoding.UTF8.GetString(name)}'");
        }

        if (!scan.Skip(",\"U\":"u8) || !scan.Integer(out var first)
            || !scan.Skip(",\"u\":"u8) || !scan.Integer(out var last))
        {
            return false;
        }

        _levels.Clear();
        if (!scan.Skip(",\"b\":["u8) || !scan.Levels(BookSide.Bid, _levels)
            || !scan.Skip(",\"a\":["u8) || !scan.Levels(BookSide.Ask, _levels)
            || !scan.Skip(wrapped ? "}}"u8 : "}"u8) || !scan.AtEnd)
        {
            return false;
        }

        ScannedFrames++;
        attribution = FrameAttribution.Book(symbol);
        sink.Book(new BookFrame(symbol, isSnapshot: false, CollectionsMarshal.AsSpan(_levels), receivedAt)
        {
            ExchangeTime = DateTimeOffset.FromUnixTimeMilliseconds(eventTime),
            FirstSequence = first,
            LastSequence = last,
        });
        return true;
    }

    /// <summary>A cursor over one frame's bytes; every method either consumes what it expects or reports false.</summary>
    private ref struct DepthScanner(ReadOnlySpan<byte> frame)
    {
        private readonly ReadOnlySpan<byte> _frame = frame;
        private int _at;

        public readonly bool AtEnd => _at == _frame.Length;

        /// <summary>Consumes <paramref name="expected"/> when the bytes at the cursor are exactly it.</summary>
        public bool Skip(ReadOnlySpan<byte> expected)
        {
            if (!_frame[_at..].StartsWith(expected))
            {
                return false;
            }

            _at += expected.Length;
            return true;
        }

        /// <summary>
        /// A JSON integer as the general reader takes it for a 64-bit value: digits, no sign, no leading zero, no
        /// fraction or exponent, at most <see cref="MaxScannedDigits"/> digits.
        /// </summary>
        public bool Integer(out long value)
        {
            value = 0;
            var start = _at;
            while (_at < _frame.Length && (uint)(_frame[_at] - '0') <= 9)
            {
                value = (value * 10) + (_frame[_at] - '0');
                _at++;
            }

            var digits = _at - start;
            return digits is > 0 and <= MaxScannedDigits && (digits == 1 || _frame[start] != '0')
                && (_at == _frame.Length || _frame[_at] is not ((byte)'.' or (byte)'e' or (byte)'E'));
        }

        /// <summary>The rest of a string whose opening quote was consumed: printable ASCII, no escape; past its closing quote.</summary>
        public bool PlainString(out ReadOnlySpan<byte> content)
        {
            var start = _at;
            while (_at < _frame.Length)
            {
                var c = _frame[_at];
                if (c == '"')
                {
                    content = _frame[start.._at];
                    _at++;
                    return true;
                }

                if (c is < 0x20 or > 0x7E or (byte)'\\')
                {
                    break;
                }

                _at++;
            }

            content = default;
            return false;
        }

        public bool SkipPlainString() => PlainString(out _);

        /// <summary>
        /// The rest of a level list whose opening bracket was consumed, <c>["price","quantity"],...]</c>, each
        /// decimal parsed as <see cref="Utf8Decimal"/> parses an unescaped JSON string.
        /// </summary>
        public bool Levels(BookSide side, List<LevelChange> levels)
        {
            if (Skip("]"u8))
            {
                return true;
            }

            while (true)
            {
                if (!Skip("[\""u8) || !PlainString(out var price) || !Utf8Decimal.TryParse(price, out var p)
                    || !Skip(",\""u8) || !PlainString(out var quantity) || !Utf8Decimal.TryParse(quantity, out var q)
                    || !Skip("]"u8))
                {
                    return false;
                }

                levels.Add(new LevelChange(side, p, q));
                if (Skip("]"u8))
                {
                    return true;
                }

                if (!Skip(","u8))
                {
                    return false;
                }
            }
        }
    }
}
