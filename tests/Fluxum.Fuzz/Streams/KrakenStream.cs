using Fluxum.Sdk.Books;
using System.Text;
using Fluxum.Fuzz.Harness;
using Fluxum.Plugins.Kraken;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Fuzz.Streams;

/// <summary>
/// Kraken WebSocket v2: the recorded capture (book depth 10 + trade, BTC/USD and ETH/USD, 3,000 frames). The
/// capture has no instrument frame, so each loop starts with the instrument snapshot the protocol asks for on
/// connect, giving the precisions the checksum needs (BTC/USD price 1 / qty 8, ETH/USD 2 / 8, as the live
/// venue had them that day); that frame is part of the loop and is damaged like any other.
/// </summary>
internal sealed class KrakenStream : FuzzStream
{
    private const string File = "kraken_v2_flashbook_live-btc-eth_2026-07-07.jsonl";

    private static readonly byte[] Instruments = Encoding.UTF8.GetBytes(
        "{\"channel\":\"instrument\",\"type\":\"snapshot\",\"data\":{\"assets\":[],\"pairs\":["
        + "{\"symbol\":\"BTC/USD\",\"base\":\"BTC\",\"quote\":\"USD\",\"status\":\"online\",\"qty_precision\":8,\"qty_increment\":1e-08,\"price_precision\":1,\"price_increment\":0.1},"
        + "{\"symbol\":\"ETH/USD\",\"base\":\"ETH\",\"quote\":\"USD\",\"status\":\"online\",\"qty_precision\":8,\"qty_increment\":1e-08,\"price_precision\":2,\"price_increment\":0.01}]}}");

    private readonly byte[][] _frames = [Instruments, .. Recording.Load(File)];

    public override string Name => "kraken";

    public override string Venue => "kraken";

    public override IReadOnlyList<Symbol> Symbols { get; } = [Symbol.Parse("BTC/USD"), Symbol.Parse("ETH/USD")];

    public override int? Depth => 10;

    public override ValueTask<(IMarketDataProtocol Protocol, BookRules Rules)> CreateProtocolAsync(TimeProvider time, CancellationToken cancellationToken = default)
    {
        // One venue per pipeline: a venue shares precisions across its connections, and the fuzzed copy's must stay its own.
        var context = new VenueContext { Venue = Venue, Rest = new NoRest(), LoggerFactory = NullLoggerFactory.Instance, Time = time };
        var venue = new KrakenPlugin().CreateVenue(context);
        return ValueTask.FromResult((venue.CreateProtocol(ConnectionKind.Public), venue.Capabilities.BookRules));
    }

    /// <summary>A snapshot while the symbol's precision is unknown would be held by the decoder (or applied unverified), not applied as checked.</summary>
    public override bool AnswersResync(IMarketDataProtocol protocol, Symbol symbol) =>
        protocol is not Fluxum.Plugins.Kraken.Protocol.KrakenProtocol kraken || kraken.Decoder.ChecksSnapshotsOf(symbol);

    public override bool Holds(IMarketDataProtocol protocol, Symbol symbol) => !AnswersResync(protocol, symbol);

    public override byte[] SymbolText(Symbol symbol) => Encoding.UTF8.GetBytes($"\"symbol\":\"{symbol}\"");

    public override IReadOnlyList<byte[]> Loop(IReadOnlyList<ReadOnlyMemory<byte>> requests) => _frames;

    private sealed class NoRest : IRestTransport
    {
        public Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("no REST in the fuzz run");
    }
}
