namespace Fluxum.Sdk.Simulation;

/// <summary>One candle built from simulated trades.</summary>
/// <param name="Start">Interval start.</param>
/// <param name="Interval">Interval length.</param>
/// <param name="Open">First price.</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Last price.</param>
/// <param name="Volume">Summed size.</param>
/// <param name="Notional">Summed price × size (for VWAP).</param>
/// <param name="Count">Number of trades.</param>
public sealed record SimulatedCandle(DateTimeOffset Start, TimeSpan Interval, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, decimal Notional, long Count)
{
    /// <summary>Volume-weighted average price (the close when no volume).</summary>
    public decimal Vwap => Volume == 0m ? Close : Notional / Volume;

    /// <summary>Interval end.</summary>
    public DateTimeOffset End => Start + Interval;
}

/// <summary>Builds candles of one interval from trades, so a simulator's candles agree with its trades.</summary>
public sealed class CandleAccumulator
{
    private readonly TimeSpan _interval;

    /// <summary>Creates an accumulator for <paramref name="interval"/>.</summary>
    public CandleAccumulator(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _interval = interval;
    }

    /// <summary>The candle forming now, or null before the first trade.</summary>
    public SimulatedCandle? Current { get; private set; }

    /// <summary>The start of the interval that contains <paramref name="time"/>.</summary>
    public DateTimeOffset IntervalStart(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % _interval.Ticks), TimeSpan.Zero);

    /// <summary>
    /// Rolls to the interval containing <paramref name="now"/>: returns the candle that just closed (a new
    /// interval with no trade yet opens flat at the previous close), or null when still in the same interval.
    /// </summary>
    public SimulatedCandle? Roll(DateTimeOffset now)
    {
        var start = IntervalStart(now);
        if (Current is not { } current || current.Start == start)
        {
            return null;
        }

        Current = new SimulatedCandle(start, _interval, current.Close, current.Close, current.Close, current.Close, 0m, 0m, 0);
        return current;
    }

    /// <summary>Adds a trade (rolling first if it belongs to a later interval); returns a candle that closed, if any.</summary>
    public SimulatedCandle? Add(SimulatedTrade trade)
    {
        var closed = Roll(trade.Time);
        if (Current is not { } c)
        {
            Current = new SimulatedCandle(IntervalStart(trade.Time), _interval, trade.Price, trade.Price, trade.Price, trade.Price, trade.Size, trade.Price * trade.Size, 1);
            return closed;
        }

        Current = c with
        {
            Open = c.Count == 0 ? trade.Price : c.Open,
            High = c.Count == 0 ? trade.Price : Math.Max(c.High, trade.Price),
            Low = c.Count == 0 ? trade.Price : Math.Min(c.Low, trade.Price),
            Close = trade.Price,
            Volume = c.Volume + trade.Size,
            Notional = c.Notional + (trade.Price * trade.Size),
            Count = c.Count + 1,
        };
        return closed;
    }
}
