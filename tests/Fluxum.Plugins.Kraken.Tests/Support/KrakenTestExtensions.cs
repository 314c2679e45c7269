using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Testing.Venues;

namespace Fluxum.Plugins.Kraken.Tests.Support;

/// <summary>Kraken's addition to the SDK's <see cref="VenueTestExtensions"/>: book rules for a protocol a test built directly.</summary>
internal static class KrakenTestExtensions
{
    /// <summary>
    /// The book rules of the protocol's venue; for a protocol a test built directly (<see cref="Fixture.Protocol"/>),
    /// the rules a venue would give its checksum.
    /// </summary>
    public static BookRules VenueBookRules(this KrakenProtocol protocol) =>
        protocol.VenueOf() is { } venue ? venue.Capabilities.BookRules : KrakenVenue.Rules(protocol.Checksum);
}
