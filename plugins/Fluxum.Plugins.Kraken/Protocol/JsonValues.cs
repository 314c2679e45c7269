using System.Buffers.Text;
using System.Text.Json;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>Reads Kraken's values from the current token without allocating.</summary>
internal static class JsonValues
{
    /// <summary>
    /// A decimal from a JSON number (plain or exponent form, <c>1e-08</c>) or from a string holding one
    /// (the checksum guide's example quotes its numbers).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryDecimal(ref Utf8JsonReader reader, out decimal value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.HasValueSequence && TryFixedPoint(reader.ValueSpan, out value))
            {
                return true;
            }

            if (reader.TryGetDecimal(out value))
            {
                return true;
            }

            return !reader.HasValueSequence && Utf8Parser.TryParse(reader.ValueSpan, out value, out var used) && used == reader.ValueSpan.Length;
        }

        value = 0m;
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return false;
        }

        var span = reader.ValueSpan;
        return TryFixedPoint(span, out value) || Utf8Parser.TryParse(span, out value, out var consumed) && consumed == span.Length;
    }

    /// <summary>
    /// The common case fast: an optional minus, up to 19 digits with at most one point and no exponent,
    /// straight into the decimal's integer and scale (the scale of the text is kept). Anything else
    /// (exponent form, longer numbers) returns false and takes the general parser.
    /// </summary>
    public static bool TryFixedPoint(ReadOnlySpan<byte> span, out decimal value)
    {
        value = 0m;
        var i = 0;
        var negative = false;
        if (span.Length > 0 && span[0] == '-')
        {
            negative = true;
            i = 1;
        }

        if (span.Length - i is 0 or > 20)
        {
            return false;
        }

        ulong mantissa = 0;
        var scale = -1;
        var digits = 0;
        for (; i < span.Length; i++)
        {
            var c = span[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                mantissa = (mantissa * 10) + d;
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0 && digits > 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits is 0 or > 19 || scale == 0)
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>An unsigned 32-bit JSON number (a book checksum): plain digits read directly, anything else by the reader.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryUInt32(ref Utf8JsonReader reader, out uint value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        var span = reader.HasValueSequence ? default : reader.ValueSpan;
        if (span.Length is 0 or > 10)
        {
            return reader.TryGetUInt32(out value);
        }

        ulong total = 0;
        foreach (var c in span)
        {
            var d = (uint)(c - '0');
            if (d > 9)
            {
                return reader.TryGetUInt32(out value);
            }

            total = (total * 10) + d;
        }

        if (total > uint.MaxValue)
        {
            return false;
        }

        value = (uint)total;
        return true;
    }

    public static bool TryTimestamp(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        return reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && Rfc3339.TryParse(reader.ValueSpan, out value);
    }

    public static string? String(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    public static long? Long(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v) ? v : null;

    /// <summary>A JSON number that is a 32-bit integer; null for anything else (out of range, fractional, not a number).</summary>
    public static int? Int(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : null;

    /// <summary>
    /// A count (a candle's <c>trades</c>): a whole number from 0 to <see cref="long.MaxValue"/>, as a JSON number
    /// (<c>12</c>, <c>12.0</c>, <c>1.2e1</c>) or a string holding one; false for anything else, never an overflow.
    /// </summary>
    public static bool TryCount(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value))
        {
            return value >= 0;
        }

        if (!TryDecimal(ref reader, out var d) || d < 0m || d > long.MaxValue || decimal.Truncate(d) != d)
        {
            value = 0;
            return false;
        }

        value = (long)d;
        return true;
    }
}
