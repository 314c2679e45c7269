using System.Text.RegularExpressions;
using Fluxum.Host.Tests.EndToEnd;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Tests.Support;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Fluxum.Host.Tests.Relay;

/// <summary>
/// Two real <c>fluxum run</c> processes and a real <c>nats-server -js</c>: A runs the simulated Kraken and Gemini and
/// publishes; B runs both in <c>mode: relay</c> with <c>scripts/best-bid-offer.csx</c>, unchanged, which prints the
/// consolidated best bid and offer from the relayed books.
/// </summary>
[Trait("Category", "Nats")]
public sealed partial class NatsRelayProcessTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [NatsFact]
    public async Task Run_RelayProcessWithBestBidOffer_PrintsConsolidatedBboFromRelayedBooks()
    {
        var server = await nats.GetAsync();
        var stream = NatsRelayEndToEndTests.Stream();
        using var folder = new TempDirectory();
        var a = folder.Write("a.yaml", RelayDeployment.SourceYaml(server.Url, stream));
        var b = folder.Write("b.yaml", RelayDeployment.RelayYaml(server.Url, stream, $"scripts:\n  - {{ path: {CliHarness.Script("best-bid-offer.csx")}, args: [BTC/USD] }}"));

        var source = FluxumProcess.RunAsync(folder.Path, "run", "--config", a, "--duration", "25s");
        await WaitForSnapshotsAsync(server.Url, stream, source);
        var relay = await FluxumProcess.RunAsync(folder.Path, "run", "--config", b, "--duration", "8s");
        var published = await source;

        Assert.True(relay.ExitCode == 0, relay.ToString());
        Assert.True(published.ExitCode == 0, published.ToString());
        var bbo = relay.Lines.Where(l => BboLine().IsMatch(l)).ToList();
        Assert.True(bbo.Count > 0, $"B's script printed a consolidated BBO from the relayed books:\n{relay}");
        Assert.Contains(bbo, l => l.Contains("(kraken)", StringComparison.Ordinal) || l.Contains("(gemini)", StringComparison.Ordinal));
    }

    private static async Task WaitForSnapshotsAsync(string url, string stream, Task<CliResult> source)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url });
        var js = new NatsJSContext(connection);
        await Eventually.TrueAsync(
            async () =>
            {
                if (source.IsCompleted)
                {
                    throw new InvalidOperationException($"A ended before publishing: {await source}");
                }

                try
                {
                    var info = await js.GetStreamAsync(stream);
                    return info.Info.State.Messages > 200;
                }
                catch (NatsJSApiException)
                {
                    return false;
                }
            },
            "A published its books",
            60_000);
    }

    [GeneratedRegex(@"BBO BTC/USD bid \d+(\.\d+)? \((kraken|gemini)\) ask \d+(\.\d+)? \((kraken|gemini)\)")]
    private static partial Regex BboLine();
}
