using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Sdk.Kit.Tests.Requests;

public sealed class RequestTrackerTests
{
    [Fact]
    public void Complete_PendingId_MatchedOnceThenDuplicate()
    {
        var tracker = new RequestTracker<string>();
        var id = tracker.Add("subscribe book BTC/USD");

        Assert.Equal(AckMatch.Matched, tracker.Complete(id, out var request));
        Assert.Equal("subscribe book BTC/USD", request);
        Assert.Equal(AckMatch.Duplicate, tracker.Complete(id, out _));
        Assert.Equal(0, tracker.PendingCount);
    }

    [Fact]
    public void Complete_IdNeverHandedOut_Unknown()
    {
        var tracker = new RequestTracker<string>();
        tracker.Add("a");

        Assert.Equal(AckMatch.Unknown, tracker.Complete(999, out var request));
        Assert.Null(request);
        Assert.Equal(AckMatch.Unknown, tracker.Complete(0, out _));
        Assert.Equal(1, tracker.PendingCount);
    }

    [Fact]
    public void TryPeek_SeveralAcksForOneRequest_EachFindsIt()
    {
        var tracker = new RequestTracker<string>();
        var id = tracker.Add("two symbols");

        Assert.True(tracker.TryPeek(id, out var first));
        Assert.True(tracker.TryPeek(id, out var second));
        Assert.Equal("two symbols", first);
        Assert.Equal(first, second);
        Assert.False(tracker.TryPeek(id + 1, out _));
    }

    [Fact]
    public void TakeExpired_TimeoutPassed_HandsBackOnlyTheOverdueThenLateAckIsExpired()
    {
        var time = new FakeTimeProvider();
        var tracker = new RequestTracker<string>(new RequestTrackerOptions { Timeout = TimeSpan.FromSeconds(10) }, time);
        var old = tracker.Add("old");
        time.Advance(TimeSpan.FromSeconds(6));
        var fresh = tracker.Add("fresh");

        Assert.Empty(tracker.TakeExpired());
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["old"], tracker.TakeExpired());
        Assert.Empty(tracker.TakeExpired());
        Assert.Equal(AckMatch.Expired, tracker.Complete(old, out _));
        Assert.Equal(AckMatch.Matched, tracker.Complete(fresh, out _));
    }

    [Fact]
    public void Add_PastMaxPending_ForgetsTheOldest()
    {
        var tracker = new RequestTracker<int>(new RequestTrackerOptions { MaxPending = 3 });
        var ids = Enumerable.Range(0, 5).Select(tracker.Add).ToArray();

        Assert.Equal(3, tracker.PendingCount);
        Assert.Equal(2, tracker.Evicted);
        Assert.False(tracker.TryPeek(ids[0], out _));
        Assert.False(tracker.TryPeek(ids[1], out _));
        Assert.True(tracker.TryPeek(ids[2], out var third));
        Assert.Equal(2, third);
    }

    [Fact]
    public void Add_AfterCompletions_EvictsOnlyStillPending()
    {
        var tracker = new RequestTracker<int>(new RequestTrackerOptions { MaxPending = 2 });
        var a = tracker.Add(1);
        var b = tracker.Add(2);
        tracker.Complete(a, out _);
        tracker.Add(3);
        tracker.Add(4);

        Assert.Equal(1, tracker.Evicted);
        Assert.False(tracker.TryPeek(b, out _));
    }

    [Fact]
    public void Clear_NewConnection_ForgetsButIdsKeepIncreasing()
    {
        var tracker = new RequestTracker<string>();
        var before = tracker.Add("x");
        var ping = tracker.NextId();
        tracker.Clear();

        Assert.Equal(0, tracker.PendingCount);
        Assert.Equal(AckMatch.Unknown, tracker.Complete(before, out _));
        Assert.True(tracker.Add("y") > ping);
        Assert.True(ping > before);
    }

    [Fact]
    public void Constructor_BadOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestTracker<int>(new RequestTrackerOptions { MaxPending = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestTracker<int>(new RequestTrackerOptions { Timeout = TimeSpan.Zero }));
    }
}
