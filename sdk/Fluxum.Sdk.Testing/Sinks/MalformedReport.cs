using System.Text;

namespace Fluxum.Sdk.Testing.Sinks;

/// <summary>A frame a protocol could not decode, as reported to <see cref="RecordingFrameSink"/>.</summary>
/// <param name="Reason">What was wrong, as the protocol said it.</param>
/// <param name="Frame">A copy of the frame's bytes.</param>
public sealed record MalformedReport(string Reason, byte[] Frame)
{
    /// <summary>The frame as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Frame);
}
