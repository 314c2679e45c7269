using Fluxum.Sdk.Books;

namespace Fluxum.Sdk.Simulation;

/// <summary>
/// A venue-neutral, evolving market for one symbol, for simulators: a book kept with the SDK's
/// <see cref="OrderBook"/> (so checksums and sequence numbers computed from it are those of a real
/// book), quotes that come and go, and trades that execute against the top of the book, so tickers,
/// trades, candles and books always agree. Deterministic for a given <see cref="Random"/> seed.
/// Not thread-safe: a simulator steps it from one loop.
/// </summary>
/// <remarks>
/// The book holds a fixed number of levels a side (<see cref="DefaultLevels"/>: deeper than the deepest
/// subscription any venue offers, so a client's subscribed view is always a strict top of it). Every step
/// also changes one level anywhere in the book, so levels enter and leave beyond any subscribed view, and
/// levels past the kept depth leave the book: its size, and so each step's cost, stays bounded over time.
/// </remarks>
public sealed class SimulatedMarket
{
    private readonly Random _random;
    private readonly int _levels;
    private readonly decimal _lot;
    private long _nextTradeId = 1;

    /// <summary>
    /// Levels a side by default: more than the deepest book subscription of the shipped venues (1,000 levels),
    /// so levels are pushed out of even that view (and truncated by the client) without being deleted.
    /// </summary>
    public const int DefaultLevels = 1_100;

