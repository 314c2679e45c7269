using System.Text.RegularExpressions;
using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Plugins;
using Fluxum.Host.Runtime;
using Fluxum.Host.Tests.EndToEnd;
using Fluxum.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fluxum.Host.Tests.Hosting;

/// <summary>The composition root: what <see cref="FluxumServices.AddFluxum"/> registers, and the options checked when the host starts.</summary>
public sealed class FluxumServicesTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly HostingHarness _host = new();

    [Fact]
    public async Task AddFluxum_RepositoryConfig_ResolvesEveryServiceWithoutStartingAnything()
    {
        await using var host = _host.Host(Path.Combine(TestPaths.RepositoryRoot, "fluxum.yaml"), HostingHarness.Everything, command: s => s.AddHostedService<RunStatusService>());
        var services = host.Services;

        var config = services.GetRequiredService<IOptions<FluxumConfig>>().Value;
        Assert.Same(host.Loaded.Config, config);
        Assert.Equal(["kraken", "gemini"], config.Venues.Select(v => v.Name));
        var catalog = services.GetRequiredService<PluginCatalog>();
        Assert.True(catalog.TryGet("kraken", out _) && catalog.TryGet("gemini", out _));
        Assert.Same(_host.Services.Time, services.GetRequiredService<TimeProvider>());
        Assert.NotNull(services.GetRequiredService<ILoggerFactory>());
        Assert.NotNull(services.GetRequiredService<ScriptHost>());
        Assert.Same(DeploymentOptions.Default, services.GetRequiredService<IOptions<DeploymentOptions>>().Value);
        Assert.IsType<CommandLifetime>(services.GetRequiredService<IHostLifetime>());

        // Start order: venues, then the command's own services, then the scripts (stopped in reverse).
        var hosted = services.GetServices<IHostedService>().ToList();
        Assert.Equal([typeof(DeploymentService), typeof(RunStatusService), typeof(ScriptService)], hosted.Select(s => s.GetType()));
        Assert.Same(services.GetRequiredService<DeploymentService>(), hosted[0]);
        Assert.Same(services.GetRequiredService<ScriptService>(), hosted[2]);
        Assert.Equal(0, services.GetRequiredService<ScriptService>().Count);
        Assert.Throws<InvalidOperationException>(() => host.Deployment);
        Assert.Equal(string.Empty, _host.ErrorText);
    }

    [Fact]
    public async Task AddFluxum_NoVenuesNoScripts_RegistersNoHostedService()
    {
        await using var host = _host.Host(Path.Combine(TestPaths.RepositoryRoot, "fluxum.yaml"), _ => FluxumHostPlan.ServicesOnly);

        Assert.Empty(host.Services.GetServices<IHostedService>());
        Assert.Null(host.Scripts);
        Assert.True(await host.StartAsync(CancellationToken.None));
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_VenueWhosePluginIsMissing_ValidatedOnStartWithFileLineColumnAndNothingStarts()
    {
        _cli.WriteConfig(VenueYaml.Simulated("kraken") with { Plugin = "krakn" });

        // Reading succeeds: the venues are checked against the plugins when the host starts (ValidateOnStart).
        await using var host = _host.Host(_cli.ConfigPath, HostingHarness.Everything);
        var started = await host.StartAsync(CancellationToken.None);

        Assert.False(started);
        Assert.Matches(new Regex(@"fluxum\.yaml:\d+:\d+: venues\.kraken\.plugin: plugin 'krakn' not found in "), _host.ErrorText);
        Assert.Contains("fluxum.yaml: 1 error(s); nothing was started", _host.ErrorText, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => host.Deployment);
        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<FluxumConfig>>().Value);
    }

    public void Dispose() => _cli.Dispose();
}
