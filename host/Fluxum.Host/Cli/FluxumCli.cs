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
            TopCommand.Create(services),
            LedgerCommand.Create(services),
        };
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command; returns the exit code. Ctrl+C cancels the token
    /// handed to the command (System.CommandLine's process-termination handling).
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, CliServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var root = Build(services);
        var verboseOption = Verbose();
        root.Options.Add(verboseOption);
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = services.Out,
            Error = services.Error,
            // Ctrl+C / SIGTERM cancel the command's token; it then has this long to close its sockets.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
            // Our own handler below: one clear line, not a stack trace (unless --verbose).
            EnableDefaultExceptionHandler = false,
        };
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await services.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            await services.Error.WriteLineAsync($"(see fluxum {string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2))} --help)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var verbose = parseResult.GetValue(verboseOption);
            await services.Error.WriteLineAsync(verbose
                ? $"fluxum: internal error: {e}"
                : $"fluxum: internal error: {e.GetType().Name}: {e.Message} (run with --verbose for the stack trace)").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary><c>--verbose</c>, on every command: an internal error prints its stack trace.</summary>
    private static Option<bool> Verbose() => new("--verbose")
    {
        Description = "Print the stack trace of an internal error.",
        Recursive = true,
    };
}
