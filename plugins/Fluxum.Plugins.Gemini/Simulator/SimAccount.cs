using System.Text;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>
/// The simulated account: credentials, nonces, balances and a seeded history of transfers and trades
/// (enough for several pages of each private endpoint).
/// </summary>
internal sealed class SimAccount
{
    public const int TransferCount = 120;
    public const int TradesPerSymbol = 600;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal) { ["USD"] = 250_000m, ["BTC"] = 12.5m, ["ETH"] = 140m };
    private long _lastRestNonce;
    private long _lastWsNonce;

    public SimAccount(VenueCredentials? credentials, TimeProvider time, Random random, IEnumerable<Symbol> symbols)
    {
        Credentials = credentials;
        _time = time;
        _random = random;
        var end = time.GetUtcNow().ToUnixTimeMilliseconds();
        Transfers = SeedTransfers(end);
        // The account's history is in BTC/USD and ETH/USD; the other instruments answer with no trades.
        Trades = symbols.ToDictionary(s => (s.Base + s.Quote).ToLowerInvariant(), s => s.Quote == "USD" && s.Base is "BTC" or "ETH" ? SeedTrades(s, end) : []);
    }

    public VenueCredentials? Credentials { get; }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Transfers, oldest first.</summary>
    public List<SimTransfer> Transfers { get; }

    /// <summary>My trades per lower-case venue symbol, oldest first.</summary>
    public Dictionary<string, List<SimMyTrade>> Trades { get; }

    public Dictionary<string, decimal> Balances()
    {
        lock (_gate)
        {
            return new Dictionary<string, decimal>(_balances, StringComparer.Ordinal);
        }
    }

    /// <summary>Checks a REST nonce: strictly increasing per key.</summary>
    public bool AcceptRestNonce(long nonce)
    {
        lock (_gate)
        {
            if (nonce <= _lastRestNonce)
            {
                return false;
            }

            _lastRestNonce = nonce;
            return true;
        }
    }

    /// <summary>Checks a handshake nonce: ten epoch-second digits, strictly increasing.</summary>
    public bool AcceptWsNonce(string nonce)
    {
        lock (_gate)
        {
            if (nonce.Length != 10 || !long.TryParse(nonce, out var value) || value <= _lastWsNonce)
            {
                return false;
            }

            _lastWsNonce = value;
            return true;
        }
    }

    /// <summary>Moves the USD balance a little (as if orders filled) and returns a balanceUpdate frame.</summary>
    public string DriftBalances(DateTimeOffset now)
    {
        lock (_gate)
        {
            _balances["USD"] += Math.Round((decimal)(_random.NextDouble() - 0.5) * 100m, 2);
        }

        return BalanceFrame(now);
    }

    public string BalanceFrame(DateTimeOffset now)
    {
        var b = new StringBuilder("{\"e\":\"balanceUpdate\",\"E\":").Append(SimWire.Int(now.ToUnixTimeMilliseconds())).Append(",\"u\":").Append(SimWire.Int(now.ToUnixTimeMilliseconds())).Append(",\"B\":[");
        var first = true;
        foreach (var (asset, amount) in Balances())
        {
            b.Append(first ? "" : ",").Append("{\"a\":\"").Append(asset).Append("\",\"f\":\"").Append(SimWire.Dec(amount, 8)).Append("\",\"c\":\"").Append(SimWire.Dec(amount, 8)).Append("\"}");
            first = false;
        }

        return b.Append("]}").ToString();
    }

    private List<SimTransfer> SeedTransfers(long end)
    {
        var list = new List<SimTransfer>(TransferCount);
        string[] currencies = ["USD", "BTC", "ETH"];
        for (var i = 0; i < TransferCount; i++)
        {
            var currency = currencies[i % 3];
            var deposit = i % 4 != 3;
            var amount = currency == "USD" ? Math.Round((decimal)_random.NextDouble() * 5000m + 100m, 2) : Math.Round((decimal)_random.NextDouble() * 2m + 0.01m, 8);
            var time = end - ((TransferCount - i) * 3_600_000L) - _random.Next(1000);
            list.Add(new SimTransfer(500_000 + i, deposit ? "Deposit" : "Withdrawal", currency, amount, time, deposit ? 0m : 0.0001m));
        }

        return list;
    }

    private List<SimMyTrade> SeedTrades(Symbol symbol, long end)
    {
        var list = new List<SimMyTrade>(TradesPerSymbol);
        var price = symbol.Base == "BTC" ? 58_000m : 2_900m;
        var offset = symbol.Base == "BTC" ? 0 : 7;
        for (var i = 0; i < TradesPerSymbol; i++)
        {
            price = Math.Round(price * (1m + ((decimal)_random.NextDouble() - 0.5m) / 100m), 2);
            var amount = Math.Round((decimal)_random.NextDouble() * 0.5m + 0.001m, 6);
            var time = end - ((TradesPerSymbol - i) * 600_000L) - offset - _random.Next(1000);
            var fee = Math.Round(price * amount * 0.002m, 2);
            list.Add(new SimMyTrade(9_000_000 + (offset * 10_000) + i, i % 2 == 0 ? "Buy" : "Sell", price, amount, time, "USD", fee, 77_000_000 + i));
        }

        return list;
    }
}

/// <summary>A seeded transfer.</summary>
internal sealed record SimTransfer(long Eid, string Type, string Currency, decimal Amount, long TimestampMs, decimal Fee);

/// <summary>A seeded trade of the account.</summary>
internal sealed record SimMyTrade(long Tid, string Type, decimal Price, decimal Amount, long TimestampMs, string FeeCurrency, decimal Fee, long OrderId);
