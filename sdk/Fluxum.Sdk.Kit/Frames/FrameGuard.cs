using System.Text.Json;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Sdk.Kit;

/// <summary>
/// The malformed-frame guard: a frame's decode runs inside it, and any exception it throws becomes exactly one
/// report to the sink (by the frame's <see cref="FrameAttribution"/>: its book's <see cref="IFrameSink.BookMalformed"/>,
/// a plain <see cref="IFrameSink.Malformed"/>, or <see cref="IFrameSink.UnattributedBookMalformed"/>), with a
/// short reason and a bounded excerpt of the frame. Nothing the decoder throws escapes.
/// </summary>
public static class FrameGuard
{
    /// <summary>The most bytes of a frame handed to the sink with a report.</summary>
    public const int MaxExcerptBytes = 1024;

    /// <summary>The most characters of an exception's message kept in a reason.</summary>
    public const int MaxMessageLength = 160;

    /// <summary>
    /// Runs <paramref name="decoder"/> over <paramref name="frame"/>; true when it decoded without throwing, false
    /// when it threw and the frame was reported. The exception's text is in the report (with
    /// <paramref name="reasonPrefix"/> before it, e.g. the protocol's name).
    /// </summary>
    public static bool Decode<TDecoder>(TDecoder decoder, ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, string? reasonPrefix = null)
        where TDecoder : IGuardedDecoder
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(sink);
        var attribution = FrameAttribution.Unattributed;
        try
        {
            decoder.Decode(frame, receivedAt, sink, ref attribution);
            return true;
        }
#pragma warning disable CA1031 // The guard's purpose: whatever a decoder throws is reported, never propagated.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Report(sink, attribution, Reason(e, reasonPrefix), frame);
            return false;
        }
    }

    /// <summary>Reports a broken frame once, by <paramref name="attribution"/>, with a bounded excerpt of it.</summary>
    public static void Report(IFrameSink sink, FrameAttribution attribution, string reason, ReadOnlySpan<byte> frame)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var excerpt = frame.Length <= MaxExcerptBytes ? frame : frame[..MaxExcerptBytes];
        switch (attribution.Origin)
        {
            case FrameOrigin.Book when !attribution.Symbol.IsEmpty:
                sink.BookMalformed(attribution.Symbol, reason, excerpt);
                break;
            case FrameOrigin.Other:
                sink.Malformed(reason, excerpt);
                break;
            default:
                sink.UnattributedBookMalformed(reason, excerpt);
                break;
        }
    }

    /// <summary>
    /// A short reason for a decode that threw: what kind of failure (<c>invalid JSON</c>, <c>unexpected JSON value</c>,
    /// <c>bad value</c>, or a decoder fault naming the exception type), where when <paramref name="position"/> is
    /// known (<c>at byte 12</c>), and the exception's message, cut to <see cref="MaxMessageLength"/>.
    /// </summary>
    public static string Reason(Exception exception, string? prefix = null, long position = -1)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var kind = exception switch
        {
            JsonException => "invalid JSON",
            InvalidOperationException => "unexpected JSON value",
            FormatException or OverflowException or ArgumentException => "bad value",
            _ => "decoder fault (" + exception.GetType().Name + ")",
        };
        var message = exception.Message.Length <= MaxMessageLength ? exception.Message : exception.Message[..MaxMessageLength] + "...";
        var at = position >= 0 ? " at byte " + position.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        return $"{prefix}{kind}{at}: {message}";
    }
}
