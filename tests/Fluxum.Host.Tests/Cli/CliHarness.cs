using Fluxum.Host.Cli;
using Fluxum.Host.Cli.Runners;
using Fluxum.Host.Configuration;
using Spectre.Console;

namespace Fluxum.Host.Tests.Cli;

/// <summary>Runs the real command tree in-process with captured stdout/stderr and replaceable runners.</summary>
internal sealed class CliHarness
{
    private readonly StringWriter _console = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public CliHarness()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_console),
        });
        console.Profile.Width = 400;
        Services = CliServices.Create(console, _out, _error) with
        {
            ConfigOptions = new ConfigLoadOptions { Environment = _ => null },
        };
    }

    public CliServices Services { get; set; }

    /// <summary>Human-readable output (tables, summaries).</summary>
    public string ConsoleText => _console.ToString();

    /// <summary>Machine-readable output and System.CommandLine's own output (help).</summary>
    public string OutText => _out.ToString();

    public string ErrorText => _error.ToString();

    public Task<int> RunAsync(params string[] args) => FluxumCli.InvokeAsync(args, Services, CancellationToken.None);

    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args) => FluxumCli.InvokeAsync(args, Services, cancellationToken);

    /// <summary>A runner that records its request and returns <paramref name="exitCode"/>.</summary>
    public static RecordingRunner<T> Recording<T>(int exitCode = 0) => new(exitCode);
}

/// <summary>Records the request and token it was given.</summary>
internal sealed class RecordingRunner<T>(int exitCode) : ICommandRunner<T>
{
    public T? Request { get; private set; }

    public Task<int> RunAsync(T request, CancellationToken cancellationToken = default)
    {
        Request = request;
        return Task.FromResult(exitCode);
    }
}

/// <summary>Runs until its token is cancelled, then returns 0; signals when it has started.</summary>
internal sealed class UntilCancelledRunner<T> : ICommandRunner<T>
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public bool WasCancelled { get; private set; }

    public async Task<int> RunAsync(T request, CancellationToken cancellationToken = default)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellationToken.Register(() => stopped.TrySetResult());
        _started.TrySetResult();
        await stopped.Task;
        WasCancelled = cancellationToken.IsCancellationRequested;
        return 0;
    }
}
