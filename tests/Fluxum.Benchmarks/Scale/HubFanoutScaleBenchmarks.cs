using BenchmarkDotNet.Attributes;
using Fluxum.Host.MarketData;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Benchmarks.Scale;

/// <summary>
/// One stream, many subscribers (issue 16: 100 subscribers under 100 ns each per delivered event): the real
/// <see cref="MarketDataHub"/> delivers a trade to <see cref="Subscribers"/> consumers of that stream, and each reads it
/// back (as a consumer's loop does). Time per delivered event; divide by <see cref="Subscribers"/> for the cost per
/// subscriber.
/// </summary>
[MemoryDiagnoser]
public class HubFanoutScaleBenchmarks
{
    private const int Events = 256;
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private MarketDataHub _hub = null!;
    private Subscriber<Trade>[] _consumers = null!;
    private Trade _trade = null!;

    /// <summary>Consumers of the one stream.</summary>
    [Params(1, 10, 100)]
    public int Subscribers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        _consumers = new Subscriber<Trade>[Subscribers];
        for (var i = 0; i < Subscribers; i++)
        {
            _consumers[i] = new Subscriber<Trade>($"consumer {i}", venues: null, symbol: null, interval: null, capacity: 1024, keepNewest: false);
            _hub.TradeSet.Add(_consumers[i]);
        }

        _trade = new Trade { Venue = "kraken", Symbol = Btc, Price = 97_123.4m, Size = 0.01m, TakerSide = Side.Buy, ReceivedAt = DateTimeOffset.UtcNow };
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long DeliverToEverySubscriber()
    {
        long read = 0;
        var consumers = _consumers;
        for (var i = 0; i < Events; i++)
        {
            _hub.Deliver(_hub.TradeSet, _trade, "kraken", Btc);
            for (var c = 0; c < consumers.Length; c++)
            {
                read += consumers[c].Reader.TryRead(out _) ? 1 : 0;
            }
        }

        return read;
    }
}
