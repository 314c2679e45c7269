using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>Small helpers to write Kraken's wire JSON: numbers at the pair's fixed decimals, RFC 3339 times.</summary>
internal static class SimJson
{
    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A number with exactly <paramref name="decimals"/> decimals, as the live wire sends them (<c>1774.00</c>).</summary>
    public static void Fixed(this Utf8JsonWriter writer, string name, decimal value, int decimals)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), skipInputValidation: true);
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string Time9(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);
}
