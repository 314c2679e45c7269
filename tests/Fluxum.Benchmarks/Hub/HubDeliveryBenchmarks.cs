using BenchmarkDotNet.Attributes;
using Fluxum.Host.MarketData;
using Fluxum.Host.Operations;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Benchmarks.Hub;

/// <summary>
/// What the in-process latency histogram costs the hub: <see cref="MarketDataHub.Deliver{T}"/> of a trade to one
/// consumer (which reads it back), histogram included, beside the histogram's part alone (a clock read and a record,
/// once per delivered event). The second's share of the first is what the meter added to every event. Per event.
/// </summary>
[MemoryDiagnoser]
public class HubDeliveryBenchmarks
{
    private const int Events = 1000;
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private MarketDataHub _hub = null!;
    private Subscriber<Trade> _consumer = null!;
    private LatencyHistogram _histogram = null!;
    private Trade _trade = null!;

    [GlobalSetup]
    public void Setup()
    {
        _hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        _consumer = new Subscriber<Trade>("benchmark consumer", venues: null, symbol: null, interval: null, capacity: 1024, keepNewest: false);
        _hub.TradeSet.Add(_consumer);
        _histogram = new LatencyHistogram();
        _trade = new Trade { Venue = "kraken", Symbol = Btc, Price = 97_123.4m, Size = 0.01m, TakerSide = Side.Buy, ReceivedAt = DateTimeOffset.UtcNow };
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long DeliverToOneConsumer()
    {
        long read = 0;
        for (var i = 0; i < Events; i++)
        {
            _hub.Deliver(_hub.TradeSet, _trade, "kraken", Btc);
            read += _consumer.Reader.TryRead(out _) ? 1 : 0;
        }

        return read;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long ClockAndHistogramAlone()
    {
        var time = TimeProvider.System;
        for (var i = 0; i < Events; i++)
        {
            _histogram.Record(time.GetUtcNow() - _trade.ReceivedAt);
        }

        return _histogram.Count;
    }
}
