using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// The real Kraken v2 capture (no <c>instrument</c> messages, like any traffic recorded by another tool) replayed
/// through the real host with <c>mode: replay</c>: with the <c>instruments</c> setting every checksum verifies and
/// the final books are the capture's; without it both books are reported unverified, none shown with a top.
/// </summary>
public sealed partial class KrakenCaptureReplayEndToEndTests : IDisposable
{
    private const string Capture = "kraken_v2_flashbook_live-btc-eth_2026-07-07.jsonl";
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task ReplayCapture_WithInstrumentsSetting_EveryChecksumVerifiedAndFinalBooksMatch()
    {
        WriteConfig("""
            instruments:
              BTC/USD: { price_decimals: 1, qty_decimals: 8 }
              ETH/USD: { price_decimals: 2, qty_decimals: 8 }
            """);

        var result = await _cli.RunAsync("stream", "book", "--exchange", "kraken", "--symbol", "BTC/USD,ETH/USD", "--duration", "60s", "--config", _cli.ConfigPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = Summary(result);
        Assert.Contains("checksums verified 2962, checksum failures 0,", summary, StringComparison.Ordinal);
        Assert.Equal((63498m, 2.96239984m, 63498.1m, 0.03260644m), Top(summary, "BTC/USD"));
        Assert.Equal((1774.22m, 1.3m, 1774.45m, 0.68359347m), Top(summary, "ETH/USD"));
        var perBook = PerBookVerified().Matches(summary).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, perBook.Count);
        Assert.Equal(2962L, perBook.Sum());
        Assert.DoesNotContain("Unverified", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ChecksumMismatch", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayCapture_WithoutPrecisions_BothBooksReportedUnverifiedNoneWithATop()
    {
        WriteConfig("");

        var result = await _cli.RunAsync("stream", "book", "--exchange", "kraken", "--symbol", "BTC/USD,ETH/USD", "--duration", "60s", "--config", _cli.ConfigPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = Summary(result);
        Assert.Contains("checksums verified 0, checksum failures 0,", summary, StringComparison.Ordinal);
        Assert.Contains("| BTC/USD unverified, checksums verified 0", summary, StringComparison.Ordinal);
        Assert.Contains("| ETH/USD unverified, checksums verified 0", summary, StringComparison.Ordinal);
        foreach (var symbol in new[] { "BTC/USD", "ETH/USD" })
        {
            // One data-quality event per book, naming venue, symbol, the reason and how many frames were held.
            var reported = result.Error.Split('\n').Where(l => l.Contains($"kraken   {symbol}", StringComparison.Ordinal) && l.Contains("Unverified:", StringComparison.Ordinal)).ToList();
            Assert.True(reported.Count == 1, result.ToString());
            Assert.Matches($@"no price/quantity precision .* \d+ book frames held for 5\.\d s, then applied unverified", reported[0]);
        }

        var headers = result.Lines.Where(l => l.Contains("kraken BTC/USD", StringComparison.Ordinal) || l.Contains("kraken ETH/USD", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(headers);
        Assert.All(headers, h => Assert.Contains("UNVERIFIED (", h, StringComparison.Ordinal));
        Assert.All(headers, h => Assert.DoesNotContain(" good", h, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfigCheck_BadInstrumentsValue_ErrorNamesItsLineAndKeyPath()
    {
        WriteConfig("""
            instruments:
              BTC/USD: { price_decimals: one, qty_decimals: 8 }
            """);

        var result = await _cli.RunAsync("config", "check", "--config", _cli.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"fluxum\.yaml:\d+:\d+: venues\.kraken\.instruments\.BTC/USD\.price_decimals: plugin kraken: 'one' is not a whole number of decimals from 0 to 28", result.Error);
    }

    public void Dispose() => _cli.Dispose();

    private void WriteConfig(string instruments)
    {
        var recording = _cli.Path2("capture.jsonl");
        WriteRecording(recording);
        _cli.WriteConfig(VenueYaml.Replay("kraken", recording).With(instruments).Subscribe(["BTC/USD", "ETH/USD"], VenueYaml.Book(10)));
    }

    /// <summary>The capture as a recording: its lines carry no receive time, so they get one 7.5 ms apart (22 s in all, as captured).</summary>
    private static void WriteRecording(string path)
    {
        var start = new DateTimeOffset(2026, 7, 7, 23, 0, 3, TimeSpan.Zero);
        using var output = File.CreateText(path);
        var i = 0;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", Capture)))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var entry = JsonDocument.Parse(line);
            var frame = entry.RootElement.GetProperty("frame").GetString();
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["venue"] = "kraken",
                ["ts"] = start + TimeSpan.FromMilliseconds(7.5 * i++),
                ["frame"] = frame,
            }));
        }
    }

    private static string Summary(CliResult result) => result.Error.Split('\n').Last(l => l.StartsWith("kraken ", StringComparison.Ordinal));

    private static (decimal BidPrice, decimal BidSize, decimal AskPrice, decimal AskSize) Top(string summary, string symbol)
    {
        var match = Regex.Match(summary, $@"\| {Regex.Escape(symbol)} ([\d.]+) x ([\d.]+) / ([\d.]+) x ([\d.]+),");
        Assert.True(match.Success, summary);
        return (D(match.Groups[1].Value), D(match.Groups[2].Value), D(match.Groups[3].Value), D(match.Groups[4].Value));

        static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\| [A-Z]+/[A-Z]+ [^|]*, checksums verified (\d+)")]
    private static partial Regex PerBookVerified();
}
