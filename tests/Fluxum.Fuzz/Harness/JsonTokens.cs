using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Fluxum.Fuzz.Harness;

/// <summary>What a token of a recorded frame is.</summary>
internal enum TokenKind
{
    String,
    Number,
    Literal,
    Object,
    Array,
    Property,
}

/// <summary>
/// One value (or property: name through value) of a frame, as a byte range: [<paramref name="Start"/>,
/// <paramref name="End"/>). A property's range runs from its name's opening quote to its value's end.
/// </summary>
internal readonly record struct JsonToken(TokenKind Kind, int Start, int End, int Depth);

/// <summary>The token ranges of clean frames, computed once per frame (frames repeat every loop).</summary>
internal sealed class JsonTokens
{
    private readonly ConditionalWeakTable<byte[], JsonToken[]> _cache = [];

    public JsonToken[] Of(byte[] frame) => _cache.GetValue(frame, Parse);

    private static JsonToken[] Parse(byte[] frame)
    {
        var tokens = new List<JsonToken>();
        var open = new Stack<(TokenKind Kind, int Start, int Depth, int Property)>();
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
        var pendingProperty = -1;
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                var depth = reader.CurrentDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = start;
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        open.Push((reader.TokenType == JsonTokenType.StartObject ? TokenKind.Object : TokenKind.Array, start, depth, pendingProperty));
                        pendingProperty = -1;
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        var (kind, from, d, property) = open.Pop();
                        Add(tokens, kind, from, start + 1, d, property);
                        continue;
                    case JsonTokenType.String:
                        Add(tokens, TokenKind.String, start, start + reader.ValueSpan.Length + 2, depth, pendingProperty);
                        break;
                    case JsonTokenType.Number:
                        Add(tokens, TokenKind.Number, start, start + reader.ValueSpan.Length, depth, pendingProperty);
                        break;
                    default:
                        Add(tokens, TokenKind.Literal, start, start + reader.ValueSpan.Length, depth, pendingProperty);
                        break;
                }

                pendingProperty = -1;
            }
        }
        catch (JsonException)
        {
            // A frame of the recording that is not JSON (none is): it is mutated byte-wise only.
            return [];
        }

        return [.. tokens];
    }

    private static void Add(List<JsonToken> tokens, TokenKind kind, int start, int end, int depth, int property)
    {
        tokens.Add(new JsonToken(kind, start, end, depth));
        if (property >= 0)
        {
            tokens.Add(new JsonToken(TokenKind.Property, property, end, depth));
        }
    }
}
