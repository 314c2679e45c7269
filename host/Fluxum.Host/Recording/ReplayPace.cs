namespace Fluxum.Host.Recording;

/// <summary>How fast a recording is played.</summary>
internal enum ReplayPace
{
    /// <summary>Every frame at once, as fast as decoding allows.</summary>
    AsFastAsPossible,

    /// <summary>With the recorded gaps between frames (timed by the injected clock).</summary>
    Recorded,
}
