namespace Fluxum.Sdk.MarketData;

/// <summary>A request for one channel on a set of symbols.</summary>
public sealed record Subscription
{
    /// <summary>Creates a subscription.</summary>
    public Subscription(MarketChannel channel, IEnumerable<Symbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(symbols);
        Channel = channel;
        Symbols = symbols.Distinct().ToArray();
    }

    /// <summary>Creates a subscription.</summary>
    public Subscription(MarketChannel channel, params Symbol[] symbols)
        : this(channel, (IEnumerable<Symbol>)symbols)
    {
    }

    /// <summary>The channel.</summary>
    public MarketChannel Channel { get; }

    /// <summary>The symbols, without duplicates (empty for the ledger channel).</summary>
    public IReadOnlyList<Symbol> Symbols { get; }

    /// <summary>One key per symbol (one key without symbol for a symbol-less channel).</summary>
    public IEnumerable<SubscriptionKey> Keys =>
        Symbols.Count == 0 ? [new SubscriptionKey(Channel, null)] : Symbols.Select(s => new SubscriptionKey(Channel, s));

    /// <inheritdoc />
    public bool Equals(Subscription? other) =>
        other is not null && Channel.Equals(other.Channel) && Symbols.SequenceEqual(other.Symbols);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Channel, Symbols.Count);

    /// <inheritdoc />
    public override string ToString() => $"{Channel} [{string.Join(", ", Symbols)}]";
}

/// <summary>One channel on one symbol: the unit venues acknowledge and the host tracks.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Symbol">The symbol, or null for a symbol-less channel (ledger).</param>
public readonly record struct SubscriptionKey(MarketChannel Channel, Symbol? Symbol)
{
    /// <inheritdoc />
    public override string ToString() => Symbol is { } s ? $"{Channel} {s}" : Channel.ToString();
}
