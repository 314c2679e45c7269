namespace Fluxum.Sdk.Ledger;

/// <summary>Filters for a ledger query. Every filter is optional; results are newest first.</summary>
public sealed record LedgerQuery
{
    /// <summary>Only this asset (canonical spelling).</summary>
    public string? Asset { get; init; }

    /// <summary>Only this entry type.</summary>
    public LedgerEntryType? Type { get; init; }

    /// <summary>Entries at or after this time.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Entries at or before this time.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>At most this many entries; the client pages through the venue until it has them.</summary>
    public int? Limit { get; init; }

    /// <summary>True when <paramref name="entry"/> passes every filter.</summary>
    public bool Matches(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (Asset is null || string.Equals(entry.Asset, Asset, StringComparison.OrdinalIgnoreCase))
            && (Type is null || entry.Type.Kind == Type.Value.Kind && (Type.Value.Kind != LedgerEntryKind.Other || Type.Value.Name is null || Type.Value.Name == entry.Type.Name))
            && (Start is null || entry.Time >= Start)
            && (End is null || entry.Time <= End);
    }
}
