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
    public static bool TryDecimal(ref Utf8JsonReader reader, out decimal value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
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
        return Utf8Parser.TryParse(span, out value, out var consumed) && consumed == span.Length;
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
}
