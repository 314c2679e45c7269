using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Fluxum.Sdk.Kit;

/// <summary>
/// 64-bit integers from UTF-8 JSON values without allocating: a JSON number, or (where a venue quotes its ids
/// and times) a JSON string holding one. Accepted: an optional leading minus and decimal digits that fit a
/// <see cref="long"/>; a plus sign, a fraction, an exponent, a blank or an overflow is refused.
/// </summary>
public static class Utf8Integer
{
    /// <summary>The longest string a segmented or escaped value is copied for (a long has at most 20 characters).</summary>
    private const int MaxCopiedLength = 32;

    /// <summary>
    /// Parses all of <paramref name="utf8"/> as a 64-bit integer: an optional leading minus and at least one
    /// digit (leading zeros allowed), within the range of a <see cref="long"/>. False (and zero) for anything else.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out long value)
    {
        value = 0;
        var negative = !utf8.IsEmpty && utf8[0] == '-';
        var digits = negative ? utf8[1..] : utf8;
        if (digits.IsEmpty)
        {
            return false;
        }

        ulong total = 0;
        foreach (var c in digits)
        {
            var d = (uint)(c - '0');
            if (d > 9 || total > (ulong.MaxValue - d) / 10)
            {
                return false;
            }

            total = (total * 10) + d;
        }

        // long.MinValue's magnitude is one more than long.MaxValue.
        if (total > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            return false;
        }

        value = negative ? (long)(0UL - total) : (long)total;
        return true;
    }

    /// <summary>
    /// Reads the current token of <paramref name="reader"/>: a JSON number that is a whole 64-bit integer, or a
    /// JSON string holding one. False (and zero) for any other token or text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ref Utf8JsonReader reader, out long value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return TryReadNumber(ref reader, out value);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            value = 0;
            return false;
        }

        return reader.HasValueSequence || reader.ValueIsEscaped ? ReadCopied(ref reader, out value) : TryParse(reader.ValueSpan, out value);
    }

    /// <summary>
    /// Reads the current token of <paramref name="reader"/> only when it is a JSON number that is a whole 64-bit
    /// integer (a string holding digits is refused). False (and zero) otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadNumber(ref Utf8JsonReader reader, out long value)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value))
        {
            return true;
        }

        value = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ReadCopied(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxCopiedLength)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[MaxCopiedLength];
        var written = reader.CopyString(buffer);
        return TryParse(buffer[..written], out value);
    }
}
