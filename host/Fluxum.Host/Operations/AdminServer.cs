using System.Security.Cryptography;
using System.Text;
using Fluxum.Host.Cli.Output;
using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Operations;

/// <summary>
/// The admin HTTP server on Kestrel (<c>admin: { listen }</c>): <c>/metrics</c> (Prometheus text of the deployment's
/// meter), <c>/healthz</c> (liveness: the process serves), <c>/readyz</c> (health checks: sessions ready, no book stale
/// too long, scripts running; 503 when any fails, each check's reason in the JSON body) and <c>/status</c> (JSON:
/// venues, sessions, books with tops and counters, scripts). With a token every request needs
/// <c>Authorization: Bearer &lt;token&gt;</c>.
/// </summary>
internal sealed class AdminServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Readiness _readiness;
    private readonly CancellationTokenSource _stop = new();
    private Task _observing = Task.CompletedTask;

    private AdminServer(WebApplication app, Readiness readiness)
    {
        _app = app;
        _readiness = readiness;
    }

    /// <summary>The address it listens on (the real port when the config said 0).</summary>
    public Uri Address { get; private set; } = null!;

    public static async Task<AdminServer> StartAsync(AdminConfig config, string? token, HostedDeployment hosted, FluxumMetrics metrics, Readiness readiness, RecentQuality? quality, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // ASP.NET Core's own lines go to the host's loggers, warnings and above only (no "Now listening" chatter).
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggers));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Listen(config.Address, config.Port);
        });
        builder.Services.AddHealthChecks()
            .AddCheck("sessions", () => readiness.Sessions())
            .AddCheck("books", () => readiness.Books())
            .AddCheck("scripts", () => readiness.Scripts());
        var app = builder.Build();
        var exposition = new PrometheusExposition(metrics.Meter, metrics.Histograms);
        app.Lifetime.ApplicationStopped.Register(exposition.Dispose);
        if (token is not null)
        {
            var expected = Encoding.UTF8.GetBytes("Bearer " + token);
            app.Use(async (context, next) =>
            {
                var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
                if (!CryptographicOperations.FixedTimeEquals(given, expected))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await context.Response.WriteAsync("a bearer token is required (admin.token_env)\n").ConfigureAwait(false);
                    return;
                }

                await next(context).ConfigureAwait(false);
            });
        }

        app.MapGet("/metrics", () => Results.Text(exposition.Scrape(), PrometheusExposition.ContentType));
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapHealthChecks("/readyz", new HealthCheckOptions { ResponseWriter = WriteReadiness });
        app.MapGet("/status", () => Results.Text(Status(hosted, readiness, quality), "application/json"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var server = new AdminServer(app, readiness);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the admin server reported no address");
        server.Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute);
        server._observing = server.ObserveAsync(time);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _observing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Notes stale books every second, so a book's stale time counts from when it went stale, not from a probe.</summary>
    private async Task ObserveAsync(TimeProvider time)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                _readiness.Observe();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }

    private static Task WriteReadiness(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(CliJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString().ToLowerInvariant());
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString().ToLowerInvariant());
                json.WriteString("description", entry.Description);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }) + "\n");
    }

    /// <summary>The <c>/status</c> document (also what <c>fluxum run --live</c> draws from).</summary>
    internal static string Status(HostedDeployment hosted, Readiness readiness, RecentQuality? quality) => CliJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("venues");
        foreach (var venue in hosted.Deployment.Venues)
        {
            DeploymentSummaryJson.WriteVenue(json, venue);
        }

        json.WriteEndArray();
        var scripts = readiness.Scripts();
        json.WriteStartObject("scripts");
        json.WriteString("status", scripts.Status.ToString().ToLowerInvariant());
        json.WriteString("description", scripts.Description);
        json.WriteEndObject();
        json.WriteStartArray("quality");
        foreach (var e in quality?.Events ?? [])
        {
            json.WriteStringValue(RecentQuality.Describe(e));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }) + "\n";
}

/// <summary>Hands the admin server's loggers out of the host's factory.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory loggers) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => loggers.CreateLogger(categoryName);

    public void Dispose()
    {
        // The factory belongs to the host.
    }
}
