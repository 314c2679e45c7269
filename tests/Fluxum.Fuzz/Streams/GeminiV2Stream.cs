using Fluxum.Sdk.Books;
using System.Text;
using Fluxum.Fuzz.Harness;
using Fluxum.Plugins.Gemini;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Fuzz.Streams;

/// <summary>Gemini market data v2: the recorded cryptofeed capture (l2 for ten symbols, 678 received frames).</summary>
internal sealed class GeminiV2Stream : FuzzStream
{
    internal const string File = "gemini_v2_cryptofeed_2021-06-24.jsonl";

    private readonly IReadOnlyList<byte[]> _frames = Recording.Load(File);

    public override string Name => "gemini-v2";

    public override string Venue => GeminiPlugin.VenueName;

    public override IReadOnlyList<Symbol> Symbols => GeminiSymbols.Symbols;

    public override ValueTask<(IMarketDataProtocol Protocol, BookRules Rules)> CreateProtocolAsync(TimeProvider time, CancellationToken cancellationToken = default) =>
        GeminiSymbols.CreateAsync("v2", time, cancellationToken);

    public override byte[] SymbolText(Symbol symbol) => Encoding.UTF8.GetBytes($"\"symbol\":\"{GeminiSymbols.VenueSymbol(symbol).ToUpperInvariant()}\"");

    public override IReadOnlyList<byte[]> Loop(IReadOnlyList<ReadOnlyMemory<byte>> requests) => _frames;
}
