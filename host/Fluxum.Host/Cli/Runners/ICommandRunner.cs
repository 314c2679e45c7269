namespace Fluxum.Host.Cli.Runners;

/// <summary>
/// Runs one CLI command whose work lives outside the CLI (the runtime). The CLI parses and validates the
/// command line into <typeparamref name="TRequest"/> and hands it here with a token that is cancelled
/// on Ctrl+C or when <c>--duration</c> elapses. The returned value is the process exit code.
/// </summary>
/// <typeparam name="TRequest">The command's parsed arguments.</typeparam>
internal interface ICommandRunner<in TRequest>
{
    /// <summary>Runs the command until done or cancelled; returns the exit code (0 on a clean stop).</summary>
    Task<int> RunAsync(TRequest request, CancellationToken cancellationToken = default);
}
