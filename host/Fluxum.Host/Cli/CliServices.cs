using Fluxum.Host.Cli.Runners;
using Fluxum.Host.Configuration;
using Spectre.Console;

namespace Fluxum.Host.Cli;

/// <summary>
/// Everything the commands use: where output goes, the runners of the runtime commands, and how the
/// configuration is read. The composition root (<c>Program.cs</c>) builds one with <see cref="CreateDefault"/>;
/// tests build one over string writers. To wire the runtime, replace the <see cref="NotAvailableRunner{TRequest}"/>s.
/// </summary>
internal sealed record CliServices
{
    /// <summary>Tables and human-readable output (stdout).</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Machine-readable output (stdout), e.g. <c>--format json</c>.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Errors (stderr).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Runs <c>fluxum run</c>.</summary>
    public required ICommandRunner<RunRequest> Run { get; init; }

    /// <summary>Runs <c>fluxum stream</c>.</summary>
    public required ICommandRunner<StreamRequest> Stream { get; init; }

    /// <summary>Runs <c>fluxum simulate</c>.</summary>
    public required ICommandRunner<SimulateRequest> Simulate { get; init; }

    /// <summary>Runs <c>fluxum script run</c>.</summary>
    public required ICommandRunner<ScriptRunRequest> Script { get; init; }

    /// <summary>How configuration files are read (environment lookup).</summary>
    public ConfigLoadOptions ConfigOptions { get; init; } = ConfigLoadOptions.Default;

    /// <summary>The clock used for <c>--duration</c>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Services over the process console, with the real runners.</summary>
    public static CliServices CreateDefault() => WithRuntime(Create(AnsiConsole.Console, System.Console.Out, System.Console.Error));

    /// <summary><paramref name="services"/> with the runtime's runners for run, stream, simulate and script run.</summary>
    public static CliServices WithRuntime(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services with
        {
            Run = new RunCommandRunner(services),
            Stream = new StreamCommandRunner(services),
            Simulate = new SimulateCommandRunner(services),
            Script = new ScriptCommandRunner(services),
        };
    }

    /// <summary>Services over the given writers, with the not-yet-available runners.</summary>
    public static CliServices Create(IAnsiConsole console, TextWriter output, TextWriter error) => new()
    {
        Console = console,
        Out = output,
        Error = error,
        Run = new NotAvailableRunner<RunRequest>("run", error),
        Stream = new NotAvailableRunner<StreamRequest>("stream", error),
        Simulate = new NotAvailableRunner<SimulateRequest>("simulate", error),
        Script = new NotAvailableRunner<ScriptRunRequest>("script run", error),
    };
}
