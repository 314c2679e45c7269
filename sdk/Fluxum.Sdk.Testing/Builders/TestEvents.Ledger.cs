using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Testing.Builders;

/// <content>Ledger entries.</content>
public static partial class TestEvents
{
    /// <summary>A deposit of 1 BTC at <see cref="TestClock.Start"/>, no fee.</summary>
    public static LedgerEntry LedgerEntry(string id = "L1", LedgerEntryType? type = null, string asset = "BTC", decimal amount = 1m, decimal fee = 0m, decimal? balance = null, DateTimeOffset? time = null, string? subType = null, string? referenceId = null) => new()
    {
        Venue = Venue,
        Id = id,
        Type = type ?? LedgerEntryType.Deposit,
        SubType = subType,
        Asset = asset,
        Amount = amount,
        Fee = fee,
        Balance = balance,
        ReferenceId = referenceId,
        Time = time ?? TestClock.Start,
        ExchangeTime = time ?? TestClock.Start,
        ReceivedAt = time ?? TestClock.Start,
    };
}
