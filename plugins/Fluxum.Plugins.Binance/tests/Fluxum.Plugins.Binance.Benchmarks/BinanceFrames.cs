using System.Globalization;
using System.Text;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Plugins.Binance.Benchmarks;

/// <summary>
/// Binance Spot <c>&lt;symbol&gt;@depth@100ms</c> diffs as a combined stream delivers them
/// (<c>{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":..,"s":"BTCUSDT","U":..,"u":..,"b":[[p,q]],"a":[[p,q]]}}</c>,
/// prices and quantities with eight decimals as the venue writes them): a snapshot per symbol, then a chain of diffs
/// with contiguous update ids, one to six levels a side, removals only of levels the book holds, never crossing.
/// The snapshot's levels carry eight decimals too, as <c>GET /api/v3/depth</c> writes them.
/// </summary>
internal sealed class BinanceFrames
{
    public static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

    private BinanceFrames(List<byte[]> diffs, Dictionary<string, (LevelChange[] Levels, long LastUpdateId)> snapshots)
    {
        Diffs = diffs;
        Snapshots = snapshots;
    }

    public List<byte[]> Diffs { get; }

    /// <summary>Each symbol's snapshot levels and its <c>lastUpdateId</c>: the first diff of the symbol starts right after it.</summary>
    public Dictionary<string, (LevelChange[] Levels, long LastUpdateId)> Snapshots { get; }

    public static BinanceFrames Create(int count, int depth)
    {
        var random = new Random(7);
        var books = new Dictionary<string, (SortedSet<decimal> Bids, SortedSet<decimal> Asks, long NextId)>();
        var snapshots = new Dictionary<string, (LevelChange[], long)>();
        foreach (var symbol in Symbols)
        {
            var mid = Mid(symbol);
            var bids = new SortedSet<decimal>();
            var asks = new SortedSet<decimal>();
            var levels = new List<LevelChange>();
            for (var i = 1; i <= depth; i++)
            {
                bids.Add(mid - (i * 0.01m));
                asks.Add(mid + (i * 0.01m));
                levels.Add(new LevelChange(BookSide.Bid, AsWritten(mid - (i * 0.01m)), AsWritten(1m)));
                levels.Add(new LevelChange(BookSide.Ask, AsWritten(mid + (i * 0.01m)), AsWritten(1m)));
            }

            var lastUpdateId = 40_000_000_000L + (random.Next(1_000_000) * 10L);
            snapshots[symbol] = ([.. levels], lastUpdateId);
            books[symbol] = (bids, asks, lastUpdateId + 1);
        }

        var diffs = new List<byte[]>(count);
        var time = 1_764_842_400_000L;
        while (diffs.Count < count)
        {
            var symbol = Symbols[diffs.Count % Symbols.Length];
            var (bids, asks, nextId) = books[symbol];
            var mid = Mid(symbol);
            var first = nextId;
            var last = first + random.Next(0, 12);
            books[symbol] = (bids, asks, last + 1);
            var text = new StringBuilder(512);
            text.Append(CultureInfo.InvariantCulture, $$"""{"stream":"{{symbol.ToLowerInvariant()}}@depth@100ms","data":{"e":"depthUpdate","E":{{time += 100}},"s":"{{symbol}}","U":{{first}},"u":{{last}},"b":[""");
            Side(text, random, bids, mid, -1);
            text.Append("],\"a\":[");
            Side(text, random, asks, mid, 1);
            text.Append("]}}");
            diffs.Add(Encoding.UTF8.GetBytes(text.ToString()));
        }

        return new BinanceFrames(diffs, snapshots);
    }

    private static void Side(StringBuilder text, Random random, SortedSet<decimal> levels, decimal mid, int sign)
    {
        var changes = random.Next(1, 7);
        for (var i = 0; i < changes; i++)
        {
            var price = mid + (sign * random.Next(1, 150) * 0.01m);
            var remove = levels.Contains(price) && levels.Count > 20 && random.Next(4) == 0;
            var quantity = remove ? 0m : Math.Round((decimal)random.NextDouble() * 5m, 8) + 0.00000001m;
            if (remove)
            {
                levels.Remove(price);
            }
            else
            {
                levels.Add(price);
            }

            text.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"[\"{price:F8}\",\"{quantity:F8}\"]");
        }
    }

    /// <summary>A value as the REST snapshot carries it: eight decimals ("97123.44000000"), so parsed at scale 8.</summary>
    private static decimal AsWritten(decimal value) => decimal.Parse(value.ToString("F8", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static decimal Mid(string symbol) => symbol switch
    {
        "BTCUSDT" => 97123.45m,
        "ETHUSDT" => 3612.07m,
        _ => 231.84m,
    };
}
