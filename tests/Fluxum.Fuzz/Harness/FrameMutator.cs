using System.Text;

namespace Fluxum.Fuzz.Harness;

/// <summary>How a frame was damaged.</summary>
internal enum Mutation
{
    None,
    Truncate,
    BitFlip,
    DigitChange,
    WrongType,
    HugeNumber,
    NegativeNumber,
    DeepNesting,
    InvalidUtf8,
    Empty,
    WrongShape,
    DropProperty,
    LongString,
    Splice,
}

/// <summary>
/// Damages a recorded frame in one of the ways a broken link, a buggy venue or an attacker could: truncation,
/// bit flips, a digit changed, a value of the wrong JSON type, huge and negative numbers, deep nesting, invalid
/// UTF-8, an empty frame, valid JSON of the wrong shape, a property dropped, a huge string, or a value copied
/// from elsewhere in the frame. Deterministic for a given <see cref="Random"/>.
/// </summary>
internal sealed class FrameMutator(Random random)
{
    private static readonly Mutation[] Kinds = [.. Enum.GetValues<Mutation>().Where(m => m != Mutation.None)];

    private static readonly byte[][] Huge =
    [
        "1e400"u8.ToArray(), "-1e400"u8.ToArray(), "79228162514264337593543950336"u8.ToArray(), "7.9228162514264337593543950336E+28"u8.ToArray(),
        "1.0E+308"u8.ToArray(), "9223372036854775808"u8.ToArray(), "-9223372036854775809"u8.ToArray(), "18446744073709551616"u8.ToArray(),
        "4294967296"u8.ToArray(), "2147483648"u8.ToArray(), "0.00000000000000000000000000000000000000000001"u8.ToArray(), "1E-400"u8.ToArray(),
        Encoding.ASCII.GetBytes(new string('9', 400)), Encoding.ASCII.GetBytes("0." + new string('0', 300) + "1"), "NaN"u8.ToArray(), "Infinity"u8.ToArray(),
    ];

    private static readonly byte[][] Negative = ["-1"u8.ToArray(), "-0"u8.ToArray(), "-0.00000001"u8.ToArray(), "-63501.6"u8.ToArray(), "-9223372036854775808"u8.ToArray()];

    private static readonly byte[][] OtherTypes = ["null"u8.ToArray(), "true"u8.ToArray(), "false"u8.ToArray(), "0"u8.ToArray(), "1.5"u8.ToArray(), "\"x\""u8.ToArray(), "\"\""u8.ToArray(), "[]"u8.ToArray(), "{}"u8.ToArray(), "[1,2]"u8.ToArray(), "{\"a\":1}"u8.ToArray(), "\"1.5\""u8.ToArray()];

    private static readonly byte[][] Shapes = ["[]"u8.ToArray(), "{}"u8.ToArray(), "null"u8.ToArray(), "42"u8.ToArray(), "\"frame\""u8.ToArray(), "true"u8.ToArray(), "[{}]"u8.ToArray(), "[[]]"u8.ToArray(), " "u8.ToArray()];

