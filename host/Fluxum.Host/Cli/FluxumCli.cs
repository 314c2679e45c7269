using System.CommandLine;
using Fluxum.Host.Cli.Commands;

namespace Fluxum.Host.Cli;

/// <summary>The <c>fluxum</c> command line: builds the command tree and runs it.</summary>
internal static class FluxumCli
{
    /// <summary>The root command with every sub-command, bound to <paramref name="services"/>.</summary>
    public static RootCommand Build(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new RootCommand("fluxum: exchange-agnostic, real-time crypto market data from plugin venues.")
        {
            RunCommand.Create(services),
            StreamCommand.Create(services),
            SimulateCommand.Create(services),
            ScriptCommand.Create(services),
            PluginsListCommand.Create(services),
            ConfigCheckCommand.Create(services),
        };
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command; returns the exit code. Ctrl+C cancels the token
    /// handed to the command (System.CommandLine's process-termination handling).
    /// </summary>
    public static Task<int> InvokeAsync(string[] args, CliServices services, CancellationToken cancellationToken = default)
    {
        var parseResult = Build(services).Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = services.Out,
            Error = services.Error,
            // Ctrl+C / SIGTERM cancel the command's token; it then has this long to close its sockets.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
        };
        return parseResult.InvokeAsync(configuration, cancellationToken);
    }
}
