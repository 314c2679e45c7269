using System.Text.Json;
using Fluxum.Host.Cli.Output;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Host.Tests.Cli;

/// <summary>How <c>fluxum stream book</c> shows a book's checks: table and JSON.</summary>
public sealed class BookOutputTests
{
    private static readonly DateTimeOffset At = new(2026, 7, 7, 23, 0, 3, TimeSpan.Zero);

    [Fact]
    public void Book_VerifiedChecks_HeaderShowsThisBooksCounts()
    {
        var text = EventText.Book(Book() with { ChecksumsVerified = 562, ChecksumFailures = 1 }, new BookCounters(), 10);

        var header = text.Split('\n')[0];
        Assert.Contains("kraken BTC/USD  good", header, StringComparison.Ordinal);
        Assert.Contains("| BTC/USD: checksums verified 562, failed 1", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Book_Unverified_HeaderSaysUnverifiedAndWhyNotGood()
    {
        var text = EventText.Book(Book() with { IsStale = true, Unverified = "no price/quantity precision for BTC/USD" }, null, 10);

        var header = text.Split('\n')[0];
        Assert.Contains("kraken BTC/USD  UNVERIFIED (no price/quantity precision for BTC/USD)", header, StringComparison.Ordinal);
        Assert.DoesNotContain("good", header, StringComparison.Ordinal);
        Assert.Contains("checksums verified 0, failed 0", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_Book_CarriesChecksumCountsAndUnverifiedReason()
    {
        using var json = JsonDocument.Parse(EventJson.Serialize(Book() with { IsStale = true, Unverified = "why", ChecksumsVerified = 3, ChecksumFailures = 2 }));

        var root = json.RootElement;
        Assert.Equal("book_snapshot", root.GetProperty("type").GetString());
        Assert.True(root.GetProperty("is_stale").GetBoolean());
        Assert.Equal("why", root.GetProperty("unverified").GetString());
        Assert.Equal(3, root.GetProperty("checksums_verified").GetInt64());
        Assert.Equal(2, root.GetProperty("checksum_failures").GetInt64());
    }

    private static BookSnapshot Book() => new()
    {
        Venue = "kraken",
        Symbol = Symbol.Parse("BTC/USD"),
        Bids = [new BookLevel(100m, 1m)],
        Asks = [new BookLevel(101m, 2m)],
        ReceivedAt = At,
    };
}
