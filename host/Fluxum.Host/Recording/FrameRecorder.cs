using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fluxum.Host.Recording;

/// <summary>
/// Writes every raw frame with its receive time to a JSON-lines file, one object per line:
/// <c>{"venue":"kraken","ts":"2026-11-24T02:30:17.1234567+00:00","frame":"{...}"}</c>. A frame that is not
/// UTF-8 is kept as <c>"frame_base64"</c>; a new connection is marked <c>{"venue":..,"ts":..,"connected":true}</c>
/// so a replay resets the protocol where the live session did. Several sessions may share one recorder.
/// </summary>
internal sealed class FrameRecorder : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _writer;
    private long _frames;
    private bool _disposed;

    /// <summary>Creates (or truncates) the file at <paramref name="path"/>.</summary>
    public FrameRecorder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
        _writer = new Utf8JsonWriter(_file, WriterOptions);
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Frames recorded so far.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Appends one frame.</summary>
    public void Record(string venue, DateTimeOffset receivedAt, ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(FrameRecorder), $"the recording {Path} is closed");
            }

            Begin(venue, receivedAt);
            if (System.Text.Unicode.Utf8.IsValid(frame))
            {
                _writer.WriteString(RecordingFields.Frame, frame);
            }
            else
            {
                _writer.WriteBase64String(RecordingFields.FrameBase64, frame);
            }

            End();
            _frames++;
        }
    }

    /// <summary>Marks that a new connection of <paramref name="venue"/> opened.</summary>
    public void RecordConnected(string venue, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Begin(venue, at);
            _writer.WriteBoolean(RecordingFields.Connected, true);
            End();
        }
    }

    /// <summary>Writes out everything buffered.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _file.Flush();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
            _file.Dispose();
        }
    }

    private void Begin(string venue, DateTimeOffset at)
    {
        _writer.Reset();
        _writer.WriteStartObject();
        _writer.WriteString(RecordingFields.Venue, venue);
        _writer.WriteString(RecordingFields.Ts, at);
    }

    private void End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _file.WriteByte((byte)'\n');
    }
}
