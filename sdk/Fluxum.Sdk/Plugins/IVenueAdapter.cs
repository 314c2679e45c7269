using Fluxum.Sdk.Books;
using Fluxum.Sdk.Ledger;

namespace Fluxum.Sdk.Plugins;

/// <summary>
/// One configured venue, as its plugin serves it: created once per venue by <see cref="IExchangePlugin.CreateVenue"/>,
/// it owns that venue's state (instruments and precisions, symbol maps, nonce source, checksum) and declares, once,
/// what the venue offers (<see cref="Capabilities"/>): every check the host makes of a subscription derives from
/// that declaration. The host runs the book-sync strategy it names.
/// </summary>
public interface IVenueAdapter
{
    /// <summary>
    /// What the venue offers with these settings, declared once. Read once, after creation; must not change.
    /// </summary>
    VenueCapabilities Capabilities { get; }

    /// <summary>
    /// Problems with the venue's settings found when the adapter was created, each a message starting with the
    /// setting's name (e.g. <c>endpoints.ws: ...</c>); empty when all is well. The host runs no venue with problems.
    /// </summary>
    IReadOnlyList<string> Problems { get; }

    /// <summary>Creates the wire protocol for one connection. Called again for each new connection.</summary>
    /// <param name="kind">The public market-data connection, or the authenticated one (only when <see cref="VenueCapabilities.Private"/> offers channels and credentials are configured).</param>
    IMarketDataProtocol CreateProtocol(ConnectionKind kind);

    /// <summary>
    /// A client for the account's ledger over REST, when <see cref="VenueCapabilities.Ledger"/> is true and
    /// credentials are configured; otherwise never called.
    /// </summary>
    ILedgerClient CreateLedgerClient() => throw new NotSupportedException("this venue has no ledger");

    /// <summary>
    /// Book-sync strategy <see cref="BookSync.RestSnapshot"/>: fetches one symbol's book snapshot over REST, its
    /// <see cref="BookSnapshot.Sequence"/> set to the last update id the snapshot includes. The host buffers the
    /// symbol's diff frames (their <see cref="BookFrame.FirstSequence"/>/<see cref="BookFrame.LastSequence"/> being
    /// the first and last update ids each covers), calls this, and stitches the two by update id; a snapshot older
    /// than every buffered diff is fetched again. Throw <see cref="VenueApiException"/> for a venue error.
    /// </summary>
    /// <param name="symbol">The book's symbol.</param>
    /// <param name="depth">The subscribed depth (the plugin picks the venue's nearest allowed limit at or above it).</param>
    /// <param name="cancellationToken">Stops the request.</param>
    ValueTask<BookSnapshot> FetchBookSnapshotAsync(Symbol symbol, int depth, CancellationToken cancellationToken) =>
        throw new NotSupportedException("this venue's books are not synced from a REST snapshot");
}
