using System.Globalization;
using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;
using Fluxum.Host.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// The example scripts against both simulators through the real host, checked against the trades the
/// hub delivered to the test itself at the same time.
/// </summary>
public sealed class ExampleScriptsEndToEndTests : IDisposable
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Vwap_BothVenues_VwapWithinTradedRangeAndCountsConsistent()
    {
        var (output, trades) = await RunScriptAsync("vwap.csx", ["BTC/USD", "6s", "10m"]);

        foreach (var venue in new[] { "kraken", "gemini" })
        {
            var mine = trades.Where(t => t.Venue == venue).ToList();
            Assert.NotEmpty(mine);
            var lines = output.Where(l => l.StartsWith($"VWAP {venue} BTC/USD ", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(lines);
            var vwap = decimal.Parse(lines[^1].Split(' ')[3], CultureInfo.InvariantCulture);
            Assert.InRange(vwap, mine.Min(t => t.Price), mine.Max(t => t.Price));
            var total = output.Single(l => l.StartsWith($"TOTAL {venue} BTC/USD ", StringComparison.Ordinal)).Split(' ');
            var count = int.Parse(total[^1], CultureInfo.InvariantCulture);
            Assert.InRange(count, 1, mine.Count);
            Assert.Equal(count, lines.Count);
        }
    }

    [Fact]
    public async Task Candles_BothVenues_FormingCandlesAgreeWithTheTrades()
    {
        var (output, trades) = await RunScriptAsync("candles.csx", ["BTC/USD", "12s", "1m"]);

        var forming = output.Where(l => l.StartsWith("FORMING ", StringComparison.Ordinal)).ToList();
        Assert.Contains(forming, l => l.StartsWith("FORMING kraken ", StringComparison.Ordinal));
        Assert.Contains(forming, l => l.StartsWith("FORMING gemini ", StringComparison.Ordinal));
        foreach (var line in forming)
        {
            // FORMING venue symbol start O o H h L l C c V v N n
            var w = line.Split(' ');
            var (venue, o, h, l, c, v, n) = (w[1], D(w[5]), D(w[7]), D(w[9]), D(w[11]), D(w[13]), int.Parse(w[15], CultureInfo.InvariantCulture));
            Assert.True(l <= o && o <= h && l <= c && c <= h, line);
            var mine = trades.Where(t => t.Venue == venue).ToList();
            Assert.InRange(h, mine.Min(t => t.Price), mine.Max(t => t.Price));
            Assert.InRange(l, mine.Min(t => t.Price), mine.Max(t => t.Price));
            Assert.True(v > 0 && n > 0 && n <= mine.Count, line);
        }
    }

    public void Dispose() => _cli.Dispose();

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private async Task<(IReadOnlyList<string> Output, IReadOnlyList<Trade> Trades)> RunScriptAsync(string script, string[] args)
    {
        _cli.WriteConfig(
            VenueYaml.Simulated("kraken", seed: 21).Subscribe(["BTC/USD"], "trades", VenueYaml.Ohlc("1m")),
            VenueYaml.Simulated("gemini", seed: 22).With("api: v2").Subscribe(["BTC/USD"], "trades", VenueYaml.Ohlc("1m")));
        using var loaded = LoadedConfig.Load(_cli.ConfigPath, ConfigLoadOptions.Default, TextWriter.Null) ?? throw new InvalidOperationException("config did not load");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var scripts = new ScriptHost(NullLoggerFactory.Instance, TimeProvider.System);
        var compiled = await scripts.CompileAsync([new ScriptConfig(CliHarness.Script(script), args)], TextWriter.Null, timeout.Token)
            ?? throw new InvalidOperationException("script did not compile");
        await using var hosted = await HostedDeployment.StartAsync(
            loaded, p => [.. loaded.Config.Venues.Select(v => p.Plan(v))], DeploymentOptions.Default, NullLoggerFactory.Instance, TimeProvider.System, TextWriter.Null, timeout.Token)
            ?? throw new InvalidOperationException("no venue started");

        // The test's own subscription starts before the script's, so it sees every trade the script sees.
        var trades = new List<Trade>();
        using var collecting = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var stream = hosted.Deployment.Hub.Trades(Btc, collecting.Token);
        var collector = Task.Run(async () =>
        {
            await foreach (var t in stream)
            {
                lock (trades)
                {
                    trades.Add(t);
                }
            }
        });
        var output = new StringWriter();
        var reports = await scripts.RunAsync(compiled, hosted.Deployment.Hub, hosted.Ledgers, TextWriter.Synchronized(output), TextWriter.Null, timeout.Token);
        await collecting.CancelAsync();
        await collector.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        Assert.All(reports, r => Assert.True(r.IsSuccess, r.Outcome.ToString()));
        lock (trades)
        {
            return (output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), [.. trades]);
        }
    }
}
