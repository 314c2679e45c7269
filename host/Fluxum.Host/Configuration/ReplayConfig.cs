namespace Fluxum.Host.Configuration;

/// <summary>How a replay is paced.</summary>
internal enum ReplayPace
{
    /// <summary>As fast as the pipeline takes it.</summary>
    Fast,

    /// <summary>With the gaps between receive times as recorded.</summary>
    Recorded,
}

/// <summary>A venue in replay mode: the JSON-lines capture to play and its pace.</summary>
/// <param name="File">The capture (absolute path).</param>
/// <param name="Pace">Fast or recorded.</param>
internal sealed record ReplayConfig(string File, ReplayPace Pace);
