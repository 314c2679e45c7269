using System.Globalization;
using System.Text.Json;
using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary><c>fluxum stream</c> through the real host, plugins from disk and simulators over loopback sockets.</summary>
public sealed class StreamCommandEndToEndTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task StreamBook_KrakenSimulator_LiveBookGoodWithEveryChecksumPassing()
    {
        _cli.WriteConfig(VenueYaml.Simulated("kraken", seed: 1).Subscribe(["BTC/USD"], VenueYaml.Book(10)));

        var result = await _cli.RunAsync("stream", "book", "--exchange", "kraken", "--symbol", "BTC/USD", "--duration", "8s", "--config", _cli.ConfigPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        var headers = result.Lines.Where(l => l.Contains("kraken BTC/USD", StringComparison.Ordinal)).ToList();
        Assert.True(headers.Count >= 2, result.ToString());
        Assert.All(headers, h => Assert.Contains("good", h, StringComparison.Ordinal));
        Assert.All(headers, h => Assert.Contains("checksum failures 0", h, StringComparison.Ordinal));
        var updates = headers.Select(h => int.Parse(h.Split("updates ")[1].Split(',')[0], CultureInfo.InvariantCulture)).ToList();
        Assert.True(updates[^1] > updates[0], "the book did not move: " + result);
        AssertBookRowsOrdered(result.Lines);
        Assert.Contains("checksum failures 0", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("ws")]
    public async Task StreamBook_GeminiSimulatorOnEachApi_LiveBookGood(string api)
    {
        _cli.WriteConfig(VenueYaml.Simulated("gemini", seed: 3).With($"api: {api}").Subscribe(["BTC/USD"], VenueYaml.Book(10)));

        var result = await _cli.RunAsync("stream", "book", "--exchange", "gemini", "--symbol", "BTC/USD", "--duration", "8s", "--config", _cli.ConfigPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        var headers = result.Lines.Where(l => l.Contains("gemini BTC/USD", StringComparison.Ordinal)).ToList();
        Assert.True(headers.Count >= 2, result.ToString());
        Assert.All(headers, h => Assert.Contains("good", h, StringComparison.Ordinal));
        Assert.All(headers, h => Assert.Contains("gaps 0", h, StringComparison.Ordinal));
        AssertBookRowsOrdered(result.Lines);
    }

    [Fact]
    public async Task StreamTicker_KrakenAndGemini_JsonLinesInterleaveBothVenues()
    {
        _cli.WriteConfig(
            VenueYaml.Simulated("kraken", seed: 1).Subscribe(["BTC/USD"], "ticker"),
            VenueYaml.Simulated("gemini", seed: 2).Subscribe(["BTC/USD"], "ticker"));

        var result = await _cli.RunAsync("stream", "ticker", "--exchange", "kraken,gemini", "--symbol", "BTC/USD", "--format", "json", "--duration", "8s", "--config", _cli.ConfigPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        var tickers = result.Lines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("type").GetString() == "ticker").ToList();
        var venues = tickers.Select(t => t.GetProperty("venue").GetString()).ToList();
        Assert.Contains("kraken", venues);
        Assert.Contains("gemini", venues);
        Assert.All(tickers, t =>
        {
            Assert.Equal("BTC/USD", t.GetProperty("symbol").GetString());
            Assert.True(t.GetProperty("bid").GetDecimal() < t.GetProperty("ask").GetDecimal());
        });
    }

    [Fact]
    public async Task StreamTicker_RecordingToAFullDisk_DataKeepsFlowingFailureReportedOnceExit3()
    {
        // Issue #11.10: a recording that cannot be written stopped the tickers (0 printed) and threw at exit.
        Assert.True(File.Exists("/dev/full"), "this test needs Linux's /dev/full");
        _cli.WriteConfig(VenueYaml.Simulated("kraken", seed: 2).Subscribe(["BTC/USD"], "ticker"));

        var result = await _cli.RunAsync("stream", "ticker", "--exchange", "kraken", "--symbol", "BTC/USD", "--duration", "4s", "--record", "/dev/full", "--config", _cli.ConfigPath);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.True(result.Lines.Count(l => l.Contains("kraken   BTC/USD", StringComparison.Ordinal)) >= 5, "tickers kept flowing: " + result);
        var events = result.Error.Split('\n').Where(l => l.Contains("recording_failed: kraken: recording to /dev/full failed", StringComparison.Ordinal)).ToList();
        Assert.True(events.Count == 1, "reported once: " + result);
        Assert.Matches(@"recording FAILED: .*/dev/full.*; [1-9][0-9]* frames after it not recorded", result.Error);
        Assert.DoesNotContain("Unhandled", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamRecord_VenueAlsoRecords_BothRecordingsAreWritten()
    {
        // Issue #11.11: --record was ignored when the venue also set record: in the config.
        var own = _cli.Path2("venue.jsonl");
        var asked = _cli.Path2("asked.jsonl");
        _cli.WriteConfig(VenueYaml.Simulated("kraken", seed: 2).With($"record: {own}").Subscribe(["BTC/USD"], "ticker"));

        var result = await _cli.RunAsync("stream", "ticker", "--exchange", "kraken", "--symbol", "BTC/USD", "--duration", "3s", "--record", asked, "--config", _cli.ConfigPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        var ownLines = File.ReadAllLines(own);
        var askedLines = File.ReadAllLines(asked);
        Assert.True(ownLines.Length > 3, result.ToString());
        Assert.Equal(ownLines, askedLines);
        Assert.Contains($"recording {own}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains($"recording {asked}: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamRecord_ThenReplayMode_SameFinalBookAndNoChecksumFailure()
    {
        var recording = _cli.Path2("frames.jsonl");
        _cli.WriteConfig(VenueYaml.Simulated("kraken", seed: 8).Subscribe(["BTC/USD"], VenueYaml.Book(10)));
        var live = await _cli.RunAsync("stream", "book", "--exchange", "kraken", "--symbol", "BTC/USD", "--duration", "3s", "--record", recording, "--config", _cli.ConfigPath);
        Assert.True(live.ExitCode == 0, live.ToString());
        _cli.WriteConfig(VenueYaml.Replay("kraken", recording).Subscribe(["BTC/USD"], VenueYaml.Book(10)));

        var replay = await _cli.RunAsync("stream", "book", "--exchange", "kraken", "--symbol", "BTC/USD", "--duration", "30s", "--config", _cli.ConfigPath);

        Assert.True(replay.ExitCode == 0, replay.ToString());
        var liveSummary = Summary(live.Error);
        var replaySummary = Summary(replay.Error);
        Assert.Contains("checksum failures 0", replaySummary, StringComparison.Ordinal);
        Assert.Equal(liveSummary.Split("| BTC/USD ")[1], replaySummary.Split("| BTC/USD ")[1]);
        Assert.Equal(Counts(liveSummary), Counts(replaySummary));

        static string Summary(string stderr) => stderr.Split('\n').Last(l => l.StartsWith("kraken ", StringComparison.Ordinal));
        static string Counts(string summary) => summary.Split("| books: ")[1].Split(" |")[0];
    }

    [Fact]
    public async Task Replay_RecordedAtDeeperDepthThanConfig_KeepsRecordedDepthAndEveryChecksumVerifies()
    {
        var recording = _cli.Path2("deep.jsonl");
        _cli.WriteConfig(VenueYaml.Simulated("kraken", seed: 9, tick: "20ms").Subscribe(["BTC/USD"], VenueYaml.Book(25)));
        var live = await _cli.RunAsync("stream", "book", "--exchange", "kraken", "--symbol", "BTC/USD", "--depth", "25", "--duration", "4s", "--record", recording, "--config", _cli.ConfigPath);
        Assert.True(live.ExitCode == 0, live.ToString());
        _cli.WriteConfig(VenueYaml.Replay("kraken", recording).Subscribe(["BTC/USD"], VenueYaml.Book(10)));

        var replay = await _cli.RunAsync("stream", "book", "--exchange", "kraken", "--symbol", "BTC/USD", "--duration", "30s", "--config", _cli.ConfigPath);

        Assert.True(replay.ExitCode == 0, replay.ToString());
        var summary = replay.Error.Split('\n').Last(l => l.StartsWith("kraken ", StringComparison.Ordinal));
        Assert.Contains("checksum failures 0", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("stale", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_UnknownExchange_ErrorNamesItAndListsConfiguredVenues()
    {
        _cli.WriteConfig(VenueYaml.Simulated("kraken").Subscribe(["BTC/USD"], "ticker"));

        var result = await _cli.RunAsync("stream", "ticker", "--exchange", "binance", "--symbol", "BTC/USD", "--duration", "2s", "--config", _cli.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--exchange binance: no such venue", result.Error, StringComparison.Ordinal);
        Assert.Contains("configured: kraken", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kraken", "ws_auth")]
    [InlineData("gemini", "ws_v2")]
    public async Task Simulate_Plugin_ServesOnLoopbackAndListsEndpoints(string plugin, string endpoint)
    {
        _cli.WriteConfig(VenueYaml.Simulated("kraken").Subscribe(["BTC/USD"], "ticker"));

        var result = await _cli.RunAsync("simulate", plugin, "--port", "0", "--duration", "2s", "--config", _cli.ConfigPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"fluxum: {plugin} simulator on 127.0.0.1", result.Output, StringComparison.Ordinal);
        Assert.Matches($@"{endpoint}\s+(ws|http)://127\.0\.0\.1:\d+/", result.Output);
    }

    public void Dispose() => _cli.Dispose();

    private static void AssertBookRowsOrdered(IEnumerable<string> lines)
    {
        // Rows are "bidSize bid | ask askSize": bids strictly falling, asks strictly rising, never crossed.
        var block = new List<(decimal? Bid, decimal? Ask)>();
        foreach (var line in lines)
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || line.Contains("bid size", StringComparison.Ordinal))
            {
                Check(block);
                block.Clear();
                continue;
            }

            var left = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var right = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // A side with fewer levels than the other leaves its cells empty.
            block.Add((
                left.Length == 2 ? decimal.Parse(left[^1], CultureInfo.InvariantCulture) : null,
                right.Length == 2 ? decimal.Parse(right[0], CultureInfo.InvariantCulture) : null));
        }

        Check(block);

        static void Check(List<(decimal? Bid, decimal? Ask)> rows)
        {
            var bids = rows.Select(r => r.Bid).OfType<decimal>().ToList();
            var asks = rows.Select(r => r.Ask).OfType<decimal>().ToList();
            for (var i = 1; i < bids.Count; i++)
            {
                Assert.True(bids[i] < bids[i - 1], "bids out of order");
            }

            for (var i = 1; i < asks.Count; i++)
            {
                Assert.True(asks[i] > asks[i - 1], "asks out of order");
            }

            if (bids.Count > 0 && asks.Count > 0)
            {
                Assert.True(bids[0] < asks[0], "crossed book shown as good");
            }
        }
    }
}
