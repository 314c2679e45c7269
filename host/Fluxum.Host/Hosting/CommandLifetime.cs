using Microsoft.Extensions.Hosting;

namespace Fluxum.Host.Hosting;

/// <summary>
/// The host's lifetime for a CLI command: the command's token (Ctrl+C / SIGTERM through System.CommandLine,
/// or <c>--duration</c>) stops the application. Replaces the Generic Host's console lifetime, so the host
/// neither installs a second signal handler nor prints "Application started. Press Ctrl+C to shut down."
/// </summary>
internal sealed class CommandLifetime(IHostApplicationLifetime lifetime, CommandStopToken stop) : IHostLifetime, IDisposable
{
    private CancellationTokenRegistration _registration;

    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registration = stop.Token.Register(lifetime.StopApplication);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _registration.Dispose();
}

/// <summary>The command's token (Ctrl+C or <c>--duration</c>), as registered in the container.</summary>
/// <param name="Token">Cancelled when the command must stop.</param>
internal sealed record CommandStopToken(CancellationToken Token);
