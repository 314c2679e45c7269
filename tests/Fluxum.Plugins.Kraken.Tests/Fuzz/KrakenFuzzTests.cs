using Fluxum.Fuzz.Harness;
using Fluxum.Fuzz.Streams;

namespace Fluxum.Plugins.Kraken.Tests.Fuzz;

/// <summary>A short run of the fuzz command (tests/Fluxum.Fuzz) over the recorded Kraken v2 capture, fixed seed.</summary>
public sealed class KrakenFuzzTests
{
    private const int Frames = 20_000;

    [Fact]
    public async Task Fuzz_DamagedRecordedFrames_CleanCopyVerifiesAndDamagedFramesAreReportedAndResynced()
    {
        var result = await new FuzzRunner(new KrakenStream(), new FuzzOptions(Frames, Seed: 7)).RunAsync();

        Assert.Equal(Frames, result.Frames);
        Assert.True(result.Mutated > Frames / 5, result.ToString());
        Assert.True(result.CleanExceptions == 0 && result.CleanFailures == 0, result.ToString());
        Assert.True(result.ResyncRequests > 0 && result.ResyncsNotApplied == 0, result.ToString());
        Assert.True(result.Rejected > 0 && result.Rejected <= result.MalformedReports + result.BookMalformedReports + result.UnattributedReports + result.UntrackedReports, result.ToString());
        // Two symbols, a quarter of the frames damaged, and every damaged frame that may have been either book's
        // makes both stale until a (rate-limited) resync: books are good, and compared, for fewer frames.
        Assert.True(result.Comparisons > Frames / 20, result.ToString());
    }

    [Fact]
    public async Task Fuzz_DamagedRecordedFrames_NoExceptionEscapesTheDecoder()
    {
        var result = await new FuzzRunner(new KrakenStream(), new FuzzOptions(Frames, Seed: 7)).RunAsync();

        Assert.True(result.ExceptionsEscaping == 0, result.ToString());
    }

    [Fact]
    public async Task Fuzz_DamagedRecordedFrames_NoGoodBookDiffersFromTheCleanCopy()
    {
        var result = await new FuzzRunner(new KrakenStream(), new FuzzOptions(Frames, Seed: 7)).RunAsync();

        Assert.True(result.GoodButDifferent == 0 && result.UnreportedDrops == 0, result.ToString());
    }
}
