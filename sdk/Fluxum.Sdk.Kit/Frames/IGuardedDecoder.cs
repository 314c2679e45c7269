using Fluxum.Sdk.Plugins;

namespace Fluxum.Sdk.Kit;

/// <summary>A frame decoder run by <see cref="FrameGuard.Decode"/>: it may throw on bad input, the guard reports it.</summary>
public interface IGuardedDecoder
{
    /// <summary>
    /// Decodes one frame into <paramref name="sink"/>, keeping <paramref name="attribution"/> up to date as it
    /// learns what the frame is. May throw on a malformed frame (a <see cref="System.Text.Json.JsonException"/>,
    /// a reader's <see cref="InvalidOperationException"/>, anything): the guard turns that into one report.
    /// </summary>
    void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, ref FrameAttribution attribution);
}
