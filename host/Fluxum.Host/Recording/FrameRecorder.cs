using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Recording;

/// <summary>
/// Writes every raw frame with its receive time to a JSON-lines file, one object per line:
/// <c>{"venue":"kraken","ts":"2026-11-24T02:30:17.1234567+00:00","frame":"{...}"}</c>. A frame that is not
/// UTF-8 is kept as <c>"frame_base64"</c>; a new connection is marked <c>{"venue":..,"ts":..,"connected":true}</c>
/// so a replay resets the protocol where the live session did. Several sessions may share one recorder.
/// A recording that cannot be written (a full disk, a broken mount) never stops the market data: the first
/// failure is logged once (file, reason, frames recorded), the recorder switches itself off, and every frame
/// after it is counted in <see cref="FramesNotRecorded"/>; the caller reports it once to the user.
/// </summary>
internal sealed partial class FrameRecorder : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _writer;
    private readonly ILogger _logger;
    private long _frames;
    private long _notRecorded;
    private string? _failure;
    private bool _disposed;

    /// <summary>Creates (or truncates) the file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be created (the message names it).</exception>
    public FrameRecorder(string path, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _logger = logger ?? NullLogger.Instance;
        _file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
        _writer = new Utf8JsonWriter(_file, WriterOptions);
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Frames recorded so far.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Frames offered after the recording failed (not written).</summary>
    public long FramesNotRecorded => Interlocked.Read(ref _notRecorded);

    /// <summary>Why the recording stopped (file and reason), or null while it works.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Appends one frame. Never throws for the file's sake: returns the failure's description on the one call
    /// whose write failed (so the caller reports it once), null otherwise.
    /// </summary>
    public string? Record(string venue, DateTimeOffset receivedAt, ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(FrameRecorder), $"the recording {Path} is closed");
            }

            if (_failure is not null)
            {
                _notRecorded++;
                return null;
            }

            try
            {
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
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _notRecorded++;
                return Fail(e);
            }
        }
    }

    /// <summary>
    /// Marks that a new connection of <paramref name="venue"/> opened. Like <see cref="Record"/>, returns the
    /// failure's description on the call whose write failed, null otherwise.
    /// </summary>
    public string? RecordConnected(string venue, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_disposed || _failure is not null)
            {
                return null;
            }

            try
            {
                Begin(venue, at);
                _writer.WriteBoolean(RecordingFields.Connected, true);
                End();
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(e);
            }
        }
    }

    /// <summary>Writes out everything buffered (a failure is recorded, logged once, not thrown).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_disposed && _failure is null)
            {
                try
                {
                    _file.Flush();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Fail(e);
                }
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
            if (_failure is not null)
            {
                return; // the file was released when the recording failed
            }

            try
            {
                _writer.Dispose();
                _file.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(e);
            }
        }
    }

    /// <summary>Switches the recording off after a failed write (under the lock).</summary>
    private string Fail(Exception e)
    {
        var failure = $"recording to {Path} failed after {_frames} frames: {e.Message}";
        Volatile.Write(ref _failure, failure);
        LogFailed(_logger, Path, _frames, e.Message);
        CloseQuietly();
        return failure;
    }

    /// <summary>
    /// Releases the file after a failed write. Closing flushes the rest of the buffer, which fails the same
    /// way: that second failure is the one already reported, so it is not reported again.
    /// </summary>
    private void CloseQuietly()
    {
        try
        {
            _file.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCloseFailed(_logger, Path, e.Message);
        }
    }

    [LoggerMessage(EventId = 1410, Level = LogLevel.Error, Message = "Recording to {Path} failed after {Frames} frames: {Reason}; recording is switched off, market data continues")]
    private static partial void LogFailed(ILogger logger, string path, long frames, string reason);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Debug, Message = "Closing the failed recording {Path}: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string path, string reason);

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
