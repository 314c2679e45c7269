using System.Buffers.Text;
using System.Text.Json;

namespace Fluxum.Plugins.Gemini.Wire;

/// <summary>Allocation-free readers for Gemini's JSON values (decimals as strings or numbers, integer times).</summary>
internal static class Json
{
    /// <summary>Reads a decimal from a JSON string ("302.75", "1e-8") or a JSON number.</summary>
    public static decimal Decimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDecimal();
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            throw new JsonException($"expected a decimal string, found {reader.TokenType}");
        }

        return ParseDecimal(reader.ValueSpan);
    }

    /// <summary>Parses an unescaped UTF-8 decimal.</summary>
    public static decimal ParseDecimal(ReadOnlySpan<byte> text)
    {
        if (TryParsePlain(text, out var plain))
        {
            return plain;
        }

        if (Utf8Parser.TryParse(text, out decimal value, out var consumed) && consumed == text.Length)
        {
            return value;
        }

        if (Utf8Parser.TryParse(text, out value, out consumed, 'E') && consumed == text.Length)
        {
            return value;
        }

        throw new JsonException($"'{System.Text.Encoding.UTF8.GetString(text)}' is not a decimal");
    }

    /// <summary>
    /// The common wire form (<c>302.75</c>, at most 19 digits, no sign or exponent) without the general
    /// parser: digits into a 64-bit integer, the decimal point as the scale.
    /// </summary>
    private static bool TryParsePlain(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0m;
        if (text.IsEmpty || text.Length > 20)
        {
            return false;
        }

        ulong digits = 0;
        var count = 0;
        var scale = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                digits = (digits * 10) + d;
                count++;
            }
            else if (c == '.' && scale < 0)
            {
                scale = text.Length - i - 1;
            }
            else
            {
                return false;
            }
        }

        if (count == 0 || count > 19 || scale == 0)
        {
            return false;
        }

        value = new decimal((int)(uint)digits, (int)(uint)(digits >> 32), 0, false, (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>Reads a 64-bit integer from a JSON number or a numeric string.</summary>
    public static long Int64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetInt64();
        }

        if (reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out long v, out var consumed) && consumed == reader.ValueSpan.Length)
        {
            return v;
        }

        throw new JsonException($"expected an integer, found {reader.TokenType}");
    }

    /// <summary>Moves to the next token, failing on a truncated frame.</summary>
    public static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the frame ends early");
        }
    }

    /// <summary>Converts epoch milliseconds, microseconds or nanoseconds (by magnitude) to a time.</summary>
    public static DateTimeOffset EpochAuto(long value) => value switch
    {
        >= 100_000_000_000_000_000 => DateTimeOffset.UnixEpoch.AddTicks(value / 100),
        >= 100_000_000_000_000 => DateTimeOffset.UnixEpoch.AddTicks(value * 10),
        >= 100_000_000_000 => DateTimeOffset.FromUnixTimeMilliseconds(value),
        _ => DateTimeOffset.FromUnixTimeSeconds(value),
    };

    /// <summary>Whether the current string token equals <paramref name="literal"/>.</summary>
    public static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> literal) =>
        reader.TokenType == JsonTokenType.String && reader.ValueSpan.SequenceEqual(literal);
}
