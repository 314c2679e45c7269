using System.Runtime.CompilerServices;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Sdk.Testing.Venues;

/// <summary>
/// Test shorthands over the venue contract: the plugin creates a venue adapter per context, and the adapter the
/// protocols and ledger clients. Each shorthand creates a fresh venue (tests that need two connections of one venue
/// call <see cref="IExchangePlugin.CreateVenue"/> themselves). A protocol remembers the venue it came from, so a test
/// can read that venue's declared book rules and check a subscription as the host does.
/// </summary>
public static class VenueTestExtensions
{
    private static readonly ConditionalWeakTable<IMarketDataProtocol, Origin> Origins = new();
    private static readonly ConditionalWeakTable<IMarketDataProtocol, BookRules> Rules = new();

    /// <summary>A protocol of a fresh venue for <paramref name="context"/>.</summary>
    public static IMarketDataProtocol CreateProtocol(this IExchangePlugin plugin, VenueContext context, ConnectionKind kind) =>
        plugin.CreateVenue(context).Protocol(kind);

    /// <summary>A protocol of <paramref name="venue"/>, remembering where it came from.</summary>
    public static IMarketDataProtocol Protocol(this IVenueAdapter venue, ConnectionKind kind)
    {
        var protocol = venue.CreateProtocol(kind);
        Origins.AddOrUpdate(protocol, new Origin(venue, kind));
        return protocol;
    }

    /// <summary>A ledger client of a fresh venue for <paramref name="context"/>.</summary>
    public static ILedgerClient CreateLedgerClient(this IExchangePlugin plugin, VenueContext context) =>
        plugin.CreateVenue(context).CreateLedgerClient();

    /// <summary>The problems a fresh venue for <paramref name="context"/> finds in its settings.</summary>
    public static IReadOnlyList<string> Validate(this IExchangePlugin plugin, VenueContext context) =>
        plugin.CreateVenue(context).Problems;

    /// <summary>The book rules the protocol's venue declared (what the host's book manager checks with).</summary>
    public static BookRules VenueBookRules(this IMarketDataProtocol protocol) =>
        Rules.TryGetValue(protocol, out var rules) ? rules : OriginOf(protocol).Venue.Capabilities.BookRules;

    /// <summary>
    /// Gives a protocol a test built directly (not through a venue) the book rules its venue would declare, so
    /// <see cref="VenueBookRules"/> answers for it too.
    /// </summary>
    public static TProtocol WithBookRules<TProtocol>(this TProtocol protocol, BookRules rules)
        where TProtocol : class, IMarketDataProtocol
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(rules);
        Rules.AddOrUpdate(protocol, rules);
        return protocol;
    }

    /// <summary>Checks a subscription as the host does: the venue's declared capabilities, then the protocol.</summary>
    public static string? CheckSubscription(this IMarketDataProtocol protocol, Subscription subscription)
    {
        var origin = OriginOf(protocol);
        return origin.Venue.Capabilities.Check(origin.Kind, subscription) ?? protocol.Validate(subscription);
    }

    private static Origin OriginOf(IMarketDataProtocol protocol) =>
        Origins.TryGetValue(protocol, out var origin)
            ? origin
            : throw new InvalidOperationException("this protocol was not created through VenueTestExtensions");

    private sealed record Origin(IVenueAdapter Venue, ConnectionKind Kind);
}
