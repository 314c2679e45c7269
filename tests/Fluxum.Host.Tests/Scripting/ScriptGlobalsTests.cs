using System.Runtime.CompilerServices;
using Fluxum.Host.Scripting;
using Fluxum.Host.Tests.Scripting.Support;

namespace Fluxum.Host.Tests.Scripting;

public sealed class ScriptGlobalsTests
{
    [Fact]
    public async Task Merge_TwoSources_YieldsEveryItemOfBoth()
    {
        var globals = NewGlobals();

        var items = await globals.Merge(Numbers(1, 3), Numbers(10, 2)).ToListAsync();

        Assert.Equal([1, 2, 3, 10, 11], items.Order());
    }

    [Fact]
    public async Task Merge_SourceThrows_MergeThrowsItsException()
    {
        var globals = NewGlobals();
        using var cts = new CancellationTokenSource();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await globals.Merge(Numbers(1, 2), Failing(), Forever(cts.Token)).ToListAsync());

        Assert.Equal("source failed", error.Message);
    }

    [Fact]
    public async Task Until_StopFires_EndsQuietlyAfterItemsSoFar()
    {
        var globals = NewGlobals();
        using var stop = new CancellationTokenSource();
        var seen = new List<int>();

        await foreach (var n in globals.Until(Forever(CancellationToken.None), stop.Token))
        {
            seen.Add(n);
            if (seen.Count == 3)
            {
                await stop.CancelAsync();
            }
        }

        Assert.Equal([0, 1, 2], seen);
    }

    [Fact]
    public void Args_Helpers_ParseOrFallBack()
    {
        var globals = NewGlobals("ETH/USD", "30s", "");

        Assert.Equal("ETH/USD", globals.SymbolArg(0, "BTC/USD").ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), globals.DurationArg(1, null));
        Assert.Null(globals.DurationArg(2, null));
        Assert.Equal(TimeSpan.FromMinutes(1), globals.DurationArg(5, "1m"));
        Assert.Equal("fallback", globals.Arg(2, "fallback"));
        Assert.Throws<FormatException>(() => globals.SymbolArg(1, "BTC/USD"));
    }

    private static ScriptGlobals NewGlobals(params string[] args) =>
        new(ScriptHarness.Environment(new FakeMarket("kraken"), new LineRecorder(), args), CancellationToken.None);

    private static async IAsyncEnumerable<int> Numbers(int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    private static async IAsyncEnumerable<int> Failing()
    {
        await Task.Yield();
        throw new InvalidOperationException("source failed");
#pragma warning disable CS0162 // An iterator needs a yield.
        yield break;
#pragma warning restore CS0162
    }

    private static async IAsyncEnumerable<int> Forever([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; ; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }
}
