using System.Text;
using System.Text.Json;

namespace Fluxum.Benchmarks.Gemini;

/// <summary>The received frames of Fixtures/gemini_v2_cryptofeed_2021-06-24.jsonl (see Fixtures/README.md).</summary>
internal static class RecordedFrames
{
    public static IEnumerable<byte[]> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "gemini_v2_cryptofeed_2021-06-24.jsonl");
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.TryGetProperty("frame", out var frame) && !(root.TryGetProperty("dir", out var dir) && dir.GetString() == "out"))
            {
                yield return Encoding.UTF8.GetBytes(frame.GetString()!);
            }
        }
    }
}