    /// <summary>Creates a market around <paramref name="startPrice"/> with <paramref name="levels"/> levels per side.</summary>
    public SimulatedMarket(Symbol symbol, decimal startPrice, int pricePrecision, int sizePrecision, Random random, int levels = DefaultLevels)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(startPrice, 0m);
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 4);
        Symbol = symbol;
        PricePrecision = pricePrecision;
        SizePrecision = sizePrecision;
        Tick = Pow10(-pricePrecision);
        _lot = Pow10(-sizePrecision);
        _random = random;
        _levels = levels;
        Book = new OrderBook(symbol);
        var mid = Round(startPrice, pricePrecision);
        for (var i = 1; i <= levels; i++)
        {
            if (mid - (i * Tick) > 0m)
            {
                Book.Apply(new LevelChange(BookSide.Bid, mid - (i * Tick), RandomSize()));
            }

            Book.Apply(new LevelChange(BookSide.Ask, mid + (i * Tick), RandomSize()));
        }

        LastPrice = mid;
        Open = mid;
        High = mid;
        Low = mid;
    }

    /// <summary>
    /// A common starting price for <paramref name="symbol"/>, so every venue simulator opens near the same
    /// market and a cross-venue view (best bid/offer, arbitrage spread) looks like a real one.
    /// </summary>
    public static decimal ReferencePrice(Symbol symbol) => symbol.ToString() switch
    {
        "BTC/USD" or "BTC/USDT" or "BTC/USDC" or "BTC/GUSD" => 63500m,
        "BTC/EUR" => 58000m,
        "ETH/USD" or "ETH/USDT" or "ETH/USDC" or "ETH/GUSD" => 1774m,
        "ETH/BTC" => 0.028m,
        "SOL/USD" or "SOL/EUR" => 150m,
        "XRP/USD" => 2.1m,
        _ => 10m,
    };

    /// <summary>The instrument.</summary>
    public Symbol Symbol { get; }

    /// <summary>Decimals of prices.</summary>
    public int PricePrecision { get; }

    /// <summary>Decimals of sizes.</summary>
    public int SizePrecision { get; }

    /// <summary>Price increment.</summary>
    public decimal Tick { get; }

    /// <summary>Levels kept a side.</summary>
    public int Levels => _levels;

    /// <summary>The full book (<see cref="Levels"/> a side; venues truncate it to each client's depth).</summary>
    public OrderBook Book { get; }

    /// <summary>Last trade price (the start price before any trade).</summary>
    public decimal LastPrice { get; private set; }

    /// <summary>Last trade size (0 before any trade).</summary>
    public decimal LastSize { get; private set; }

    /// <summary>First price of the session.</summary>
    public decimal Open { get; }

    /// <summary>Highest trade price.</summary>
    public decimal High { get; private set; }

    /// <summary>Lowest trade price.</summary>
    public decimal Low { get; private set; }

    /// <summary>Traded volume.</summary>
    public decimal Volume { get; private set; }

    /// <summary>Traded notional (price × size).</summary>
    public decimal Notional { get; private set; }

    /// <summary>Number of trades.</summary>
    public long TradeCount { get; private set; }

    /// <summary>Volume-weighted average price (the last price before any trade).</summary>
    public decimal Vwap => Volume == 0m ? LastPrice : Round(Notional / Volume, PricePrecision + 2);

    /// <summary>One step: usually a quote change, sometimes a trade against the top of the book.</summary>
    public MarketStep Step(DateTimeOffset now)
    {
        var changes = new List<LevelChange>(4);
        var trades = new List<SimulatedTrade>(1);
        if (_random.NextDouble() < 0.2)
        {
            Trade(now, changes, trades);
        }
        else
        {
            Quote(changes);
        }

        Deep(changes);
        Replenish(changes);
        Trim(changes);
        return new MarketStep(changes, trades);
    }

    private void Trade(DateTimeOffset now, List<LevelChange> changes, List<SimulatedTrade> trades)
    {
        var taker = _random.Next(2) == 0 ? Side.Buy : Side.Sell;
        var resting = taker == Side.Buy ? Book.Asks : Book.Bids;
        if (resting.Count == 0)
        {
            return;
        }

        var best = resting[0];
        var size = Math.Min(best.Size, RandomSize());
        var remaining = best.Size - size;
        var change = new LevelChange(taker == Side.Buy ? BookSide.Ask : BookSide.Bid, best.Price, remaining);
        Book.Apply(change);
        changes.Add(change);

        var trade = new SimulatedTrade(_nextTradeId++, best.Price, size, taker, now);
        trades.Add(trade);
        LastPrice = trade.Price;
        LastSize = trade.Size;
        High = Math.Max(High, trade.Price);
        Low = Math.Min(Low, trade.Price);
        Volume += trade.Size;
        Notional += trade.Price * trade.Size;
        TradeCount++;
    }

    private void Quote(List<LevelChange> changes)
    {
        var side = _random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
        var view = side == BookSide.Bid ? Book.Bids : Book.Asks;
        var opposite = side == BookSide.Bid ? Book.Asks : Book.Bids;
        if (view.Count == 0 || opposite.Count == 0)
        {
            return;
        }

        // Mostly near the top: a geometric-ish distance from the best price.
        var distance = (int)Math.Min(_levels - 1, Math.Floor(-Math.Log(1 - _random.NextDouble()) * 3));
        var best = view[0].Price;
        var price = side == BookSide.Bid ? best - (distance * Tick) : best + (distance * Tick);
        if (distance == 0 && _random.NextDouble() < 0.3)
        {
            // Improve the quote by one tick when the spread allows it.
            var improved = side == BookSide.Bid ? best + Tick : best - Tick;
            var crosses = side == BookSide.Bid ? improved >= opposite[0].Price : improved <= opposite[0].Price;
            price = crosses ? best : improved;
        }

        // Market makers step into a wide spread: the wider it is, the likelier a quote inside it.
        var spreadTicks = (opposite[0].Price - best) / Tick * (side == BookSide.Bid ? 1 : -1);
        if (spreadTicks > 2 && _random.NextDouble() < Math.Min(0.9, (double)spreadTicks / 10.0))
        {
            var inside = side == BookSide.Bid ? best + Tick : best - Tick;
            var placed = new LevelChange(side, inside, RandomSize());
            Book.Apply(placed);
            changes.Add(placed);
            return;
        }

        var remove = view.Count > 3 && _random.NextDouble() < 0.25;
        var change = new LevelChange(side, price, remove ? 0m : RandomSize());
        if (Book.Apply(change) is not null)
        {
            changes.Add(change);
        }
    }

    /// <summary>One level anywhere below the top enters, changes size or leaves (uniformly over the whole book).</summary>
    private void Deep(List<LevelChange> changes)
    {
        var side = _random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
        var view = side == BookSide.Bid ? Book.Bids : Book.Asks;
        if (view.Count < 4)
        {
            return;
        }

        LevelChange change;
        if (_random.NextDouble() < 0.35)
        {
            change = new LevelChange(side, view[_random.Next(1, view.Count)].Price, 0m);
        }
        else
        {
            var distance = _random.Next(1, _levels) * Tick;
            var best = view[0].Price;
            var price = side == BookSide.Bid ? best - distance : best + distance;
            if (price <= 0m)
            {
                return;
            }

            change = new LevelChange(side, price, RandomSize());
        }

        if (Book.Apply(change) is not null)
        {
            changes.Add(change);
        }
    }

    /// <summary>Levels beyond the kept depth leave the book (the worst first).</summary>
    private void Trim(List<LevelChange> changes)
    {
        TrimSide(BookSide.Bid, changes);
        TrimSide(BookSide.Ask, changes);
    }

    private void TrimSide(BookSide side, List<LevelChange> changes)
    {
        var view = side == BookSide.Bid ? Book.Bids : Book.Asks;
        while (view.Count > _levels)
        {
            var change = new LevelChange(side, view[view.Count - 1].Price, 0m);
            Book.Apply(change);
            changes.Add(change);
            view = side == BookSide.Bid ? Book.Bids : Book.Asks;
        }
    }

    private void Replenish(List<LevelChange> changes)
    {
        ReplenishSide(BookSide.Bid, changes);
        ReplenishSide(BookSide.Ask, changes);
    }

    private void ReplenishSide(BookSide side, List<LevelChange> changes)
    {
        var view = side == BookSide.Bid ? Book.Bids : Book.Asks;
        var opposite = side == BookSide.Bid ? Book.Asks : Book.Bids;
        while (view.Count < _levels)
        {
            decimal price;
            if (view.Count == 0)
            {
                var anchor = opposite.Count > 0 ? opposite[0].Price : LastPrice;
                price = side == BookSide.Bid ? anchor - Tick : anchor + Tick;
            }
            else
            {
                var worst = view[view.Count - 1].Price;
                price = side == BookSide.Bid ? worst - Tick : worst + Tick;
            }

            if (price <= 0m)
            {
                return;
            }

            var change = new LevelChange(side, price, RandomSize());
            Book.Apply(change);
            changes.Add(change);
            view = side == BookSide.Bid ? Book.Bids : Book.Asks;
        }
    }

    private decimal RandomSize() => Math.Max(_lot, Round((decimal)(_random.NextDouble() * 2.0) + _lot, SizePrecision));

    private static decimal Round(decimal value, int decimals) => Math.Round(value, Math.Clamp(decimals, 0, 28), MidpointRounding.ToEven);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result = exponent < 0 ? result / 10m : result * 10m;
        }

        return result;
    }
}
