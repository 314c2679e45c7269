namespace Fluxum.Host.Cli.Runners;

/// <summary>
/// Stands in for a command whose runtime is not wired yet: says so on stderr and exits with
/// <see cref="ExitCode"/>. Replace it in <see cref="CliServices"/> once the runtime exists.
/// </summary>
internal sealed class NotAvailableRunner<TRequest>(string command, TextWriter error) : ICommandRunner<TRequest>
{
    /// <summary>The exit code of a command that is not available.</summary>
    public const int ExitCode = 2;

    /// <inheritdoc />
    public async Task<int> RunAsync(TRequest request, CancellationToken cancellationToken = default)
    {
        await error.WriteLineAsync($"fluxum {command}: not available yet (the runtime is not wired into this build); parsed: {request}").ConfigureAwait(false);
        return ExitCode;
    }
}
