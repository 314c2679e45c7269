namespace Fluxum.Sdk.Kit;

/// <summary>What an acknowledgement's request id matched in a <see cref="RequestTracker{TRequest}"/>.</summary>
public enum AckMatch
{
    /// <summary>A pending request: it is completed now.</summary>
    Matched = 0,

    /// <summary>A request already completed by an earlier ack: this one is a duplicate.</summary>
    Duplicate,

    /// <summary>A request that timed out before its ack came (the ack is late).</summary>
    Expired,

    /// <summary>No request this tracker handed out and still remembers (a stranger's id, or one long gone).</summary>
    Unknown,
}
