using Fluxum.Sdk.Ledger;

namespace Fluxum.Plugins.Kraken.Ledger;

/// <summary>Kraken ledger types ↔ the SDK's. Types with no SDK kind stay <see cref="LedgerEntryType.Other"/> with their name.</summary>
internal static class KrakenLedgerTypes
{
    public static LedgerEntryType FromKraken(string? type) => type switch
    {
        "deposit" => LedgerEntryType.Deposit,
        "withdrawal" => LedgerEntryType.Withdrawal,
        "trade" => LedgerEntryType.Trade,
        "margin" => LedgerEntryType.Margin,
        "adjustment" => LedgerEntryType.Adjustment,
        null or "" => LedgerEntryType.Other("none"),
        _ => LedgerEntryType.Other(type),
    };

    /// <summary>The value of the REST <c>type</c> filter, or null when Kraken cannot filter by it (filtered locally).</summary>
    public static string? ToKrakenFilter(LedgerEntryType type) => type.Kind switch
    {
        LedgerEntryKind.Deposit => "deposit",
        LedgerEntryKind.Withdrawal => "withdrawal",
        LedgerEntryKind.Trade => "trade",
        LedgerEntryKind.Margin => "margin",
        LedgerEntryKind.Adjustment => "adjustment",
        LedgerEntryKind.Other when type.Name is { Length: > 0 } name && IsFilterable(name) => name,
        _ => null,
    };

    private static bool IsFilterable(string name) => name is "transfer" or "rollover" or "credit" or "settled" or "staking" or "dividend" or "sale" or "nft_rebate";
}
