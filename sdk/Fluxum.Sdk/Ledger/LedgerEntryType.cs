namespace Fluxum.Sdk.Ledger;

/// <summary>The unified kinds of ledger entry.</summary>
public enum LedgerEntryKind
{
    /// <summary>Funds arrived from outside the venue.</summary>
    Deposit,

    /// <summary>Funds left the venue.</summary>
    Withdrawal,

    /// <summary>One leg of a trade.</summary>
    Trade,

    /// <summary>A fee charged on its own line.</summary>
    Fee,

    /// <summary>Margin trading, settlement or rollover.</summary>
    Margin,

    /// <summary>A correction by the venue.</summary>
    Adjustment,

    /// <summary>Anything else; <see cref="LedgerEntryType.Name"/> keeps the venue's word.</summary>
    Other,
}

/// <summary>
/// A ledger entry type: one of the unified kinds, or <c>Other</c> carrying the venue's own name (the seed's
/// <c>Other of string</c>), so nothing the venue said is lost.
/// </summary>
/// <param name="Kind">The unified kind.</param>
/// <param name="Name">The venue's name for <see cref="LedgerEntryKind.Other"/>; null otherwise.</param>
public readonly record struct LedgerEntryType(LedgerEntryKind Kind, string? Name = null)
{
    /// <summary>Deposit.</summary>
    public static LedgerEntryType Deposit => new(LedgerEntryKind.Deposit);

    /// <summary>Withdrawal.</summary>
    public static LedgerEntryType Withdrawal => new(LedgerEntryKind.Withdrawal);

    /// <summary>Trade.</summary>
    public static LedgerEntryType Trade => new(LedgerEntryKind.Trade);

    /// <summary>Fee.</summary>
    public static LedgerEntryType Fee => new(LedgerEntryKind.Fee);

    /// <summary>Margin.</summary>
    public static LedgerEntryType Margin => new(LedgerEntryKind.Margin);

    /// <summary>Adjustment.</summary>
    public static LedgerEntryType Adjustment => new(LedgerEntryKind.Adjustment);

    /// <summary>A venue-specific type kept by name.</summary>
    public static LedgerEntryType Other(string name) => new(LedgerEntryKind.Other, name);

    /// <inheritdoc />
    public override string ToString() => Kind == LedgerEntryKind.Other ? $"Other({Name})" : Kind.ToString();
}
