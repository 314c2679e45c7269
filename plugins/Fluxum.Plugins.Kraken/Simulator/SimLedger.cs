using System.Globalization;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>One ledger row as Kraken's REST returns it.</summary>
internal sealed record SimLedgerEntry(string Id, string RefId, decimal Time, string Type, string Asset, decimal Amount, decimal Fee, decimal Balance);

/// <summary>
/// The simulated account ledger: seeded deterministically with mixed entry types (trade, deposit,
/// withdrawal, staking, transfer, margin) over XXBT, XETH and ZUSD, with running balances; queries answer
/// most recent first, as Kraken does. Held oldest first (a new trade is an append, not a shift of every
/// entry) and bounded: it keeps the newest <see cref="MaxEntries"/> entries, however long the market runs.
/// </summary>
internal sealed class SimLedger
{
    /// <summary>The most entries kept; older ones are forgotten (about an hour of trades at a 1 ms tick).</summary>
    public const int MaxEntries = 20_000;

    private static readonly string[] Types = ["trade", "trade", "deposit", "withdrawal", "staking", "transfer", "trade", "margin"];
    private static readonly string[] Assets = ["XXBT", "ZUSD", "XETH"];
    private readonly BoundedHistory<SimLedgerEntry> _entries = new(MaxEntries);
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _next;

    public SimLedger(int count, Random random, DateTimeOffset end)
    {
        var start = end.ToUnixTimeSeconds() - (count * 3600L);
        for (var i = 0; i < count; i++)
        {
            var type = Types[random.Next(Types.Length)];
            var asset = Assets[random.Next(Assets.Length)];
            var scale = asset == "ZUSD" ? 4 : 8;
            var magnitude = Math.Round((decimal)random.NextDouble() * (asset == "ZUSD" ? 1000m : 2m), scale);
            var amount = type is "withdrawal" ? -magnitude : type == "trade" && random.Next(2) == 0 ? -magnitude : magnitude;
            var balance = _balances.GetValueOrDefault(asset) + amount;
            if (balance < 0)
            {
                amount = magnitude;
                balance = _balances.GetValueOrDefault(asset) + amount;
            }

            _balances[asset] = balance;
            var time = start + (i * 3600L) + (decimal)Math.Round(random.NextDouble(), 4);
            _entries.Add(new SimLedgerEntry(Id(i), "T" + Id(i + 7919)[1..], time, type, asset, amount, type == "trade" ? Math.Round(Math.Abs(amount) * 0.0026m, scale) : 0m, balance));
        }

        _next = count;
    }

    /// <summary>
    /// The account trades <paramref name="size"/> BTC at <paramref name="price"/> (buying or selling at
    /// random, never below a zero balance): two entries sharing one ref id, as Kraken books a trade, newest first.
    /// </summary>
    public (SimLedgerEntry Base, SimLedgerEntry Quote) Trade(DateTimeOffset now, decimal price, decimal size, Random random)
    {
        lock (_gate)
        {
            var sell = random.Next(2) == 0 && _balances.GetValueOrDefault("XXBT") >= size;
            var cost = Math.Round(price * size, 4);
            var fee = Math.Round(cost * 0.0026m, 4);
            var baseAmount = sell ? -size : size;
            var quoteAmount = sell ? cost - fee : -(cost + fee);
            if (!sell && _balances.GetValueOrDefault("ZUSD") + quoteAmount < 0)
            {
                // Not enough dollars: the trade is a sale after all (the seeded ledger always holds some BTC).
                baseAmount = -Math.Min(size, _balances.GetValueOrDefault("XXBT"));
                cost = Math.Round(price * -baseAmount, 4);
                fee = Math.Round(cost * 0.0026m, 4);
                quoteAmount = cost - fee;
            }

            var time = (decimal)now.ToUnixTimeMilliseconds() / 1000m;
            var n = _next;
            _next += 2;
            var refId = "T" + Id(n + 7919)[1..];
            _balances["XXBT"] = _balances.GetValueOrDefault("XXBT") + baseAmount;
            _balances["ZUSD"] = _balances.GetValueOrDefault("ZUSD") + quoteAmount;
            var b = new SimLedgerEntry(Id(n), refId, time, "trade", "XXBT", baseAmount, 0m, _balances["XXBT"]);
            var q = new SimLedgerEntry(Id(n + 1), refId, time, "trade", "ZUSD", quoteAmount, fee, _balances["ZUSD"]);
            _entries.Add(q);
            _entries.Add(b);

            return (b, q);
        }
    }

    public IReadOnlyDictionary<string, decimal> Balances
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, decimal>(_balances);
            }
        }
    }

    /// <summary>Entries held (at most <see cref="MaxEntries"/> plus a trimming batch).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Entries matching Kraken's filters (start exclusive, end inclusive), most recent first.</summary>
    public IReadOnlyList<SimLedgerEntry> Query(ISet<string>? assets, string? type, decimal? start, decimal? end)
    {
        lock (_gate)
        {
            var matching = new List<SimLedgerEntry>();
            for (var i = _entries.Count - 1; i >= 0; i--)
            {
                var e = _entries[i];
                if ((assets is null || assets.Contains(e.Asset))
                    && (type is null || type == "all" || e.Type == type)
                    && (start is null || e.Time > start)
                    && (end is null || e.Time <= end))
                {
                    matching.Add(e);
                }
            }

            return matching;
        }
    }

    public SimLedgerEntry? Find(string id)
    {
        lock (_gate)
        {
            return _entries.FindLast(e => e.Id == id);
        }
    }

    private static string Id(int i)
    {
        const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<char> c = stackalloc char[18];
        var x = (uint)((i * 2654435761L) ^ 0x5bd1e995);
        for (var k = 0; k < 18; k++)
        {
            c[k] = k is 6 or 12 ? '-' : Alphabet[(int)(x % 32)];
            x = (x * 1103515245) + 12345 + (uint)k;
        }

        c[0] = 'L';
        return new string(c[..12]) + i.ToString("D6", CultureInfo.InvariantCulture);
    }
}
