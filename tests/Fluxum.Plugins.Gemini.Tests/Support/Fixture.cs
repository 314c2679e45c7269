using System.Text;
using System.Text.Json;

namespace Fluxum.Plugins.Gemini.Tests.Support;

/// <summary>Reads files from the test project's Fixtures folder.</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    /// <summary>The wire frame of a fixture: the JSON without its documentation keys (_note, _source).</summary>
    public static byte[] Frame(string name) => Strip(Text(name));

    /// <summary>The frames of a fixture holding a JSON array of frames.</summary>
    public static List<byte[]> Frames(string name)
    {
        using var doc = JsonDocument.Parse(Text(name));
        return [.. doc.RootElement.EnumerateArray().Select(e => Encoding.UTF8.GetBytes(e.GetRawText()))];
    }

    /// <summary>The received frames of the Gemini v2 recording, in order.</summary>
    public static List<byte[]> Recording()
    {
        var frames = new List<byte[]>();
        foreach (var line in File.ReadLines(Path("gemini_v2_cryptofeed_2021-06-24.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.TryGetProperty("frame", out var frame) && !(root.TryGetProperty("dir", out var dir) && dir.GetString() == "out"))
            {
                frames.Add(Encoding.UTF8.GetBytes(frame.GetString()!));
            }
        }

        return frames;
    }

    private static byte[] Strip(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            return Encoding.UTF8.GetBytes(json);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var p in doc.RootElement.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
            {
                p.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
