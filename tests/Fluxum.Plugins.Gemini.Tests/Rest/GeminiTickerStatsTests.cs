using System.Text.Json;
using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Plugins.Gemini.Tests.Rest;

public sealed class GeminiTickerStatsTests
{
    private static readonly Symbol BtcUsd = Symbol.Parse("BTC/USD");

    [Fact]
    public void Parse_DocumentedBodies_DayStatisticsAndBaseVolume()
    {
        var extras = GeminiTickerStats.Parse(File.ReadAllBytes(Fixture.Path("gemini_rest_ticker_v2.json")), File.ReadAllBytes(Fixture.Path("gemini_rest_pubticker_v1.json")), "BTC");

        Assert.Equal(9121.76m, extras.Open24h);
        Assert.Equal(9440.66m, extras.High24h);
        Assert.Equal(9106.51m, extras.Low24h);
        Assert.Equal(9347.66m - 9121.76m, extras.Change24h);
        Assert.Equal(2.476496m, extras.ChangePercent24h); // 225.90 / 9121.76 × 100, to six decimals
        Assert.Equal(2210.505328803m, extras.Volume24h);
        Assert.Null(extras.Vwap24h);
    }

    [Fact]
    public void Parse_NotAnObject_JsonError()
    {
        Assert.Throws<JsonException>(() => GeminiTickerStats.Parse("[]"u8, "{}"u8, "BTC"));
    }

    [Fact]
    public async Task For_FirstTicker_NoneThenFetchedOnceAMinute()
    {
        var clock = TestClock.Create();
        var rest = new ScriptedGets();
        var stats = new GeminiTickerStats(rest.GetAsync, clock, new CapturingLoggerFactory());

        Assert.Same(TickerExtras.None, stats.For(BtcUsd, "btcusd"));
        Assert.Equal(["/v2/ticker/btcusd"], rest.Paths);
        Assert.Same(TickerExtras.None, stats.For(BtcUsd, "btcusd")); // in flight: no second fetch
        await rest.Answer(File.ReadAllBytes(Fixture.Path("gemini_rest_ticker_v2.json")));
        await rest.Answer(File.ReadAllBytes(Fixture.Path("gemini_rest_pubticker_v1.json")));
        await Eventually.True(() => !stats.IsFetching(BtcUsd), "the fetch finished");

        Assert.Equal(9440.66m, stats.For(BtcUsd, "btcusd").High24h);
        Assert.Equal(["/v2/ticker/btcusd", "/v1/pubticker/btcusd"], rest.Paths);

        clock.Advance(GeminiTickerStats.RefreshInterval - TimeSpan.FromSeconds(1));
        stats.For(BtcUsd, "btcusd");
        Assert.Equal(2, rest.Paths.Count);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(9440.66m, stats.For(BtcUsd, "btcusd").High24h); // the old ones while the new fetch runs
        Assert.Equal(3, rest.Paths.Count);
    }

    [Fact]
    public async Task For_FetchFails_LoggedCountedOldStatisticsKeptAndRetriedLater()
    {
        var clock = TestClock.Create();
        var rest = new ScriptedGets();
        var log = new CapturingLoggerFactory();
        var stats = new GeminiTickerStats(rest.GetAsync, clock, log);
        stats.For(BtcUsd, "btcusd");
        await rest.Answer(File.ReadAllBytes(Fixture.Path("gemini_rest_ticker_v2.json")));
        await rest.Answer(File.ReadAllBytes(Fixture.Path("gemini_rest_pubticker_v1.json")));
        await Eventually.True(() => !stats.IsFetching(BtcUsd), "the first fetch finished");

        clock.Advance(GeminiTickerStats.RefreshInterval);
        stats.For(BtcUsd, "btcusd");
        await rest.Fail(new VenueApiException("gemini", VenueErrorKind.RateLimited, "GET /v2/ticker/btcusd: RateLimit"));
        await Eventually.True(() => !stats.IsFetching(BtcUsd), "the failed fetch finished");

        Assert.Equal(1, stats.Failures);
        Assert.Contains(log.Lines, l => l.Contains("BTC/USD", StringComparison.Ordinal) && l.Contains("RateLimit", StringComparison.Ordinal));
        Assert.Equal(9440.66m, stats.For(BtcUsd, "btcusd").High24h);
        Assert.Equal(3, rest.Paths.Count); // not retried at once

        clock.Advance(GeminiTickerStats.RefreshInterval);
        stats.For(BtcUsd, "btcusd");
        Assert.Equal(4, rest.Paths.Count);
    }

    /// <summary>GETs answered one by one by the test (a fetch's next GET may start on another thread).</summary>
    private sealed class ScriptedGets
    {
        private readonly Lock _gate = new();
        private readonly Queue<TaskCompletionSource<ReadOnlyMemory<byte>>> _pending = new();
        private readonly List<string> _paths = [];

        public List<string> Paths
        {
            get
            {
                lock (_gate)
                {
                    return [.. _paths];
                }
            }
        }

        public Task<ReadOnlyMemory<byte>> GetAsync(string path, CancellationToken cancellationToken)
        {
            var answer = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _paths.Add(path);
                _pending.Enqueue(answer);
            }

            return answer.Task;
        }

        public async Task Answer(byte[] body) => (await Next()).SetResult(body);

        public async Task Fail(Exception error) => (await Next()).SetException(error);

        private async Task<TaskCompletionSource<ReadOnlyMemory<byte>>> Next()
        {
            TaskCompletionSource<ReadOnlyMemory<byte>>? next = null;
            await Eventually.True(
                () =>
                {
                    lock (_gate)
                    {
                        return _pending.TryDequeue(out next);
                    }
                },
                "a GET to answer");
            return next!;
        }
    }
}
