using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Fluxum.Sdk.Kit;

/// <summary>
/// Exact fixed-point parsing of decimal numbers from UTF-8 bytes (a JSON number, or a JSON string holding one),
/// without <see cref="double"/> and without allocating. The result keeps the text's scale: <c>"1.50"</c> parses
/// to a decimal whose <see cref="decimal.Scale"/> is 2, which a checksum over the venue's text can rely on.
/// Accepted: an optional leading minus, digits with at most one point (leading zeros allowed), and an optional
/// exponent (<c>1e-08</c>, <c>2.5E+3</c>). Anything that would have to round is refused, with the reason.
/// </summary>
public static class Utf8Decimal
{
    /// <summary>The most digits the fast path reads into a 64-bit integer.</summary>
    private const int FastDigits = 19;

    /// <summary>The most significant digits a decimal holds.</summary>
    private const int MaxDigits = 29;

    /// <summary>The largest scale a decimal has.</summary>
    private const int MaxScale = 28;

    /// <summary>The longest text a segmented or escaped JSON value is copied for (longer ones cannot be exact).</summary>
    private const int MaxCopiedLength = 128;

    private static readonly UInt128 MaxMantissa = (UInt128.One << 96) - 1;

    /// <summary>Parses <paramref name="utf8"/>; false (and zero) when it is not an exact decimal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, out decimal value) =>
        TryFixedPoint(utf8, out value) || Parse(utf8, out value) == DecimalParseError.None;

    /// <summary>
    /// Parses <paramref name="utf8"/> and says why it failed: <see cref="DecimalParseError.None"/> with the value,
    /// or the reason with zero (see <see cref="Describe"/> for a text).
    /// </summary>
    public static DecimalParseError Parse(ReadOnlySpan<byte> utf8, out decimal value)
    {
        if (TryFixedPoint(utf8, out value))
        {
            return DecimalParseError.None;
        }

        return ParseGeneral(utf8, out value);
    }

    /// <summary>
    /// Parses <paramref name="utf8"/> and reports its scale (the number of fraction digits it carries, after
    /// any exponent), as a checksum over the text needs it.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out decimal value, out int scale)
    {
        var ok = TryParse(utf8, out value);
        scale = ok ? value.Scale : 0;
        return ok;
    }

    /// <summary>
    /// Reads the current token of <paramref name="reader"/>: a JSON number, or a JSON string holding one. False
    /// (and zero) for any other token and for a text that is not an exact decimal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ref Utf8JsonReader reader, out decimal value) =>
        Read(ref reader, out value) == DecimalParseError.None;

