using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// A venue refusing the authenticated handshake (HTTP 401, no WebSocket), seen through the real host: the
/// Gemini plugin loaded from disk, its simulator on loopback, sessions over Websocket.Client.
/// </summary>
public sealed class AuthenticationRefusalEndToEndTests : IDisposable
{
    private const string WrongSecret = "wrong-secret-must-never-be-printed";
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task GeminiPrivateSession_BadSecret_FailsOnceAsAuthenticationWhilePublicDataRuns()
    {
        _cli.WriteConfig("""
              gemini:
                plugin: gemini
                mode: simulated
                api: ws
                simulator: { seed: 3, tick: 50ms }
                subscriptions:
                  - symbols: [BTC/USD]
                    channels: [trades, { channel: book, depth: 10 }]
            """);
        using var loaded = LoadedConfig.Load(_cli.ConfigPath, ConfigLoadOptions.Default, TextWriter.Null) ?? throw new InvalidOperationException("config did not load");
        using var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));

        // The simulator accepts the planned credentials; the host signs with the right key and a wrong secret.
        await using var hosted = await HostedDeployment.StartAsync(
            loaded,
            p => [.. loaded.Config.Venues.Select(v => WithWrongSecret(p.Plan(v)))],
            DeploymentOptions.Default,
            loggers,
            TimeProvider.System,
            TextWriter.Null,
            timeout.Token) ?? throw new InvalidOperationException("no venue started");
        var venue = hosted.Deployment.Venues.Single();

        await Eventually.TrueAsync(() => venue.PrivateFault is not null, "the authenticated session reports its failure", 20_000);
        await Eventually.TrueAsync(() => venue.PrivateSession!.State is SessionState.DisconnectedState, "the authenticated session stopped", 20_000);
        await Eventually.TrueAsync(() => venue.Session!.State is SessionState.ReadyState && !venue.Feed!.Books.IsStale(Btc), "public data keeps flowing", 20_000);

        var fault = venue.PrivateFault!.Message;
        Assert.StartsWith("gemini: authentication failed: ", fault, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", fault, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"InvalidSignature\"", fault, StringComparison.Ordinal);
        Assert.Null(venue.Fault);
        Assert.Equal(0, venue.PrivateSession!.Counters.Connections);

        // One refused handshake, not a retry loop against a venue that refuses these credentials.
        var connectFailures = logs.Lines.Where(l => l.EventId == 1502 && l.Text.Contains("HTTP 401", StringComparison.Ordinal)).ToList();
        Assert.Single(connectFailures);
        Assert.Contains(logs.Lines, l => l.EventId == 1603 && l.Text.Contains("HTTP 401", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Text.Contains(WrongSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(WrongSecret, venue.PrivateFault.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

    private static VenueRuntimeOptions WithWrongSecret(VenueRuntimeOptions plan) =>
        plan with { Context = plan.Context with { Credentials = new VenueCredentials(plan.Context.Credentials!.ApiKey, WrongSecret) } };
}
