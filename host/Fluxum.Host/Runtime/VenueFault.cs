namespace Fluxum.Host.Runtime;

/// <summary>Why a venue stopped working; the deployment's other venues keep running.</summary>
/// <param name="Venue">The venue name.</param>
/// <param name="Message">What went wrong, naming the venue and the step.</param>
/// <param name="Exception">The exception, when one was thrown.</param>
internal sealed record VenueFault(string Venue, string Message, Exception? Exception = null)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
