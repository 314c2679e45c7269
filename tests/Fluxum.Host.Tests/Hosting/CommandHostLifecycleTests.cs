using System.Collections.Concurrent;
using Fluxum.Host.Cli;
using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;
using Fluxum.Host.Tests.EndToEnd;
using Fluxum.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fluxum.Host.Tests.Hosting;

/// <summary>A command's host: hosted services start in order and stop in reverse, and every stop goes through the host's lifetime.</summary>
public sealed class CommandHostLifecycleTests : IDisposable
{
    private static readonly VenueYaml Kraken = VenueYaml.Simulated("kraken", seed: 3).Subscribe(["BTC/USD"], "trades", VenueYaml.Book(10));

    private readonly CliHarness _cli = new();
    private readonly HostingHarness _host = new();

    [Fact]
    public async Task StartAndStop_VenuesStartBeforeTheCommandsServicesAndStopAfterThem()
    {
        _cli.WriteConfig(Kraken);
        var steps = new ConcurrentQueue<string>();
        await using var host = _host.Host(_cli.ConfigPath, HostingHarness.Everything, command: s => s.AddSingleton(steps).AddHostedService<ProbeService>());

        Assert.True(await host.StartAsync(CancellationToken.None), _host.ErrorText);
        var venue = host.Deployment.Deployment.Venues.Single();
        Assert.Equal(VenueRuntimeStatus.Running, venue.Status);
        Assert.False(host.Lifetime.ApplicationStopping.IsCancellationRequested);
        await host.StopAsync();

        Assert.Equal(["probe started: venues Running", "probe stopping: venues Running"], steps);
        Assert.True(host.Lifetime.ApplicationStopped.IsCancellationRequested);
        Assert.True(venue.Completion.IsCompleted, "stopping the host stops the venues");
        Assert.NotEqual(VenueRuntimeStatus.Faulted, venue.Status);
    }

    [Fact]
    public async Task CommandToken_Cancelled_StopsTheApplicationThroughItsLifetime()
    {
        _cli.WriteConfig(Kraken);
        using var stop = new CancellationTokenSource();
        await using var host = _host.Host(_cli.ConfigPath, _ => FluxumHostPlan.ServicesOnly, stop.Token);
        Assert.True(await host.StartAsync(CancellationToken.None));
        var stopping = host.Lifetime.ApplicationStopping;
        Assert.False(stopping.IsCancellationRequested);

        await stop.CancelAsync();

        Assert.True(stopping.IsCancellationRequested, "Ctrl+C / --duration (the command's token) stop the host");
        await host.StopAsync();
        Assert.True(host.Lifetime.ApplicationStopped.IsCancellationRequested);
    }

    [Fact]
    public async Task Run_CommandCancelledWhileRunning_CleanShutdownWithFinalSummaryAndExitZero()
    {
        _cli.WriteConfig(Kraken);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var run = FluxumCli.InvokeAsync(["run", "--config", _cli.ConfigPath], _host.Services, stop.Token);
        await Sessions.Support.Eventually.TrueAsync(
            () => _host.OutText.Contains("kraken   simulated Ready", StringComparison.Ordinal) || run.IsCompleted,
            "a status line with the venue ready",
            60_000,
            () => _host.OutText + _host.ErrorText);
        Assert.False(run.IsCompleted, _host.OutText + _host.ErrorText);

        await stop.CancelAsync();
        var code = await run;

        Assert.True(code == ExitCodes.Success, $"exit {code}\n{_host.OutText}\n{_host.ErrorText}");
        var output = _host.OutText;
        Assert.Matches(@"^fluxum: \S*fluxum\.yaml: 1 venue\(s\) running, 0 script\(s\)", output);
        var summary = output[output.IndexOf("fluxum: stopped. Final status:", StringComparison.Ordinal)..];
        Assert.Contains("kraken   simulated Disconnected", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Application started", output + _host.ErrorText, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

    /// <summary>A command's own hosted service: records what the venues were doing when it started and stopped.</summary>
    private sealed class ProbeService(DeploymentService deployment, ConcurrentQueue<string> steps) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            steps.Enqueue($"probe started: venues {Status()}");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            steps.Enqueue($"probe stopping: venues {Status()}");
            return Task.CompletedTask;
        }

        private string Status() => string.Join(",", deployment.Hosted.Deployment.Venues.Select(v => v.Status));
    }
}
