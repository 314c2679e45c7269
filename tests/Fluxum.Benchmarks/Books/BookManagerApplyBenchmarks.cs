using BenchmarkDotNet.Attributes;
using Fluxum.Sdk.Books;

namespace Fluxum.Benchmarks.Books;

/// <summary>
/// <see cref="BookManager.Apply"/> with update frames of four level changes on a 1,000-level book, under the
/// Gemini-style overlapping sequence rule and the crossed-book check, with no listeners. Per frame.
/// </summary>
[MemoryDiagnoser]
public class BookManagerApplyBenchmarks
{
    private const int FrameSize = 4;
    private const int Frames = 25_000;
    private BookManager _books = null!;
    private LevelChange[] _changes = null!;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _books = new BookManager("bench", new BookRules { Sequence = SequenceRule.Overlapping });
        _books.Track(LevelStream.Symbol, null);
        _sequence = 1_000;
        _books.Apply(new BookFrame(LevelStream.Symbol, true, LevelStream.Snapshot(), DateTimeOffset.UnixEpoch) { LastSequence = _sequence });
        _changes = LevelStream.Updates(Frames * FrameSize);
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int ApplyFrame()
    {
        var books = _books;
        var changes = _changes.AsSpan();
        var symbol = LevelStream.Symbol;
        var at = DateTimeOffset.UnixEpoch;
        var applied = 0;
        for (var i = 0; i < Frames; i++)
        {
            var first = _sequence;
            _sequence += 3;
            var frame = new BookFrame(symbol, false, changes.Slice(i * FrameSize, FrameSize), at)
            {
                FirstSequence = first,
                LastSequence = _sequence,
            };
            if (books.Apply(frame) == BookFrameResult.Applied)
            {
                applied++;
            }
        }

        if (applied != Frames)
        {
            throw new InvalidOperationException($"Only {applied} of {Frames} frames applied; the book went stale.");
        }

        return applied;
    }
}
