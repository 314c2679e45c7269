namespace Fluxum.Host.MarketData;

/// <summary>Running totals of one venue's feed (thread-safe).</summary>
internal sealed class FeedCounters
{
    private long _frames;
    private long _bytes;
    private long _events;
    private readonly long[] _eventsByKind = new long[(int)EventKind.Other + 1];
    private long _malformed;
    private long _decoderFaults;
    private long _recordingFailures;

    /// <summary>Raw frames processed.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Bytes of the raw frames processed.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Normalized events published.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Frames the protocol reported as malformed.</summary>
    public long MalformedFrames => Interlocked.Read(ref _malformed);

    /// <summary>Frames whose decoding threw (a plugin bug, contained).</summary>
    public long DecoderFaults => Interlocked.Read(ref _decoderFaults);

    /// <summary>Recordings of this venue's frames that failed and were switched off.</summary>
    public long RecordingFailures => Interlocked.Read(ref _recordingFailures);

    internal void RecordingFailure() => Interlocked.Increment(ref _recordingFailures);

    /// <summary>Events published of <paramref name="kind"/>.</summary>
    public long EventsOf(EventKind kind) => Interlocked.Read(ref _eventsByKind[(int)kind]);

    internal void Frame(int bytes)
    {
        Interlocked.Increment(ref _frames);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal void Event(EventKind kind)
    {
        Interlocked.Increment(ref _events);
        Interlocked.Increment(ref _eventsByKind[(int)kind]);
    }

    internal void MalformedFrame() => Interlocked.Increment(ref _malformed);

    internal void DecoderFault() => Interlocked.Increment(ref _decoderFaults);
}

/// <summary>The kinds of normalized events a feed counts (the meter's <c>kind</c> tag).</summary>
internal enum EventKind
{
    Trade,
    Ticker,
    Candle,
    DataQuality,
    Other,
}
