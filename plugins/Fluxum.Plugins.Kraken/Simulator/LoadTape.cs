using Fluxum.Sdk.Books;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>What a load frame is, so a connection gets only the channels it subscribed.</summary>
internal enum LoadKind
{
    Book,
    Trade,
    Ticker,
}

/// <summary>
/// One frame of a load tape: its bytes as sent, with the offsets of every <c>timestamp</c> value in it (27 bytes,
/// <c>2026-01-01T00:00:00.000000Z</c>), overwritten with the send time as it goes out.
/// </summary>
internal sealed record LoadFrame(LoadKind Kind, byte[] Bytes, int[] Stamps);

/// <summary>
/// A pair's load stream at one book depth: the book a client's snapshot shows, then a cycle of frames a market stepped
/// from it produced (book updates with their checksums, one trade per trade frame, tickers), closed by one book update
/// that brings the book back to where it started, so the cycle repeats forever and every checksum stays true.
/// </summary>
internal sealed class LoadTape
{
    public LoadTape(OrderBook start, byte[] snapshot, LoadFrame[] frames)
    {
        Start = start;
        Snapshot = snapshot;
        Frames = frames;
    }

    /// <summary>The book at the start of every cycle (the client's view, truncated to the depth).</summary>
    public OrderBook Start { get; }

    /// <summary>The book snapshot message of <see cref="Start"/> (its timestamp is stamped when sent, like the rest).</summary>
    public byte[] Snapshot { get; }

    public LoadFrame[] Frames { get; }

    /// <summary>The offsets of every <c>"timestamp":"</c> value in <paramref name="frame"/>.</summary>
    public static int[] FindStamps(byte[] frame)
    {
        var key = "\"timestamp\":\""u8;
        var stamps = new List<int>(1);
        var at = 0;
        while (frame.AsSpan(at).IndexOf(key) is var found and >= 0)
        {
            at += found + key.Length;
            stamps.Add(at);
        }

        return [.. stamps];
    }
}

/// <summary>Where one subscribed symbol of one connection is in its tape.</summary>
internal sealed class LoadCursor
{
    public LoadCursor(LoadTape tape)
    {
        Tape = tape;
    }

    public LoadTape Tape { get; }

    public int Next { get; set; }
}
