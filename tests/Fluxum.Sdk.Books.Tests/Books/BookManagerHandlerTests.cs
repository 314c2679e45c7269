using Fluxum.Sdk.Books;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Books.Tests;

public sealed class BookManagerHandlerTests
{
    private static readonly Symbol Btc = BookHarness.Btc;

    [Fact]
    public void Apply_QualityHandlerThrows_ResyncStillRequestedAndFaultCounted()
    {
        var h = new BookHarness();
        h.Books.Quality += _ => throw new InvalidOperationException("handler bug");
        h.Apply(BookHarness.StandardSnapshot());

        var result = h.Apply(TestEvents.UpdateFrame().Bid(200m, 1m));

        Assert.Equal(BookFrameResult.Failed, result);
        Assert.Single(h.Resyncs);
        Assert.Equal(2, h.Books.Counters.HandlerFaults);
        Assert.Equal("handler bug", h.Books.LastHandlerFault?.Message);
    }

    [Fact]
    public void Apply_LevelListenerThrows_FrameIsStillAppliedWhole()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());
        h.Books.LevelChanged += _ => throw new InvalidOperationException("listener bug");

        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Bid(100m, 5m).Ask(101m, 6m)));

        Assert.Equal((5m, 6m), (h.Books.Top(Btc)!.Value.Bid.Size, h.Books.Top(Btc)!.Value.Ask.Size));
        Assert.Equal(2, h.Books.Counters.HandlerFaults);
    }

    [Fact]
    public void DeferredResync_HandlerThrows_DoesNotEscapeTheTimer()
    {
        var h = new BookHarness(new BookRules { MinResyncInterval = TimeSpan.FromSeconds(1) });
        h.Apply(BookHarness.StandardSnapshot());
        h.Apply(TestEvents.UpdateFrame().Bid(200m, 1m));
        h.Apply(TestEvents.SnapshotFrame().Bid(200m, 1m).Ask(101m, 1m));
        h.Books.ResyncRequested += (_, _) => throw new InvalidOperationException("resync handler bug");

        h.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(2, h.Resyncs.Count);
        Assert.Equal(1, h.Books.Counters.HandlerFaults);
    }

    [Fact]
    public void Apply_FrameWithoutSymbol_Throws()
    {
        var h = new BookHarness();

        Assert.Throws<ArgumentException>(() => h.Books.Apply(new BookFrame(default, true, [], default)));
    }
}
