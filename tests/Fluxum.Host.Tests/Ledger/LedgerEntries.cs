using Fluxum.Sdk.Ledger;

namespace Fluxum.Host.Tests.Ledger;

/// <summary>Ledger entries for the store tests.</summary>
internal static class LedgerEntries
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static LedgerEntry Entry(string venue, string id, DateTimeOffset time, string asset = "BTC", decimal amount = 1m, LedgerEntryType? type = null, decimal fee = 0m, decimal? balance = null) => new()
    {
        Venue = venue,
        Id = id,
        Type = type ?? LedgerEntryType.Trade,
        Asset = asset,
        Amount = amount,
        Fee = fee,
        Balance = balance,
        ReferenceId = "ref-" + id,
        Time = time,
        ExchangeTime = time,
        ReceivedAt = time.AddMilliseconds(5),
    };

    /// <summary><paramref name="count"/> entries of one venue a minute apart from <paramref name="from"/>, ids <c>{prefix}{i}</c>.</summary>
    public static IReadOnlyList<LedgerEntry> Series(string venue, int count, DateTimeOffset from, string prefix = "L") =>
        [.. Enumerable.Range(0, count).Select(i => Entry(venue, $"{prefix}{i:D5}", from.AddMinutes(i), i % 3 == 0 ? "USD" : "BTC", 0.001m * (i + 1)))];
}
