namespace Fluxum.Host.Runtime;

/// <summary>Where a venue runtime is in its life.</summary>
internal enum VenueRuntimeStatus
{
    /// <summary>Created, not started.</summary>
    Created,

    /// <summary>Running (connecting, streaming or replaying).</summary>
    Running,

    /// <summary>Finished: stopped, or its replay reached the end of the file.</summary>
    Completed,

    /// <summary>Failed: see <see cref="VenueRuntime.Fault"/>.</summary>
    Faulted,
}
