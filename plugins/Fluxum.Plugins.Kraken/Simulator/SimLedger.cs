using System.Globalization;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>One ledger row as Kraken's REST returns it.</summary>
internal sealed record SimLedgerEntry(string Id, string RefId, decimal Time, string Type, string Asset, decimal Amount, decimal Fee, decimal Balance);

/// <summary>
/// The simulated account ledger: seeded deterministically with mixed entry types (trade, deposit,
/// withdrawal, staking, transfer, margin) over XXBT, XETH and ZUSD, most recent first, with running balances.
/// </summary>
internal sealed class SimLedger
{
    private static readonly string[] Types = ["trade", "trade", "deposit", "withdrawal", "staking", "transfer", "trade", "margin"];
    private static readonly string[] Assets = ["XXBT", "ZUSD", "XETH"];
    private readonly List<SimLedgerEntry> _entries = [];
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public SimLedger(int count, Random random, DateTimeOffset end)
    {
        var start = end.ToUnixTimeSeconds() - (count * 3600L);
        var ascending = new List<SimLedgerEntry>();
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
            ascending.Add(new SimLedgerEntry(Id(i), "T" + Id(i + 7919)[1..], time, type, asset, amount, type == "trade" ? Math.Round(Math.Abs(amount) * 0.0026m, scale) : 0m, balance));
        }

        ascending.Reverse();
        _entries.AddRange(ascending);
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

    /// <summary>Entries matching Kraken's filters (start exclusive, end inclusive), most recent first.</summary>
    public IReadOnlyList<SimLedgerEntry> Query(ISet<string>? assets, string? type, decimal? start, decimal? end)
    {
        lock (_gate)
        {
            return [.. _entries.Where(e => (assets is null || assets.Contains(e.Asset))
                && (type is null || type == "all" || e.Type == type)
                && (start is null || e.Time > start)
                && (end is null || e.Time <= end))];
        }
    }

    public SimLedgerEntry? Find(string id)
    {
        lock (_gate)
        {
            return _entries.Find(e => e.Id == id);
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
