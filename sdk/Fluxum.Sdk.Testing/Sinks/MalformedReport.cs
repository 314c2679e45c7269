using System.Text;

namespace Fluxum.Sdk.Testing.Sinks;

/// <summary>A frame a protocol could not decode, as reported to <see cref="RecordingFrameSink"/>.</summary>
/// <param name="Reason">What was wrong, as the protocol said it.</param>
/// <param name="Frame">A copy of the frame's bytes.</param>
/// <param name="BookSymbol">The symbol whose book frame it was (<see cref="Plugins.IFrameSink.BookMalformed"/>), or null.</param>
public sealed record MalformedReport(string Reason, byte[] Frame, Symbol? BookSymbol = null)
{
    /// <summary>True when reported through <see cref="Plugins.IFrameSink.UnattributedBookMalformed"/>: it may have been any book's.</summary>
    public bool Unattributed { get; init; }

    /// <summary>The frame as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Frame);
}
