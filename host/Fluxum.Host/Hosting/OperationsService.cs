using Fluxum.Host.Cli;
using Fluxum.Host.Configuration;
using Fluxum.Host.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Fluxum.Host.Hosting;

/// <summary>
/// <c>fluxum run</c>'s operations surface, started once the venues run: the deployment's meter (for the admin
/// server's <c>/metrics</c> and the OTLP exporter) and, when <c>admin: { listen }</c> is set, the admin server.
/// A token named by <c>admin.token_env</c> that is not set fails the start (nothing is served unprotected).
/// </summary>
internal sealed class OperationsService(DeploymentService deployment, LoadedConfig loaded, CliServices cli, ILoggerFactory loggers, ScriptHost scriptHost, ScriptService? scripts = null) : IHostedService, IAsyncDisposable
{
    private FluxumMetrics? _metrics;
    private AdminServer? _admin;
    private RecentQuality? _quality;

    /// <summary>
    /// Registers the service, and with <c>telemetry.otlp</c> OpenTelemetry's meter provider exporting the
    /// <see cref="FluxumMetrics.MeterName"/> meter over OTLP/HTTP (protobuf) at the configured interval.
    /// </summary>
    public static void Register(IServiceCollection services, TelemetryConfig telemetry)
    {
        services.AddSingleton<OperationsService>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationsService>());
        if (telemetry.OtlpEndpoint is not { } endpoint)
        {
            return;
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(FluxumMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/v1/metrics");
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)telemetry.OtlpInterval.TotalMilliseconds;
            }));
    }

    /// <summary>The admin server's address once started (null when off).</summary>
    public Uri? AdminAddress => _admin?.Address;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var hosted = deployment.Hosted;
        _metrics = new FluxumMetrics(hosted, loaded.Catalog, scriptHost);
        if (loaded.Config.Admin is not { } admin)
        {
            return;
        }

        string? token = null;
        if (admin.TokenEnv is { } name)
        {
            token = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(token))
            {
                await RefuseAsync($"admin.token_env: the environment variable {name} is not set (the admin server needs its bearer token)").ConfigureAwait(false);
            }
        }

        var readiness = new Readiness(hosted.Deployment, admin.StaleLimit, cli.Time, scripts is null ? null : () => State(scripts));
        try
        {
            _quality = new RecentQuality(hosted.Deployment);
            _admin = await AdminServer.StartAsync(admin, token, hosted, _metrics, readiness, _quality, loggers, cli.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await RefuseAsync($"admin.listen: cannot listen on {admin.Address}:{admin.Port}: {e.Message}").ConfigureAwait(false);
        }

        await cli.Out.WriteLineAsync($"fluxum: admin server on {_admin!.Address} (/metrics /healthz /readyz /status)").ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _admin, null) is { } admin)
        {
            await admin.DisposeAsync().ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _metrics, null)?.Dispose();
        Interlocked.Exchange(ref _quality, null)?.Dispose();
    }

    /// <summary>Says why on stderr (as every start failure does), then fails the start.</summary>
    private async Task RefuseAsync(string reason)
    {
        await cli.Error.WriteLineAsync($"fluxum: {loaded.DisplayName}: {reason}").ConfigureAwait(false);
        throw new CommandNotStartedException(reason);
    }

    internal static ScriptsState State(ScriptService scripts)
    {
        var completion = scripts.Completion;
        string? failure = null;
        if (completion.IsFaulted)
        {
            failure = completion.Exception?.GetBaseException().Message;
        }
        else if (completion.IsCompletedSuccessfully && completion.Result.FirstOrDefault(r => !r.IsSuccess) is { } failed)
        {
            failure = $"{failed.Name}: {failed.Outcome}";
        }

        return new ScriptsState(scripts.Count, completion.IsCompleted, failure);
    }
}
