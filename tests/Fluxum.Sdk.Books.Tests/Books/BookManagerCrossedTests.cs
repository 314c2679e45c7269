using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Books.Tests;

public sealed class BookManagerCrossedTests
{
    private static readonly Symbol Btc = BookHarness.Btc;

    [Theory]
    [InlineData(101)]
    [InlineData(102.5)]
    public void Apply_UpdateCrossesBook_ReportsCrossedAndStale(double bid)
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());

        var result = h.Apply(TestEvents.UpdateFrame().Bid((decimal)bid, 1m));

        Assert.Equal(BookFrameResult.Failed, result);
        Assert.Equal([DataQualityKind.Crossed, DataQualityKind.Stale], h.Kinds);
        Assert.Contains("best bid", h.Quality[0].Detail, StringComparison.Ordinal);
        Assert.Single(h.Resyncs);
        Assert.Equal(1, h.Books.Counters.Crossed);
        Assert.Null(h.Books.Top(Btc));
        Assert.True(h.Books.Snapshot(Btc)!.IsStale);
    }

    [Fact]
    public void Apply_CrossedSnapshot_IsNotServedAsGood()
    {
        var h = new BookHarness();

        Assert.Equal(BookFrameResult.Failed, h.Apply(TestEvents.SnapshotFrame().Bid(102m, 1m).Ask(101m, 1m)));

        Assert.True(h.Books.IsStale(Btc));
        Assert.Null(h.Books.Midpoint(Btc));
        Assert.Contains(DataQualityKind.Crossed, h.Kinds);
    }

    [Fact]
    public void Apply_CrossedWithCheckOff_IsServed()
    {
        var h = new BookHarness(new BookRules { CheckCrossed = false });
        h.Apply(BookHarness.StandardSnapshot());

        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Bid(101m, 1m)));
        Assert.Equal(0m, h.Books.Spread(Btc));
    }
}
