using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Fluxum.Sdk.Kit;

/// <summary>
/// The small steps every hand-written <see cref="Utf8JsonReader"/> decoder repeats, each throwing a
/// <see cref="JsonException"/> or <see cref="FormatException"/> that says what was wrong (the frame guard turns it into a
/// malformed-frame report): the next token, an expected token, a skipped value, an exact decimal, an integer, a
/// string, a Unix time. None allocates except <see cref="ReadString"/>.
/// </summary>
public static class JsonFrame
{
    /// <summary>Reads the next token and returns its type; throws when the frame ends first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the frame ends early");

    /// <summary>Reads the next token; throws unless it is a <paramref name="type"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            Unexpected(ref reader, type);
        }
    }

    /// <summary>Skips the value of the property name the reader is on (a scalar, or a whole object or array).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    /// <summary>Reads the next token, a JSON string holding an exact decimal (<c>"0.06317902"</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal ReadDecimalString(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        var error = Utf8Decimal.Read(ref reader, out var value);
        return error == DecimalParseError.None ? value : throw new FormatException(Utf8Decimal.Describe(error));
    }

    /// <summary>Reads the next token, a JSON number or a string holding one, as an exact decimal.</summary>
    public static decimal ReadDecimal(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        var error = Utf8Decimal.Read(ref reader, out var value);
        return error == DecimalParseError.None ? value : throw new FormatException(Utf8Decimal.Describe(error));
    }

    /// <summary>Reads the next token, a JSON integer.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.Number);
        return reader.TryGetInt64(out var value) ? value : throw new FormatException($"'{reader.GetDouble()}' is not a 64-bit integer");
    }

    /// <summary>Reads the next token, a JSON string.</summary>
    public static string ReadString(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        return reader.GetString()!;
    }

    /// <summary>Reads the next token, a JSON integer of milliseconds since the Unix epoch.</summary>
    public static DateTimeOffset ReadUnixMilliseconds(ref Utf8JsonReader reader)
    {
        var millis = ReadInt64(ref reader);
        return millis is >= -62_135_596_800_000 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : throw new FormatException($"{millis} ms is not a time");
    }

    /// <summary>
    /// Reads the next token, a JSON string holding an RFC 3339 time (see <see cref="Utf8Timestamp"/>); pass a
    /// <see cref="Utf8TimestampCache"/> to reuse the date of the previous time read through it.
    /// </summary>
    public static DateTimeOffset ReadTimestamp(ref Utf8JsonReader reader, Utf8TimestampCache? cache = null)
    {
        Expect(ref reader, JsonTokenType.String);
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            var text = reader.GetString()!;
            return Utf8Timestamp.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out var copied) ? copied : throw new FormatException($"'{text}' is not an RFC 3339 time");
        }

        var parsed = cache is null ? Utf8Timestamp.TryParse(reader.ValueSpan, out var value) : cache.TryParse(reader.ValueSpan, out value);
        return parsed ? value : throw new FormatException($"'{reader.GetString()}' is not an RFC 3339 time");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Unexpected(ref Utf8JsonReader reader, JsonTokenType type) =>
        throw new JsonException(reader.TokenType == JsonTokenType.None || reader.BytesConsumed == 0
            ? $"expected {type}, the frame ends early"
            : $"expected {type} at byte {reader.TokenStartIndex}, found {reader.TokenType}");
}
