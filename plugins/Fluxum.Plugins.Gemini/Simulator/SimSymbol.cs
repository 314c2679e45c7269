using Fluxum.Plugins.Gemini.V2;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>One simulated instrument: its evolving market, recent trades, candles and new-API update id.</summary>
internal sealed class SimSymbol
{
    public SimSymbol(Symbol symbol, SimulatedMarket market)
    {
        Symbol = symbol;
        Market = market;
        Venue = (symbol.Base + symbol.Quote).ToLowerInvariant();
        Candles = [.. V2Feeds.Candles.Select(c => new CandleAccumulator(c.Interval))];
    }

    public Symbol Symbol { get; }

    /// <summary>Lower-case venue name (btcusd).</summary>
    public string Venue { get; }

    public SimulatedMarket Market { get; }

    public List<SimulatedTrade> Recent { get; } = [];

    /// <summary>One accumulator per <see cref="V2Feeds.Candles"/> entry.</summary>
    public CandleAccumulator[] Candles { get; }

    /// <summary>The new API's last update id for this symbol (the next frame's U).</summary>
    public long LastUpdateId { get; set; }

    /// <summary>SkipSequence: the next depthUpdate is not sent to new-API clients.</summary>
    public bool SkipNext { get; set; }

    /// <summary>JumpSequence: the next depthUpdate's <c>u</c> is this much ahead (0: none); later ones continue the real chain.</summary>
    public long JumpNext { get; set; }

    /// <summary>CutFrame: the next book message (l2_updates and depthUpdate) goes out as its first half.</summary>
    public bool CutNext { get; set; }

    public BookTop? LastTop { get; set; }

    public IEnumerable<LevelChange> AllLevels()
    {
        var bids = Market.Book.Bids;
        for (var i = 0; i < bids.Count; i++)
        {
            yield return new LevelChange(BookSide.Bid, bids[i].Price, bids[i].Size);
        }

        var asks = Market.Book.Asks;
        for (var i = 0; i < asks.Count; i++)
        {
            yield return new LevelChange(BookSide.Ask, asks[i].Price, asks[i].Size);
        }
    }

    public void Record(SimulatedTrade trade)
    {
        Recent.Add(trade);
        if (Recent.Count > 50)
        {
            Recent.RemoveAt(0);
        }

        foreach (var candle in Candles)
        {
            candle.Add(trade);
        }
    }
}
