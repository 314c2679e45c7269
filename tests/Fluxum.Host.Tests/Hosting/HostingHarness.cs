using Fluxum.Host.Cli;
using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Fluxum.Host.Tests.Hosting;

/// <summary>CLI services over string writers, and command hosts built from them the way the runners build theirs.</summary>
internal sealed class HostingHarness
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public HostingHarness()
    {
        var output = TextWriter.Synchronized(_out);
        var error = TextWriter.Synchronized(_error);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        Services = CliServices.WithRuntime(CliServices.Create(console, output, error));
    }

    public CliServices Services { get; }

    public string OutText => _out.ToString();

    public string ErrorText => _error.ToString();

    /// <summary>Reads <paramref name="configPath"/> strictly (as the runners do) and builds its host.</summary>
    public CommandHost Host(string configPath, Func<FluxumConfig, FluxumHostPlan> plan, CancellationToken stop = default, Action<IServiceCollection>? command = null)
    {
        var loaded = LoadedConfig.Read(configPath, Services.ConfigOptions, Services.Error) ?? throw new InvalidOperationException($"config did not read: {ErrorText}");
        return CommandHost.Create(Services, loaded, plan(loaded.Config), stop, command);
    }

    /// <summary>Every configured venue and script.</summary>
    public static FluxumHostPlan Everything(FluxumConfig config) => new() { Venues = FluxumHostPlan.AllVenues(config), Scripts = config.Scripts };
}
