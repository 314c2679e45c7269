using System.Text;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;
using Fluxum.Sdk.Testing.Sinks;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Tests.Testing;

public sealed class RecordingFrameSinkTests
{
    [Fact]
    public void Publish_Events_AreRecordedInOrderAndByType()
    {
        var sink = new RecordingFrameSink();

        sink.Publish(TestEvents.Trade());
        sink.Publish(TestEvents.Ticker());
        sink.Publish(TestEvents.Trade(price: 7m));

        Assert.Equal(3, sink.Events.Count);
        Assert.Equal([100m, 7m], sink.OfType<Trade>().Select(t => t.Price));
        Assert.Single(sink.OfType<Ticker>());
    }

    [Fact]
    public void Book_Frame_IsCopiedBeyondTheCall()
    {
        var sink = new RecordingFrameSink();
        var buffer = new LevelChange[] { new(BookSide.Bid, 100m, 1m) };

        sink.Book(new BookFrame(TestEvents.Symbol, isSnapshot: true, buffer, TestClock.Start) { Checksum = 42, FirstSequence = 1, LastSequence = 2 });
        buffer[0] = new LevelChange(BookSide.Ask, 1m, 1m);

        var frame = Assert.Single(sink.BookFrames);
        Assert.Equal(new LevelChange(BookSide.Bid, 100m, 1m), Assert.Single(frame.Changes));
        Assert.True(frame.IsSnapshot);
        Assert.Equal((42u, 1L, 2L), (frame.Checksum, frame.FirstSequence, frame.LastSequence));
    }

    [Fact]
    public void Book_WithManager_AppliesFramesAndRecordsResults()
    {
        var books = new BookManager("test", BookRules.Default, TestClock.Create());
        var sink = new RecordingFrameSink(books);

        sink.Book(TestEvents.UpdateFrame().Bid(99m, 1m).Build());
        sink.Book(TestEvents.SnapshotFrame().Bid(100m, 1m).Ask(101m, 1m).Build());

        Assert.Equal([BookFrameResult.Discarded, BookFrameResult.Snapshot], sink.BookResults);
        Assert.Equal(100.5m, books.Midpoint(TestEvents.Symbol));
    }

    [Fact]
    public void Malformed_Report_KeepsReasonAndBytes()
    {
        var sink = new RecordingFrameSink();

        sink.Malformed("unexpected token at 3", Encoding.UTF8.GetBytes("{x"));

        var report = Assert.Single(sink.MalformedFrames);
        Assert.Equal("unexpected token at 3", report.Reason);
        Assert.Equal("{x", report.Text);
    }

    [Fact]
    public void Clear_AfterRecording_ForgetsEverything()
    {
        var sink = new RecordingFrameSink();
        sink.Publish(TestEvents.Trade());
        sink.Malformed("x", [1]);

        sink.Clear();

        Assert.Empty(sink.Events);
        Assert.Empty(sink.MalformedFrames);
    }
}
