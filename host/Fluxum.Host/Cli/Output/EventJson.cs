using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Cli.Output;

/// <summary>One JSON object per event (<c>--format json</c>): a <c>type</c> field plus the event's fields.</summary>
internal static class EventJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Output is for pipes and people, not for embedding in HTML: keep '+' in offsets readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new SymbolConverter(), new ChannelConverter(), new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The event as one line of JSON.</summary>
    public static string Serialize(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        JsonObject node;
        if (marketEvent is RawFrame raw)
        {
            node = new JsonObject
            {
                ["venue"] = raw.Venue,
                ["received_at"] = raw.ReceivedAt,
                ["frame"] = raw.Text,
            };
        }
        else
        {
            node = (JsonObject)JsonSerializer.SerializeToNode(marketEvent, marketEvent.GetType(), Options)!;
        }

        var typed = new JsonObject { ["type"] = TypeName(marketEvent) };
        foreach (var (key, value) in node)
        {
            typed[key] = value?.DeepClone();
        }

        return typed.ToJsonString(Options);
    }

    private static string TypeName(MarketEvent e) => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.GetType().Name);

    private sealed class SymbolConverter : JsonConverter<Symbol>
    {
        public override Symbol Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Symbol.Parse(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, Symbol value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    private sealed class ChannelConverter : JsonConverter<MarketChannel>
    {
        public override MarketChannel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("channels are written, not read");

        public override void Write(Utf8JsonWriter writer, MarketChannel value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
