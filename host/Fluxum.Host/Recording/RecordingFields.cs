namespace Fluxum.Host.Recording;

/// <summary>The property names of a recording line.</summary>
internal static class RecordingFields
{
    public const string Venue = "venue";
    public const string Ts = "ts";
    public const string Frame = "frame";
    public const string FrameBase64 = "frame_base64";
    public const string Connected = "connected";
}
