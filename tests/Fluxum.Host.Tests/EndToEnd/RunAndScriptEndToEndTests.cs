using System.Globalization;
using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary><c>fluxum run</c> and <c>fluxum script run</c> through the real host against both simulators.</summary>
public sealed class RunAndScriptEndToEndTests : IDisposable
{
    private static readonly VenueYaml[] BothVenues =
    [
        VenueYaml.Simulated("kraken", seed: 11).Subscribe(["BTC/USD"], "ticker", "trades", VenueYaml.Book(10)),
        VenueYaml.Simulated("gemini", seed: 12).Subscribe(["BTC/USD"], "ticker", "trades", VenueYaml.Book(10)),
    ];

    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Run_ConfigWithBestBidOfferScript_PrintsConsolidatedViewOfBothVenues()
    {
        _cli.WriteConfig(CliHarness.Config(BothVenues) with { Scripts = [CliHarness.Script("best-bid-offer.csx")] });

        var result = await _cli.RunAsync("run", "--config", _cli.ConfigPath, "--duration", "8s");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2 venue(s) running, 1 script(s)", result.Output, StringComparison.Ordinal);
        var bbo = result.Lines.Where(l => l.StartsWith("BBO BTC/USD bid", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(bbo);
        var fresh = bbo.Where(l => l.EndsWith("stale -", StringComparison.Ordinal)).ToList();
        Assert.True(fresh.Count > 0, "no line with both venues good: " + result);
        foreach (var line in fresh)
        {
            // "BBO BTC/USD bid P (venue) ask P (venue) spread S stale -": the spread is ask - bid.
            var words = line.Split(' ');
            var bid = decimal.Parse(words[3], CultureInfo.InvariantCulture);
            var ask = decimal.Parse(words[6], CultureInfo.InvariantCulture);
            Assert.Equal(ask - bid, decimal.Parse(words[9], CultureInfo.InvariantCulture));
        }

        Assert.Contains(bbo, l => l.Contains("(kraken)", StringComparison.Ordinal));
        Assert.Contains(bbo, l => l.Contains("(gemini)", StringComparison.Ordinal));
        Assert.Contains("Final status:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptRun_Aggregate_MergesTickersFromBothVenues()
    {
        _cli.WriteConfig(BothVenues);

        var result = await _cli.RunAsync("script", "run", CliHarness.Script("aggregate.csx"), "--config", _cli.ConfigPath, "--duration", "8s", "--", "BTC/USD", "4s");

        Assert.True(result.ExitCode == 0, result.ToString());
        var tickers = result.Lines.Where(l => l.StartsWith("TICKER ", StringComparison.Ordinal)).ToList();
        Assert.Contains(tickers, l => l.StartsWith("TICKER kraken BTC/USD", StringComparison.Ordinal));
        Assert.Contains(tickers, l => l.StartsWith("TICKER gemini BTC/USD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScriptRun_LedgerSummary_QueriesBothSimulatorsWithSignedRequests()
    {
        _cli.WriteConfig(BothVenues);

        var result = await _cli.RunAsync("script", "run", CliHarness.Script("ledger-summary.csx"), "--config", _cli.ConfigPath, "--duration", "30s");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Lines, l => l.StartsWith("BALANCE kraken ", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith("BALANCE gemini ", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith("TOTAL kraken entries ", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Lines, l => l.StartsWith("ERROR ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScriptRun_LedgerStream_LiveEntriesFromKrakensAuthenticatedBalancesChannel()
    {
        _cli.WriteConfig(BothVenues);
        var script = _cli.Path2("ledger-stream.csx");
        await File.WriteAllTextAsync(script, """
            // The stream may start between the two legs of a trade: print the first trade whose both legs arrived.
            var legs = new Dictionary<string, List<LedgerEntry>>();
            await foreach (var e in Ledgers["kraken"].Stream(CancellationToken))
            {
                if (e.Type.Kind != LedgerEntryKind.Trade) continue; // the snapshot's balances come first
                var key = e.ReferenceId ?? e.Id;
                if (!legs.TryGetValue(key, out var trade)) legs[key] = trade = new List<LedgerEntry>();
                trade.Add(e);
                if (trade.Count < 2) continue;
                foreach (var leg in trade) Print($"LIVE {leg.Venue} {leg.Type} {leg.Asset} {leg.Amount} ref {leg.ReferenceId} balance {leg.Balance}");
                break;
            }
            """);

        var result = await _cli.RunAsync("script", "run", script, "--config", _cli.ConfigPath, "--duration", "20s");

        Assert.True(result.ExitCode == 0, result.ToString());
        var live = result.Lines.Where(l => l.StartsWith("LIVE kraken Trade ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, live.Count);
        Assert.Contains(live, l => l.Contains(" BTC ", StringComparison.Ordinal));
        Assert.Contains(live, l => l.Contains(" USD ", StringComparison.Ordinal));
        var refs = live.Select(l => l.Split(" ref ")[1].Split(' ')[0]).Distinct().ToList();
        Assert.Single(refs); // both legs of one trade share the ref id
    }

    [Fact]
    public async Task ScriptRun_GeminiOrderEvents_ArriveOnTheAuthenticatedConnection()
    {
        _cli.WriteConfig(VenueYaml.Simulated("gemini", seed: 4).With("api: ws").Subscribe(["BTC/USD"], "ticker"));
        var script = _cli.Path2("orders.csx");
        await File.WriteAllTextAsync(script, """
            await foreach (var e in Market.Events(CancellationToken))
            {
                if (e is OrderUpdate o)
                {
                    Print($"ORDER {o.Venue} {o.Symbol} {o.OrderId} {o.Status} {o.Side} {o.Quantity} remaining {o.Remaining}");
                    if (o.Status == OrderStatus.Filled) break;
                }
            }
            """);

        var result = await _cli.RunAsync("script", "run", script, "--config", _cli.ConfigPath, "--duration", "20s");

        Assert.True(result.ExitCode == 0, result.ToString());
        var orders = result.Lines.Where(l => l.StartsWith("ORDER gemini BTC/USD ", StringComparison.Ordinal)).ToList();
        Assert.True(orders.Count >= 1, result.ToString());
        Assert.EndsWith("Filled Buy 0.0010 remaining 0", orders[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptRun_CompileError_ReportsFileLineAndExitsWithoutConnecting()
    {
        _cli.WriteConfig(BothVenues);
        var script = _cli.Path2("broken.csx");
        await File.WriteAllTextAsync(script, "var x = 1;\nPrint(y);\n");

        var result = await _cli.RunAsync("script", "run", script, "--config", _cli.ConfigPath, "--duration", "30s");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{script}(2,7): error CS0103:", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was started", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("venue(s) running", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BrokenConfig_ReportsLineAndKeyPathAndStartsNothing()
    {
        _cli.WriteConfig(VenueYaml.Simulated("kraken").Subscribe(["BTC/USD"], "tickr"));

        var result = await _cli.RunAsync("run", "--config", _cli.ConfigPath, "--duration", "5s");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("venues.kraken.subscriptions[0].channels[0]", result.Error, StringComparison.Ordinal);
        Assert.Contains("unknown channel 'tickr'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_ChannelTheSelectedApiLacks_ReportedBeforeAnythingRuns()
    {
        _cli.WriteConfig(VenueYaml.Simulated("gemini").With("api: ws").Subscribe(["BTC/USD"], VenueYaml.Ohlc("1m")));

        var result = await _cli.RunAsync("config", "check", "--config", _cli.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("venues.gemini.subscriptions: ohlc(1m): plugin gemini: the ohlc channel is not offered on the public connection with these settings (offered: book, trades, ticker)", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
