namespace Fluxum.Host.Publishing;

/// <summary>Publishing could not start: NATS unreachable, or JetStream refused the stream (the message names the key).</summary>
internal sealed class PublishStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PublishStartException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PublishStartException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public PublishStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
