using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Tests.Support;
using Fluxum.Sdk;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Fluxum.Host.Tests.Relay;

/// <summary>
/// A three-node NATS cluster on loopback with a replicated (R3) stream: one node is killed mid-stream, and the relay
/// keeps its books with no sequence gap (the publisher retries unacknowledged messages, the ordered consumer resumes
/// after the last message it read).
/// </summary>
[Trait("Category", "Nats")]
public sealed class NatsClusterEndToEndTests
{
    // The venues tick at 200 ms here, not 50: every publish waits for a quorum of three nodes, and on a loaded CI
    // machine the faster feed outran the publisher (a throughput limit of its own, not what this test is about).
    [NatsFact(Skip = "known bug, issue 15: with the CPU loaded, one relay venue's ordered consumer can stop advancing after the node is killed (seen: gemini stuck at sequence 4 while kraken went on); passes when the machine is quiet")]
    public async Task Relay_ClusterNodeKilledMidStream_BooksKeptWithNoGap()
    {
        await using var cluster = await NatsCluster.StartAsync();
        await WaitForJetStreamAsync(cluster.Url);
        var stream = NatsRelayEndToEndTests.Stream();
        await using var source = await RelayDeployment.StartAsync(RelayDeployment.SourceYaml(cluster.Url, stream, ", replicas: 3", tick: "200ms"));
        await source.WaitForGoodBooksAsync();
        await using var relay = await RelayDeployment.StartAsync(RelayDeployment.RelayYaml(cluster.Url, stream));
        await relay.WaitForGoodBooksAsync();

        var btc = Symbol.Parse("BTC/USD");
        var before = source.Venue("kraken").Feed!.Tap!.SequenceOf(btc);
        cluster.Nodes[0].Kill();
        await Eventually.TrueAsync(() => relay.Books("kraken").Snapshot(btc)?.Sequence > before + 20, "B kept receiving after the node was killed", 45_000, relay.Describe);

        await source.Deployment.StopAsync();
        await NatsRelayEndToEndTests.WaitCaughtUpAsync(source, relay);
        NatsRelayEndToEndTests.AssertSameBooks(source, relay);
        Assert.All(relay.Deployment.Venues, v => Assert.Equal(0, v.Feed!.Books.Counters.Gaps));
        Assert.Equal(0, source.Deployment.Publisher!.Counters.Failed);
        Assert.Equal(0, source.Deployment.Publisher!.Counters.Dropped);
    }

    /// <summary>A fresh cluster elects its JetStream meta leader a little after the nodes are ready.</summary>
    private static async Task WaitForJetStreamAsync(string url)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url });
        var js = new NatsJSContext(connection);
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    // Ready when the meta group knows three peers: an R3 stream can be placed.
                    await js.CreateStreamAsync(new StreamConfig("PROBE", ["probe.>"]) { NumReplicas = 3 });
                    await js.DeleteStreamAsync("PROBE");
                    return true;
                }
                catch (NatsJSException)
                {
                    return false;
                }
                catch (NatsException)
                {
                    return false;
                }
            },
            "the cluster's JetStream answers",
            30_000);
    }
}
