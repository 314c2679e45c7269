using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Fluxum.Host.Recording;

/// <summary>Reads a recording written by <see cref="FrameRecorder"/>. A bad line is an error naming file and line.</summary>
internal static class RecordingReader
{
    /// <summary>The lines of <paramref name="path"/> for <paramref name="venue"/> (null: every venue), in file order.</summary>
    /// <exception cref="InvalidDataException">A line is not a recording entry (the message names file, line and problem).</exception>
    public static async IAsyncEnumerable<RecordedFrame> ReadAsync(string path, string? venue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var entry = Parse(path, number, line);
            if (venue is null || string.Equals(entry.Venue, venue, StringComparison.OrdinalIgnoreCase))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Parses one line.</summary>
    public static RecordedFrame Parse(string path, int number, string line)
    {
        string? venue = null;
        DateTimeOffset? ts = null;
        byte[]? frame = null;
        var connected = false;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "expected a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case RecordingFields.Venue: venue = reader.GetString(); break;
                    case RecordingFields.Ts: ts = reader.GetDateTimeOffset(); break;
                    case RecordingFields.Frame: frame = Encoding.UTF8.GetBytes(reader.GetString() ?? string.Empty); break;
                    case RecordingFields.FrameBase64: frame = reader.GetBytesFromBase64(); break;
                    case RecordingFields.Connected: connected = reader.GetBoolean(); break;
                    default: reader.Skip(); break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}:{number}: not a recording entry: {e.Message}", e);
        }

        if (string.IsNullOrEmpty(venue) || ts is null || (frame is null && !connected))
        {
            throw new InvalidDataException($"{path}:{number}: a recording entry needs \"venue\", \"ts\" (ISO 8601) and \"frame\" (or \"connected\": true)");
        }

        return new RecordedFrame(venue, ts.Value, frame ?? [], connected && frame is null, number);
    }

    private static void Expect(bool condition, string problem)
    {
        if (!condition)
        {
            throw new FormatException(problem);
        }
    }
}