    private static readonly byte[][] BadUtf8 = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xC3], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xF4, 0x90, 0x80, 0x80]];

    private readonly JsonTokens _tokens = new();

    /// <summary>A damaged copy of <paramref name="frame"/> (never the same array), and how it was damaged.</summary>
    public byte[] Mutate(byte[] frame, out Mutation kind)
    {
        kind = Kinds[random.Next(Kinds.Length)];
        var tokens = _tokens.Of(frame);
        if (frame.Length == 0 && kind is not Mutation.WrongShape and not Mutation.Empty)
        {
            kind = Mutation.WrongShape;
        }

        return kind switch
        {
            Mutation.Truncate => frame[..random.Next(frame.Length)],
            Mutation.BitFlip => FlipBits(frame),
            Mutation.DigitChange => ChangeDigit(frame) ?? FlipBits(frame),
            Mutation.WrongType => ReplaceValue(frame, tokens, t => t.Kind != TokenKind.Property, _ => Pick(OtherTypes)),
            Mutation.HugeNumber => ReplaceNumber(frame, tokens, Huge),
            Mutation.NegativeNumber => ReplaceNumber(frame, tokens, Negative),
            Mutation.DeepNesting => ReplaceValue(frame, tokens, t => t.Kind != TokenKind.Property, _ => Nesting()),
            Mutation.InvalidUtf8 => InsertInString(frame, tokens),
            Mutation.Empty => [],
            Mutation.WrongShape => Shape(frame, tokens),
            Mutation.DropProperty => DropProperty(frame, tokens),
            Mutation.LongString => ReplaceValue(frame, tokens, t => t.Kind == TokenKind.String, _ => LongString()),
            _ => Splice(frame, tokens),
        };
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private byte[] FlipBits(byte[] frame)
    {
        var copy = (byte[])frame.Clone();
        var flips = 1 + random.Next(3);
        for (var i = 0; i < flips; i++)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    /// <summary>One digit replaced by another digit: still valid JSON, a different value (null if no digit).</summary>
    private byte[]? ChangeDigit(byte[] frame)
    {
        var digits = 0;
        foreach (var b in frame)
        {
            digits += b is >= (byte)'0' and <= (byte)'9' ? 1 : 0;
        }

        if (digits == 0)
        {
            return null;
        }

        var target = random.Next(digits);
        var copy = (byte[])frame.Clone();
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] is >= (byte)'0' and <= (byte)'9' && target-- == 0)
            {
                copy[i] = (byte)('0' + ((copy[i] - '0' + 1 + random.Next(9)) % 10));
                break;
            }
        }

        return copy;
    }

    private byte[] ReplaceValue(byte[] frame, JsonToken[] tokens, Func<JsonToken, bool> which, Func<JsonToken, byte[]> replacement)
    {
        var candidates = tokens.Where(which).ToArray();
        if (candidates.Length == 0)
        {
            return FlipBits(frame);
        }

        var token = Pick(candidates);
        return Splice(frame, token.Start, token.End, replacement(token));
    }

    /// <summary>A number, or a number written as a string (Gemini, Kraken's ids), replaced keeping its quoting.</summary>
    private byte[] ReplaceNumber(byte[] frame, JsonToken[] tokens, byte[][] values)
    {
        var numbers = tokens.Where(t => t.Kind == TokenKind.Number || (t.Kind == TokenKind.String && IsNumeric(frame.AsSpan(t.Start + 1, t.End - t.Start - 2)))).ToArray();
        if (numbers.Length == 0)
        {
            return ReplaceValue(frame, tokens, t => t.Kind != TokenKind.Property, _ => Pick(values));
        }

        var token = Pick(numbers);
        var value = Pick(values);
        return Splice(frame, token.Start, token.End, token.Kind == TokenKind.String ? [(byte)'"', .. value, (byte)'"'] : value);
    }

    private static bool IsNumeric(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-' or (byte)'e' or (byte)'E' or (byte)'+'))
            {
                return false;
            }
        }

        return true;
    }

    private byte[] Nesting()
    {
        var depth = random.Next(2) == 0 ? 65 + random.Next(64) : 1000 + random.Next(20_000);
        var bytes = new byte[depth * 2];
        var open = random.Next(2) == 0 ? (byte)'[' : (byte)'{';
        if (open == (byte)'{')
        {
            // {"a":{"a":...{}...}}
            var text = new StringBuilder(depth * 6);
            for (var i = 0; i < depth; i++)
            {
                text.Append("{\"a\":");
            }

            text.Append("{}").Append('}', depth);
            return Encoding.ASCII.GetBytes(text.ToString());
        }

        bytes.AsSpan(0, depth).Fill((byte)'[');
        bytes.AsSpan(depth).Fill((byte)']');
        return bytes;
    }

    private byte[] InsertInString(byte[] frame, JsonToken[] tokens)
    {
        var strings = tokens.Where(t => t.Kind == TokenKind.String).ToArray();
        var bad = Pick(BadUtf8);
        if (strings.Length == 0)
        {
            var at = random.Next(frame.Length + 1);
            return Splice(frame, at, at, bad);
        }

        var token = Pick(strings);
        var position = token.Start + 1 + random.Next(token.End - token.Start - 1);
        return Splice(frame, position, position, bad);
    }

    private byte[] Shape(byte[] frame, JsonToken[] tokens)
    {
        switch (random.Next(6))
        {
            case 0:
                return Pick(Shapes);
            case 1:
                // The frame inside an array (valid for decoders that take message batches).
                return [(byte)'[', .. frame, (byte)']'];
            case 2:
                return [.. "{\"data\":"u8, .. frame, (byte)'}'];
            case 3:
                // An object value where an array belongs, and the other way round.
                return ReplaceValue(frame, tokens, t => t.Kind is TokenKind.Array or TokenKind.Object, t => t.Kind == TokenKind.Array ? "{}"u8.ToArray() : "[]"u8.ToArray());
            case 4:
                // A container emptied.
                return ReplaceValue(frame, tokens, t => t.Kind is TokenKind.Array or TokenKind.Object && t.Depth > 0, t => t.Kind == TokenKind.Array ? "[]"u8.ToArray() : "{}"u8.ToArray());
            default:
                // A property repeated (with the second copy's value winning in most readers).
                return DuplicateProperty(frame, tokens);
        }
    }

    private byte[] DuplicateProperty(byte[] frame, JsonToken[] tokens)
    {
        var properties = tokens.Where(t => t.Kind == TokenKind.Property).ToArray();
        if (properties.Length == 0)
        {
            return Pick(Shapes);
        }

        var p = Pick(properties);
        return Splice(frame, p.End, p.End, [(byte)',', .. frame.AsSpan(p.Start, p.End - p.Start)]);
    }

    /// <summary>A property removed with its comma: still valid JSON, a field missing.</summary>
    private byte[] DropProperty(byte[] frame, JsonToken[] tokens)
    {
        var properties = tokens.Where(t => t.Kind == TokenKind.Property).ToArray();
        if (properties.Length == 0)
        {
            return Pick(Shapes);
        }

        var p = Pick(properties);
        var start = p.Start;
        var end = p.End;
        var after = end;
        while (after < frame.Length && frame[after] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            after++;
        }

        if (after < frame.Length && frame[after] == (byte)',')
        {
            end = after + 1;
        }
        else
        {
            var before = start - 1;
            while (before >= 0 && frame[before] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                before--;
            }

            if (before >= 0 && frame[before] == (byte)',')
            {
                start = before;
            }
        }

        return Splice(frame, start, end, []);
    }

    private byte[] LongString()
    {
        var length = random.Next(3) switch { 0 => 65 + random.Next(200), 1 => 1000 + random.Next(10_000), _ => 100_000 + random.Next(100_000) };
        if (random.Next(3) == 0)
        {
            // Escaped characters: a reader must unescape them into a buffer of its own (BTC/USD spelled \u0042TC/USD…).
            var escaped = new StringBuilder(length * 6 + 2).Append('"');
            for (var i = 0; i < length; i++)
            {
                escaped.Append(i == length / 2 ? "\\/" : "\\u0041");
            }

            return Encoding.ASCII.GetBytes(escaped.Append('"').ToString());
        }

        var text = new byte[length + 2];
        text.AsSpan(1, length).Fill(random.Next(2) == 0 ? (byte)'A' : (byte)'/');
        text[0] = text[^1] = (byte)'"';
        return text;
    }

    /// <summary>A scalar replaced by another scalar of the same frame: valid JSON, plausible but wrong values.</summary>
    private byte[] Splice(byte[] frame, JsonToken[] tokens)
    {
        var scalars = tokens.Where(t => t.Kind is TokenKind.String or TokenKind.Number or TokenKind.Literal).ToArray();
        if (scalars.Length < 2)
        {
            return FlipBits(frame);
        }

        var target = Pick(scalars);
        var source = Pick(scalars);
        return Splice(frame, target.Start, target.End, frame.AsSpan(source.Start, source.End - source.Start).ToArray());
    }

    private static byte[] Splice(byte[] frame, int start, int end, ReadOnlySpan<byte> replacement)
    {
        var result = new byte[frame.Length - (end - start) + replacement.Length];
        frame.AsSpan(0, start).CopyTo(result);
        replacement.CopyTo(result.AsSpan(start));
        frame.AsSpan(end).CopyTo(result.AsSpan(start + replacement.Length));
        return result;
    }
}
