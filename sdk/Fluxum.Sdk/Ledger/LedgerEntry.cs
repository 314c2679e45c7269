using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Ledger;

/// <summary>One change to one asset's balance on the account.</summary>
/// <remarks>
/// Beyond the seed: <see cref="Fee"/> (venues report the fee beside the amount, and dropping it makes
/// balances irreconcilable) and <see cref="SubType"/> (the venue's own finer kind, e.g. <c>spottostaking</c>).
/// <see cref="MarketEvent.ExchangeTime"/> is the entry's time.
/// </remarks>
public sealed record LedgerEntry : MarketEvent
{
    /// <summary>The venue's id of the entry.</summary>
    public required string Id { get; init; }

    /// <summary>The entry type.</summary>
    public required LedgerEntryType Type { get; init; }

    /// <summary>The venue's sub-type, when it has one.</summary>
    public string? SubType { get; init; }

    /// <summary>The asset in canonical spelling (<c>BTC</c>, not <c>XXBT</c>).</summary>
    public required string Asset { get; init; }

    /// <summary>Signed change of the balance (negative for money out).</summary>
    public required decimal Amount { get; init; }

    /// <summary>Fee charged with this entry (0 when none).</summary>
    public decimal Fee { get; init; }

    /// <summary>Balance after the entry, when the venue reports it.</summary>
    public decimal? Balance { get; init; }

    /// <summary>The order, trade or transfer this entry belongs to.</summary>
    public string? ReferenceId { get; init; }

    /// <summary>When the entry happened.</summary>
    public required DateTimeOffset Time { get; init; }
}
