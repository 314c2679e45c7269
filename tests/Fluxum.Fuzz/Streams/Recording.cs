using System.Text;
using System.Text.Json;

namespace Fluxum.Fuzz.Streams;

/// <summary>The received frames of a recording (jsonl: one <c>{"frame": …}</c> per line; sent frames and events skipped).</summary>
internal static class Recording
{
    public static IReadOnlyList<byte[]> Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", fileName);
        var frames = new List<byte[]>();
        foreach (var line in File.ReadLines(path))
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
}
