namespace Fluxum.Host.Recording;

/// <summary>One line of a recording: a frame, or (when <paramref name="IsConnected"/>) a new connection.</summary>
/// <param name="Venue">The venue that received it.</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="Frame">The frame's bytes (empty for a connection marker).</param>
/// <param name="IsConnected">True for a connection marker.</param>
/// <param name="Line">The 1-based line in the file.</param>
internal sealed record RecordedFrame(string Venue, DateTimeOffset ReceivedAt, byte[] Frame, bool IsConnected, int Line);
