using Microsoft.Extensions.Logging;

namespace Fluxum.Sdk.Simulation;

/// <summary>Hands the loopback server's own loggers (Kestrel's) to the simulator's logger factory, which it does not own.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The factory belongs to the simulator's owner.
    }
}
