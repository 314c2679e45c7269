namespace Fluxum.Host.Runtime;

/// <summary>A step of starting a venue failed; the message names the venue and the step.</summary>
internal sealed class VenueStartException : Exception
{
    public VenueStartException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public VenueStartException()
    {
    }

    public VenueStartException(string message)
        : base(message)
    {
    }
}
