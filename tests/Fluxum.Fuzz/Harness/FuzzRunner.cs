using System.Diagnostics;
using System.Text;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Fuzz.Harness;

/// <summary>How much to fuzz.</summary>
/// <param name="Frames">Frames to feed (the stream is looped, with a reconnect at each loop start).</param>
/// <param name="Seed">The random seed: a run is reproducible.</param>
/// <param name="MutationRate">The share of frames damaged.</param>
internal sealed record FuzzOptions(long Frames, int Seed, double MutationRate = 0.25)
{
    /// <summary>Where to report progress (every 100,000 frames), or null.</summary>
    public TextWriter? Progress { get; init; }

    /// <summary>Fake time between two frames (resync requests are rate-limited per symbol in this time).</summary>
    public TimeSpan FrameInterval { get; init; } = TimeSpan.FromMilliseconds(10);
}

/// <summary>
/// Feeds a stream to two pipelines (decoder + book manager with the venue's rules): a clean one, and one
/// that gets a damaged copy of some frames. A resync the fuzzed books ask for is answered with a snapshot of
/// the clean book at that point (what the venue would send). After every frame, every book either pipeline
/// touched is compared: a good fuzzed book (not stale) that differs from the clean copy is a violation, unless
/// the damaged frame itself decoded, without a report, to book data that differs from the clean frame's for
/// that symbol (a value the venue could have sent: no check can tell), counted apart. Either way the fuzzed
/// book is then resynced from the clean one, so later comparisons stay meaningful.
/// </summary>
internal sealed partial class FuzzRunner(FuzzStream stream, FuzzOptions options)
{
    private const int PreviewBytes = 240;
    private readonly HashSet<Symbol> _touched = [];
    private readonly HashSet<Symbol> _altered = [];
    private readonly HashSet<Symbol> _lost = [];
    private readonly Dictionary<Symbol, (long Frame, Mutation Kind, byte[] Bytes)> _lastDamage = [];
    private readonly List<Symbol> _answered = [];
    private readonly HashSet<Symbol> _goodThisLoop = [];
    private bool _reported;
    private bool _threw;

    // The frame being fed and since when (Stopwatch ticks), for the watchdog that names a frame that hangs a decoder.
    private volatile CurrentFrame? _current;
    private long _currentSince;
    private CurrentFrame? _reportedSlow;
    private long _cleanEvents;
    private long _fuzzEvents;
    private Pipeline _clean = null!;
    private Pipeline _fuzz = null!;
    private FakeTimeProvider _time = null!;
    private FuzzResult _result = null!;

    public async Task<FuzzResult> RunAsync(CancellationToken cancellationToken = default)
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _clean = new Pipeline(await stream.CreateProtocolAsync(_time, cancellationToken).ConfigureAwait(false), stream.Venue, _time);
        _fuzz = new Pipeline(await stream.CreateProtocolAsync(_time, cancellationToken).ConfigureAwait(false), stream.Venue, _time);
        foreach (var symbol in stream.Symbols)
        {
            _clean.Books.Track(symbol, stream.Depth);
            _fuzz.Books.Track(symbol, stream.Depth);
        }

