using Fluxum.Fuzz.Harness;
using Fluxum.Fuzz.Streams;

namespace Fluxum.Plugins.Gemini.Tests.Fuzz;

/// <summary>
/// A short run of the fuzz command (tests/Fluxum.Fuzz), fixed seed: the recorded v2 capture, and the same market
/// rewritten into the new WebSocket API's frames.
/// </summary>
public sealed class GeminiFuzzTests
{
    private const int Frames = 20_000;

    public static TheoryData<string> Streams => ["gemini-v2", "gemini-ws"];

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task Fuzz_DamagedFrames_NothingThrowsAndEveryDroppedBookFrameIsReported(string api)
    {
        var result = await new FuzzRunner(Create(api), new FuzzOptions(Frames, Seed: 7)).RunAsync();

        Assert.Equal(Frames, result.Frames);
        Assert.True(result.Mutated > Frames / 5, result.ToString());
        Assert.True(result.ExceptionsEscaping == 0, result.ToString());
        Assert.True(result.CleanExceptions == 0 && result.CleanFailures == 0, result.ToString());
        Assert.True(result.ResyncRequests > 0 && result.ResyncsNotApplied == 0, result.ToString());
        Assert.True(result.Rejected > 0 && result.Rejected <= result.MalformedReports + result.BookMalformedReports + result.UnattributedReports + result.UntrackedReports, result.ToString());
        Assert.True(result.UnreportedDrops == 0, result.ToString());
        Assert.True(result.Comparisons > Frames / 10, result.ToString());
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task Fuzz_DamagedFrames_NoGoodBookDiffersFromTheCleanCopy(string api)
    {
        var result = await new FuzzRunner(Create(api), new FuzzOptions(Frames, Seed: 7)).RunAsync();

        Assert.True(result.GoodButDifferent == 0 && result.UnreportedDrops == 0, result.ToString());
    }

    private static FuzzStream Create(string api) => api == "gemini-v2" ? new GeminiV2Stream() : new GeminiWsStream();
}
