using Microsoft.Extensions.Hosting;

namespace Fluxum.Sdk.Simulation;

/// <summary>
/// The loopback server's host lifetime: none of its own. The default console lifetime would catch Ctrl+C and
/// SIGTERM inside a plugin and stop the simulator behind its owner's back; the owner disposes the server.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
