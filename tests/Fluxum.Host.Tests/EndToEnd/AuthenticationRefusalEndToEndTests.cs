using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// A venue refusing the credentials, seen through the real host: the plugins loaded from disk, their
/// simulators on loopback, sessions over Websocket.Client, REST over HttpClient. Gemini refuses the
/// authenticated handshake (HTTP 401, no WebSocket); Kraken refuses the signed GetWebSocketsToken call.
/// Either way the account session stops at once, and the public data is unaffected.
/// </summary>
public sealed class AuthenticationRefusalEndToEndTests : IDisposable
{
    private const string WrongSecret = "wrong-secret-must-never-be-printed";
    // Kraken secrets are base64: a wrong one that still signs, so the venue is the one refusing it.
    private static readonly string WrongKrakenSecret = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(WrongSecret + "-for-kraken-000000000000"));
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task GeminiPrivateSession_BadSecret_FailsOnceAsAuthenticationWhilePublicDataRuns()
    {
        _cli.WriteConfig(VenueYaml.Simulated("gemini", seed: 3).With("api: ws").Subscribe(["BTC/USD"], "trades", VenueYaml.Book(10)));
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
        await Eventually.TrueAsync(() => venue.PrivateSession!.State is { Phase: SessionPhase.Failed }, "the authenticated session stopped", 20_000);
        await Eventually.TrueAsync(() => venue.Session!.State is { Phase: SessionPhase.Ready } && !venue.Feed!.Books.IsStale(Btc), "public data keeps flowing", 20_000);

        var fault = venue.PrivateFault!.Message;
        Assert.StartsWith("gemini (account): authentication failed, not retrying: ", fault, StringComparison.Ordinal);
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

    [Fact]
    public async Task KrakenPrivateSession_BadSecret_OneTokenCallThenStopsWhilePublicDataRuns()
    {
        _cli.WriteConfig(VenueYaml.Simulated("kraken", seed: 3).Subscribe(["BTC/USD"], "trades", VenueYaml.Book(10)));
        using var loaded = LoadedConfig.Load(_cli.ConfigPath, ConfigLoadOptions.Default, TextWriter.Null) ?? throw new InvalidOperationException("config did not load");
        using var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));

        await using var hosted = await HostedDeployment.StartAsync(
            loaded,
            p => [.. loaded.Config.Venues.Select(v => WithWrongSecret(p.Plan(v), WrongKrakenSecret))],
            DeploymentOptions.Default,
            loggers,
            TimeProvider.System,
            TextWriter.Null,
            timeout.Token) ?? throw new InvalidOperationException("no venue started");
        var venue = hosted.Deployment.Venues.Single();

        await Eventually.TrueAsync(() => venue.PrivateFault is not null, "the authenticated session reports its failure", 20_000);
        Assert.Equal(SessionPhase.Failed, venue.PrivateSession!.State.Phase);
        var fault = venue.PrivateFault!.Message;
        Assert.StartsWith("kraken (account): authentication failed, not retrying: ", fault, StringComparison.Ordinal);
        Assert.Contains("GetWebSocketsToken", fault, StringComparison.Ordinal);
        Assert.True(fault.Contains("EAPI:Invalid signature", StringComparison.Ordinal), fault);

        // Counted once the public side is up and its Assets and AssetPairs calls have answered: they may still
        // be in flight at the fault. Then longer than the reconnect backoff: a retrying session would have called again by now.
        await Eventually.TrueAsync(() => venue.Session!.State is { Phase: SessionPhase.Ready } && !venue.Feed!.Books.IsStale(Btc), "public data keeps flowing", 20_000);
        await Eventually.TrueAsync(() => logs.Lines.Any(l => l.EventId is 4111 or 4112), "the public Assets and AssetPairs calls answered", 20_000);
        var attemptsAtFault = hosted.RestCounters.Attempts;
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(venue.Session!.State is { Phase: SessionPhase.Ready } && !venue.Feed!.Books.IsStale(Btc), "public data still flows");
        Assert.Null(venue.Fault);
        Assert.Equal(attemptsAtFault, hosted.RestCounters.Attempts);
        Assert.Equal(0, hosted.RestCounters.Retries);
        Assert.Equal(0, venue.PrivateSession.Counters.Connections);

        // Exactly one GetWebSocketsToken call was refused, then nothing: no loop against the venue.
        var refusals = logs.Lines.Where(l => l.EventId == 1502 && l.Text.Contains("GetWebSocketsToken", StringComparison.Ordinal)).ToList();
        Assert.Single(refusals);
        Assert.StartsWith("kraken (account)", refusals[0].Text, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.EventId == 1603 && l.Text.Contains("EAPI:Invalid signature", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Text.Contains(WrongKrakenSecret, StringComparison.Ordinal));
    }

    public void Dispose() => _cli.Dispose();

    private static VenueRuntimeOptions WithWrongSecret(VenueRuntimeOptions plan, string secret = WrongSecret) =>
        plan with { Context = plan.Context with { Credentials = new VenueCredentials(plan.Context.Credentials!.ApiKey, secret) } };
}
