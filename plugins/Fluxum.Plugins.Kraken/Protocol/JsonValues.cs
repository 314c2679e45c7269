using System.Text.Json;
using Fluxum.Sdk.Kit;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>Reads Kraken's values from the current token without allocating (decimals through the plugin kit).</summary>
internal static class JsonValues
{
    /// <summary>
    /// A decimal from a JSON number (plain or exponent form, <c>1e-08</c>) or from a string holding one
    /// (the checksum guide's example quotes its numbers): the kit's exact parser, which keeps the text's scale.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryDecimal(ref Utf8JsonReader reader, out decimal value) => Utf8Decimal.TryRead(ref reader, out value);

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
        return reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && Utf8Timestamp.TryParse(reader.ValueSpan, out value);
    }

    public static string? String(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    /// <summary>A JSON number that is a 64-bit integer (the kit's reader); null for anything else, a string of digits included.</summary>
    public static long? Long(ref Utf8JsonReader reader) =>
        Utf8Integer.TryReadNumber(ref reader, out var v) ? v : null;

    /// <summary>A JSON number that is a 32-bit integer; null for anything else (out of range, fractional, not a number).</summary>
    public static int? Int(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : null;

    /// <summary>
    /// A count (a candle's <c>trades</c>): a whole number from 0 to <see cref="long.MaxValue"/>, as a JSON number
    /// (<c>12</c>, <c>12.0</c>, <c>1.2e1</c>) or a string holding one; false for anything else, never an overflow.
    /// </summary>
    public static bool TryCount(ref Utf8JsonReader reader, out long value)
    {
        // A whole number, as a JSON number or a string of digits: the kit's integer reader; other forms as a decimal.
        if (Utf8Integer.TryRead(ref reader, out value))
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
