namespace Fluxum.Host.Relay;

/// <summary>A relay venue cannot read its source: NATS unreachable, or no such stream (the message names the key).</summary>
internal sealed class RelayStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RelayStartException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RelayStartException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public RelayStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