        _result = new FuzzResult(stream.Name, options.Seed);
        var random = new Random(options.Seed);
        var mutator = new FrameMutator(random);
        var watch = Stopwatch.StartNew();
        using var watchdog = options.Progress is null ? null : new Timer(_ => Watch(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        while (_result.Frames < options.Frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Reconnect(out var requests);
            foreach (var frame in stream.Loop(requests))
            {
                if (_result.Frames >= options.Frames)
                {
                    break;
                }

                var kind = Mutation.None;
                var fed = frame;
                if (random.NextDouble() < options.MutationRate)
                {
                    fed = mutator.Mutate(frame, out kind);
                    _result.Mutated++;
                    _result.ByMutation[kind] = _result.ByMutation.GetValueOrDefault(kind) + 1;
                    if (fed.AsSpan().SequenceEqual(frame))
                    {
                        _result.MutatedUnchanged++;
                        kind = Mutation.None;
                        fed = frame;
                    }
                }

                Step(frame, fed, kind);
                if (options.Progress is { } progress && _result.Frames % 100_000 == 0)
                {
                    progress.WriteLine($"{stream.Name}: {_result.Frames:N0} frames, {watch.Elapsed.TotalSeconds:F1} s, {_fuzz.Books.Symbols.Count} fuzzed books, {_fuzz.ResyncRequests.Count} resyncs waiting");
                }
            }
        }

        _result.Elapsed = watch.Elapsed;
        _result.ResyncRequests = _fuzz.ResyncRequestCount;
        return _result;
    }

    /// <summary>A reconnect of both pipelines (each loop starts the stream over): decoders reset, every book stale until its snapshot.</summary>
    private void Reconnect(out IReadOnlyList<ReadOnlyMemory<byte>> requests)
    {
        if (_result.Loops > 0)
        {
            _result.NeverGoodInLoop += stream.Symbols.Count - _goodThisLoop.Count;
        }

        _goodThisLoop.Clear();
        requests = stream.Connect(_clean.Protocol);
        stream.Connect(_fuzz.Protocol);
        _clean.Books.MarkAllStale("reconnect (loop start)");
        _fuzz.Books.MarkAllStale("reconnect (loop start)");

        // A new connection: what was asked on the old one is void; the stream's snapshots answer it.
        _fuzz.ResyncRequests.Clear();
        _result.Loops++;
    }

    private void Step(byte[] frame, byte[] fed, Mutation kind)
    {
        var index = _result.Frames++;
        var now = _time.GetUtcNow();
        try
        {
            _clean.Feed(frame, now);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _result.CleanExceptions++;
            _result.Exceptions.Add(new FuzzFinding(index, Mutation.None, $"CLEAN copy threw {e.GetType().Name}: {e.Message}", Preview(frame)));
        }

        var threw = false;
        Volatile.Write(ref _currentSince, Stopwatch.GetTimestamp());
        _current = options.Progress is null ? null : new CurrentFrame(index, kind, fed);
        try
        {
            _fuzz.Feed(fed, now);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Counted and shown: the host would contain it as a decoder fault (VenueFeed.Process).
            threw = true;
            _result.AddException(new FuzzFinding(index, kind, $"{e.GetType().Name}: {e.Message}\n    at {FirstFrames(e)}", Preview(fed)));
        }

        _current = null;
        CountClean(index, frame);
        if (kind != Mutation.None)
        {
            Classify(index, fed, kind, threw);
        }

        _cleanEvents = _clean.Events;
        _fuzzEvents = _fuzz.Events;

        _time.Advance(options.FrameInterval);
        Touch();
        AnswerResyncs(now);
        Compare(index, fed, kind, now);
        foreach (var symbol in stream.Symbols)
        {
            if (!_fuzz.IsGood(symbol))
            {
                _result.StaleFrames += _clean.IsGood(symbol) ? 1 : 0;
            }
            else
            {
                _goodThisLoop.Add(symbol);
            }
        }
    }

    /// <summary>Names a frame the fuzzed decoder has been on for more than 10 s (once per frame).</summary>
    private void Watch()
    {
        var current = _current;
        var seconds = Stopwatch.GetElapsedTime(Volatile.Read(ref _currentSince)).TotalSeconds;
        if (current is not null && seconds > 10 && !ReferenceEquals(current, _reportedSlow))
        {
            _reportedSlow = current;
            options.Progress?.WriteLine($"{stream.Name}: frame #{current.Frame} ({current.Kind}) has been in the fuzzed decoder for {seconds:F0} s: {Preview(current.Bytes)}");
        }
    }

    private void CountClean(long index, byte[] frame)
    {
        var failures = _clean.ResyncRequests.Count + _clean.MalformedBooks.Count + _clean.UnattributedReports;
        if (failures > 0)
        {
            _result.CleanFailures += failures;
            if (_result.CleanFindings.Count < 5)
            {
                _result.CleanFindings.Add(new FuzzFinding(index, Mutation.None, $"CLEAN copy failed: resyncs {string.Join(',', _clean.ResyncRequests)}, book malformed {string.Join(',', _clean.MalformedBooks)} ({_clean.LastReason})", Preview(frame)));
            }

            _clean.ResyncRequests.Clear();
        }
    }

    private void Touch()
    {
        _touched.Clear();
        foreach (var book in _clean.Decoded)
        {
            _touched.Add(book.Symbol);
        }

        foreach (var book in _fuzz.Decoded)
        {
            _touched.Add(book.Symbol);
        }

        _touched.UnionWith(_fuzz.MalformedBooks);
        _touched.UnionWith(_fuzz.ResyncRequests);
    }

    /// <summary>The venue's answer to each resync asked for: the clean book as it is now, as a snapshot.</summary>
    private void AnswerResyncs(DateTimeOffset now)
    {
        if (_fuzz.ResyncRequests.Count == 0)
        {
            return;
        }

        _answered.Clear();
        foreach (var symbol in _fuzz.ResyncRequests)
        {
            // A request for a symbol the clean copy has no good book for yet waits until it has one, and one the
            // fuzzed decoder would not pass on as a checked snapshot (held for its precision) waits too.
            if (_clean.IsGood(symbol) && stream.AnswersResync(_fuzz.Protocol, symbol))
            {
                _answered.Add(symbol);
            }
        }

        foreach (var symbol in _answered)
        {
            Resync(symbol, now);
            _result.ResyncsAnswered++;
        }
    }

    private void Resync(Symbol symbol, DateTimeOffset now)
    {
        if (!_fuzz.ResyncFrom(_clean, symbol, now))
        {
            _result.ResyncsNotApplied++;
        }
    }

    private static string FirstFrames(Exception e) =>
        string.Join(" < ", (e.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4));

    internal static string Preview(byte[] frame)
    {
        var shown = Encoding.UTF8.GetString(frame.AsSpan(0, Math.Min(frame.Length, PreviewBytes)));
        return frame.Length > PreviewBytes ? $"{shown}… ({frame.Length} bytes)" : $"{shown} ({frame.Length} bytes)";
    }

    private sealed record CurrentFrame(long Frame, Mutation Kind, byte[] Bytes);
}