    /// <summary>Reads the current token of <paramref name="reader"/> like <see cref="TryRead"/>, saying why it failed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DecimalParseError Read(ref Utf8JsonReader reader, out decimal value)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
        {
            value = 0m;
            return DecimalParseError.NotANumberToken;
        }

        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return ReadCopied(ref reader, out value);
        }

        var span = reader.ValueSpan;
        return TryFixedPoint(span, out value) ? DecimalParseError.None : ParseGeneral(span, out value);
    }

    /// <summary>A short text for <paramref name="error"/>, for a malformed-frame report (a constant, no allocation).</summary>
    public static string Describe(DecimalParseError error) => error switch
    {
        DecimalParseError.None => "a decimal",
        DecimalParseError.Empty => "an empty decimal",
        DecimalParseError.InvalidCharacter => "not a decimal number",
        DecimalParseError.TooManyDigits => "a decimal with more digits than can be held exactly",
        DecimalParseError.OutOfRange => "a decimal out of range",
        DecimalParseError.NotANumberToken => "expected a decimal number or string",
        _ => "an unknown decimal error",
    };

    /// <summary>
    /// The common wire form fast: an optional minus and at most 19 digits with at most one point, no exponent,
    /// straight into the decimal's integer and scale. False for anything else, which the general parser decides.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryFixedPoint(ReadOnlySpan<byte> span, out decimal value)
    {
        value = 0m;
        var i = 0;
        var negative = false;
        if (span.Length > 0 && span[0] == '-')
        {
            negative = true;
            i = 1;
        }

        if (span.Length - i is 0 or > FastDigits + 1)
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
            else if (c == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits is 0 or > FastDigits)
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DecimalParseError ReadCopied(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0m;
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxCopiedLength)
        {
            return DecimalParseError.TooManyDigits;
        }

        Span<byte> buffer = stackalloc byte[MaxCopiedLength];
        int written;
        if (reader.TokenType == JsonTokenType.String)
        {
            written = reader.CopyString(buffer);
        }
        else
        {
            System.Buffers.BuffersExtensions.CopyTo(reader.ValueSequence, buffer);
            written = (int)length;
        }

        return Parse(buffer[..written], out value);
    }

    /// <summary>Every form: more digits, leading zeros, an exponent; exact or refused.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DecimalParseError ParseGeneral(ReadOnlySpan<byte> span, out decimal value)
    {
        value = 0m;
        if (span.IsEmpty)
        {
            return DecimalParseError.Empty;
        }

        var i = 0;
        var negative = span[0] == '-';
        if (negative)
        {
            i = 1;
        }

        UInt128 mantissa = 0;
        var significant = 0;
        var fraction = 0;
        var anyDigit = false;
        var point = false;
        for (; i < span.Length; i++)
        {
            var c = span[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                anyDigit = true;
                if (point)
                {
                    fraction++;
                }

                if (mantissa != 0 || d != 0)
                {
                    if (++significant > MaxDigits)
                    {
                        return DecimalParseError.TooManyDigits;
                    }

                    mantissa = (mantissa * 10) + d;
                }
            }
            else if (c == '.' && !point)
            {
                point = true;
            }
            else if (c is (byte)'e' or (byte)'E' && anyDigit)
            {
                break;
            }
            else
            {
                return DecimalParseError.InvalidCharacter;
            }
        }

        if (!anyDigit)
        {
            return DecimalParseError.InvalidCharacter;
        }

        var exponent = 0;
        if (i < span.Length && !TryExponent(span[(i + 1)..], out exponent))
        {
            return DecimalParseError.InvalidCharacter;
        }

        return Compose(mantissa, fraction - (long)exponent, negative, out value);
    }

    /// <summary>The exponent's digits after the e: an optional sign and at least one digit (clamped, never overflowing).</summary>
    private static bool TryExponent(ReadOnlySpan<byte> span, out int exponent)
    {
        exponent = 0;
        var i = 0;
        var negative = false;
        if (span.Length > 0 && span[0] is (byte)'+' or (byte)'-')
        {
            negative = span[0] == '-';
            i = 1;
        }

        if (i == span.Length)
        {
            return false;
        }

        for (; i < span.Length; i++)
        {
            var d = (uint)(span[i] - '0');
            if (d > 9)
            {
                return false;
            }

            exponent = Math.Min((exponent * 10) + (int)d, 100_000);
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }

    private static DecimalParseError Compose(UInt128 mantissa, long scale, bool negative, out decimal value)
    {
        value = 0m;
        if (mantissa == 0)
        {
            value = new decimal(0, 0, 0, negative, (byte)Math.Clamp(scale, 0, MaxScale));
            return DecimalParseError.None;
        }

        for (; scale < 0; scale++)
        {
            mantissa *= 10;
            if (mantissa > MaxMantissa)
            {
                return DecimalParseError.OutOfRange;
            }
        }

        // Trailing zeros past the largest scale carry no value; any other digit there would have to round.
        for (; scale > MaxScale && mantissa % 10 == 0; scale--)
        {
            mantissa /= 10;
        }

        if (scale > MaxScale)
        {
            return DecimalParseError.TooManyDigits;
        }

        if (mantissa > MaxMantissa)
        {
            return DecimalParseError.OutOfRange;
        }

        var low = (ulong)mantissa;
        value = new decimal((int)(uint)low, (int)(uint)(low >> 32), (int)(uint)(mantissa >> 64), negative, (byte)scale);
        return DecimalParseError.None;
    }
}
