using System.Text.Json;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>The top-level property names the decoder reads in place; the rest go to the header reader.</summary>
internal enum TopKey
{
    Other,
    Channel,
    Type,
    Data,
    Method,
    Result,
}

/// <summary>Classifies the current top-level property name by length and one byte before comparing it.</summary>
internal static class TopKeys
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static TopKey Of(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return Slow(ref reader);
        }

        var name = reader.ValueSpan;
        return name.Length switch
        {
            4 when name[0] == 't' && name.SequenceEqual("type"u8) => TopKey.Type,
            4 when name[0] == 'd' && name.SequenceEqual("data"u8) => TopKey.Data,
            6 when name[0] == 'm' && name.SequenceEqual("method"u8) => TopKey.Method,
            6 when name[0] == 'r' && name.SequenceEqual("result"u8) => TopKey.Result,
            7 when name.SequenceEqual("channel"u8) => TopKey.Channel,
            _ => TopKey.Other,
        };
    }

    private static TopKey Slow(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("channel"u8) ? TopKey.Channel
        : reader.ValueTextEquals("type"u8) ? TopKey.Type
        : reader.ValueTextEquals("data"u8) ? TopKey.Data
        : reader.ValueTextEquals("method"u8) ? TopKey.Method
        : reader.ValueTextEquals("result"u8) ? TopKey.Result
        : TopKey.Other;
}
