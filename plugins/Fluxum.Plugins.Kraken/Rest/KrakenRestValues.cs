using System.Globalization;
using System.Text.Json;

namespace Fluxum.Plugins.Kraken.Rest;

/// <summary>Reads REST values, which Kraken sends as strings (<c>"-24.5000"</c>) or numbers (<c>time</c>).</summary>
internal static class KrakenRestValues
{
    /// <exception cref="FormatException">The value is not a number; the message names the field.</exception>
    public static decimal Decimal(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new FormatException($"Kraken {field} is not a number: {value.GetRawText()}");
    }
}
