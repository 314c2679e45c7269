using System.Text.Json;
using Fluxum.Sdk.Kit;

namespace Fluxum.Plugins.Gemini.Wire;

/// <summary>
/// Gemini's JSON values (decimals as strings or numbers, integer times), read through the plugin kit without
/// allocating. A value that is not what the field needs throws <see cref="JsonException"/>: the decoders treat
/// the frame (or the level row) as malformed and report it.
/// </summary>
internal static class Json
{
    /// <summary>Reads a decimal from a JSON string ("302.75", "1e-8") or a JSON number, exactly (the kit's parser).</summary>
    /// <exception cref="JsonException">The token is no decimal.</exception>
    public static decimal Decimal(ref Utf8JsonReader reader)
    {
        var error = Utf8Decimal.Read(ref reader, out var value);
        return error == DecimalParseError.None ? value : throw NotADecimal(ref reader, error);
    }

    /// <summary>Reads a 64-bit integer from a JSON number or a numeric string.</summary>
    /// <exception cref="JsonException">The token is no integer.</exception>
    public static long Int64(ref Utf8JsonReader reader) =>
        Utf8Integer.TryRead(ref reader, out var value) ? value : throw NotAnInteger(reader.TokenType);

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

    // Error texts are built out of line, so the per-field readers stay small enough to inline.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static JsonException NotADecimal(ref Utf8JsonReader reader, DecimalParseError error) =>
        error == DecimalParseError.NotANumberToken
            ? new JsonException($"expected a decimal string, found {reader.TokenType}")
            : new JsonException($"'{Text(ref reader)}' is not a decimal ({Utf8Decimal.Describe(error)})");

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static JsonException NotAnInteger(JsonTokenType token) => new($"expected an integer, found {token}");

    /// <summary>The token's text for an error message, cut to a short excerpt.</summary>
    private static string Text(ref Utf8JsonReader reader)
    {
        var text = reader.HasValueSequence
            ? System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence))
            : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
