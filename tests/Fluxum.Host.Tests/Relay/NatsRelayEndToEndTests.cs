using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Tests.Relay;

/// <summary>
/// Two real deployments and a real <c>nats-server -js</c>: A runs the simulated Kraken and Gemini and publishes, B
/// relays both venues from JetStream. B's books must end equal to A's, a restarted B must catch up without serving a
/// book it missed as good, and a book A finds bad must be bad in B too.
/// </summary>
[Trait("Category", "Nats")]
public sealed class NatsRelayEndToEndTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [NatsFact]
    public async Task Relay_SourceStops_FinalBooksEqualTopTenEverySymbol()
    {
        var server = await nats.GetAsync();
        var stream = Stream();
        var source = await RelayDeployment.StartAsync(RelayDeployment.SourceYaml(server.Url, stream));
        await using (source.ConfigureAwait(false))
        {
            await source.WaitForGoodBooksAsync();
            await using var relay = await RelayDeployment.StartAsync(RelayDeployment.RelayYaml(server.Url, stream));
            await relay.WaitForGoodBooksAsync();

            await source.Deployment.StopAsync();
            await WaitCaughtUpAsync(source, relay);
            AssertSameBooks(source, relay);
            Assert.Equal(0, source.Deployment.Publisher!.Counters.Dropped);
            Assert.All(relay.Deployment.Venues, v => Assert.Equal(0, v.Feed!.Books.Counters.Gaps));
        }
    }

    [NatsFact]
    public async Task Relay_KilledAndRestartedMidStream_CatchesUpAndServesNothingItMissedAsGood()
    {
        var server = await nats.GetAsync();
        var stream = Stream();
        await using var source = await RelayDeployment.StartAsync(RelayDeployment.SourceYaml(server.Url, stream));
        await source.WaitForGoodBooksAsync();
        var first = await RelayDeployment.StartAsync(RelayDeployment.RelayYaml(server.Url, stream));
        await first.WaitForGoodBooksAsync();
        await first.DisposeAsync();

        // A keeps publishing while B is down: the restarted B must start from the books' latest snapshots.
        var btc = Symbol.Parse("BTC/USD");
        var before = source.Venue("kraken").Feed!.Tap!.SequenceOf(btc);
        await Eventually.TrueAsync(() => source.Venue("kraken").Feed!.Tap!.SequenceOf(btc) > before + 20, "A published on while B was down", 20_000);

        await using var restarted = await RelayDeployment.StartAsync(RelayDeployment.RelayYaml(server.Url, stream));
        var served = new List<BookSnapshot>();
        using var reading = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            await foreach (var book in restarted.Deployment.Hub.BookSnapshots(cancellationToken: reading.Token))
            {
                served.Add(book);
            }
        });
        await restarted.WaitForGoodBooksAsync();
        await source.Deployment.StopAsync();
        await WaitCaughtUpAsync(source, restarted);
        await reading.CancelAsync();
        await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        AssertSameBooks(source, restarted);
        Assert.All(restarted.Deployment.Venues, v => Assert.Equal(0, v.Feed!.Books.Counters.Gaps));
        // Every book it served as good came from a snapshot and the contiguous updates after it: none before its first snapshot.
        Assert.All(served.Where(b => !b.IsStale), b => Assert.True(b.Sequence > 0 && b.Bids.Count > 0 && b.Asks.Count > 0 && b.Bids[0].Price < b.Asks[0].Price));
        Assert.Contains(served, b => !b.IsStale);
    }

    [NatsFact]
    public async Task Relay_SourceChecksumCorrupted_RelayBookStaleThenGoodAgain()
    {
        var server = await nats.GetAsync();
        var stream = Stream();
        await using var source = await RelayDeployment.StartAsync(RelayDeployment.SourceYaml(server.Url, stream));
        await source.WaitForGoodBooksAsync();
        await using var relay = await RelayDeployment.StartAsync(RelayDeployment.RelayYaml(server.Url, stream));
        await relay.WaitForGoodBooksAsync();
        var btc = Symbol.Parse("BTC/USD");
        var quality = new List<DataQualityEvent>();
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stale = new TaskCompletionSource<DataQualityEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var events = relay.Deployment.Hub.Venue("kraken").DataQuality(reading.Token);
        var watch = Task.Run(async () =>
        {
            await foreach (var e in events)
            {
                lock (quality)
                {
                    quality.Add(e);
                }

                if (e.Kind == DataQualityKind.Stale && e.Symbol == btc)
                {
                    stale.TrySetResult(e);
                }
            }
        });

        Assert.True(source.Venue("kraken").Simulator!.Inject(SimulatorFault.CorruptChecksum(btc)), "the Kraken simulator corrupts a checksum");

        var marked = await stale.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("the source marked it stale", marked.Detail, StringComparison.Ordinal);
        Assert.True(source.Books("kraken").Counters.ChecksumFailures > 0, "A found the checksum wrong");
        lock (quality)
        {
            Assert.Contains(quality, e => e.Kind == DataQualityKind.ChecksumMismatch && e.Detail.StartsWith("at the source: ", StringComparison.Ordinal));
        }

        // A resyncs; its fresh snapshot makes B's book good again.
        await Eventually.TrueAsync(() => !relay.Books("kraken").IsStale(btc), "B's book good again after A's resync", 30_000, relay.Describe);
        await reading.CancelAsync();
        await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    internal static string Stream() => "T" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Waits until B applied the last message A published for every book.</summary>
    internal static Task WaitCaughtUpAsync(RelayDeployment source, RelayDeployment relay) =>
        Eventually.TrueAsync(
            () => RelayDeployment.Instruments.All(v => v.Value.All(s =>
                relay.Books(v.Key).Snapshot(Symbol.Parse(s))?.Sequence == source.Venue(v.Key).Feed!.Tap!.SequenceOf(Symbol.Parse(s)))),
            "B caught up with every book A published",
            30_000,
            () => $"A: {source.Describe()} / B: {relay.Describe()}");

    internal static void AssertSameBooks(RelayDeployment source, RelayDeployment relay)
    {
        foreach (var (venue, symbols) in RelayDeployment.Instruments)
        {
            foreach (var text in symbols)
            {
                var symbol = Symbol.Parse(text);
                var a = source.Books(venue).Levels(symbol, 10);
                var b = relay.Books(venue).Levels(symbol, 10);
                Assert.NotNull(a);
                Assert.NotNull(b);
                Assert.True(a.Bids.Count == 10 && a.Asks.Count == 10, $"{venue} {symbol}: A's book has 10 levels a side");
                Assert.Equal(a.Bids, b.Bids);
                Assert.Equal(a.Asks, b.Asks);
                Assert.Equal(a.IsStale, b.IsStale);
            }
        }
    }
}
