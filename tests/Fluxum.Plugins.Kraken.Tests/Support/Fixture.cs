using System.Text.Json;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Venues;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Fluxum.Plugins.Kraken.Tests.Support;

internal static class Fixture
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>The raw frames of a recording, in order.</summary>
    public static IEnumerable<byte[]> RecordedFrames(string name)
    {
        foreach (var line in File.ReadLines(PathOf(name)))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            yield return System.Text.Encoding.UTF8.GetBytes(doc.RootElement.GetProperty("frame").GetString()!);
        }
    }

    public static VenueContext Context(VenueCredentials? credentials = null, IRestTransport? rest = null, IReadOnlyDictionary<string, Uri>? endpoints = null) => new()
    {
        Venue = "kraken",
        Rest = rest ?? Substitute.For<IRestTransport>(),
        LoggerFactory = NullLoggerFactory.Instance,
        Credentials = credentials,
        Endpoints = endpoints ?? new Dictionary<string, Uri>(),
    };

    public static KrakenProtocol Protocol(params (string Symbol, int Price, int Qty)[] precisions)
    {
        var instruments = new InstrumentTable();
        foreach (var (symbol, price, qty) in precisions)
        {
            instruments.Set(Symbol.Parse(symbol), new Precision(price, qty));
        }

        var protocol = new KrakenProtocol(Context(), ConnectionKind.Public, null, instruments);
        return protocol.WithBookRules(KrakenVenue.Rules(protocol.Checksum));
    }
}
