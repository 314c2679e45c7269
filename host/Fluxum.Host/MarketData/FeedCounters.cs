namespace Fluxum.Host.MarketData;

/// <summary>Running totals of one venue's feed (thread-safe).</summary>
internal sealed class FeedCounters
{
    private long _frames;
    private long _events;
    private long _malformed;
    private long _decoderFaults;
    private long _recordingFailures;

    /// <summary>Raw frames processed.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Normalized events published.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Frames the protocol reported as malformed.</summary>
    public long MalformedFrames => Interlocked.Read(ref _malformed);

    /// <summary>Frames whose decoding threw (a plugin bug, contained).</summary>
    public long DecoderFaults => Interlocked.Read(ref _decoderFaults);

    /// <summary>Recordings of this venue's frames that failed and were switched off.</summary>
    public long RecordingFailures => Interlocked.Read(ref _recordingFailures);

    internal void RecordingFailure() => Interlocked.Increment(ref _recordingFailures);

    internal void Frame() => Interlocked.Increment(ref _frames);

    internal void Event() => Interlocked.Increment(ref _events);

    internal void MalformedFrame() => Interlocked.Increment(ref _malformed);

    internal void DecoderFault() => Interlocked.Increment(ref _decoderFaults);
}
