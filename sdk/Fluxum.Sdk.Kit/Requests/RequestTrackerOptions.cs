namespace Fluxum.Sdk.Kit;

/// <summary>Bounds and timeout of a <see cref="RequestTracker{TRequest}"/>.</summary>
public sealed record RequestTrackerOptions
{
    /// <summary>
    /// The most requests awaiting their ack (default 4096). Adding one more forgets the oldest, counted in
    /// <see cref="RequestTracker{TRequest}.Evicted"/>.
    /// </summary>
    public int MaxPending { get; init; } = 4096;

    /// <summary>
    /// How long a request waits for its ack before <see cref="RequestTracker{TRequest}.TakeExpired"/> hands it
    /// back (default: null, it waits until answered or evicted).
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How many completed or expired ids are remembered to tell a duplicate or late ack from an unknown one (default 256).</summary>
    public int RememberAnswered { get; init; } = 256;
}
