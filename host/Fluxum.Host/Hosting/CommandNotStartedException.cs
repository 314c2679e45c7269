namespace Fluxum.Host.Hosting;

/// <summary>
/// A hosted service could not start what the command asked for (a script did not compile, no venue
/// started). Its reasons are already on stderr; the command exits 1 with nothing left running.
/// </summary>
internal sealed class CommandNotStartedException : Exception
{
    /// <summary>Creates the exception with what did not start.</summary>
    public CommandNotStartedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommandNotStartedException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public CommandNotStartedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
