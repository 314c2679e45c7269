using System.Globalization;
using System.Text;

namespace Fluxum.Fuzz.Harness;

/// <summary>One thing worth showing in full: an escaped exception or a book that was good but wrong.</summary>
internal sealed record FuzzFinding(long Frame, Mutation Mutation, string What, string FramePreview);

/// <summary>The counts of one venue/API fuzz run; <see cref="Passed"/> says whether every invariant held.</summary>
internal sealed class FuzzResult(string stream, int seed)
{
    private const int KeptFindings = 5;

    public string Stream { get; } = stream;

    public int Seed { get; } = seed;

    public long Frames { get; set; }

    public long Loops { get; set; }

    public long Mutated { get; set; }

    /// <summary>Mutations that produced the clean bytes again (e.g. a digit spliced onto the same digit).</summary>
    public long MutatedUnchanged { get; set; }

    public Dictionary<Mutation, long> ByMutation { get; } = [];

    /// <summary>Mutated frames the decoder reported (Malformed and/or BookMalformed).</summary>
    public long Rejected { get; set; }

    public long MalformedReports { get; set; }

    public long BookMalformedReports { get; set; }

    /// <summary>UnattributedBookMalformed reports: damaged frames that may have been any book's (every book resynced).</summary>
    public long UnattributedReports { get; set; }

    /// <summary>Book frames for a symbol not subscribed (a damaged symbol that parsed): dropped and counted by the manager.</summary>
    public long UntrackedReports { get; set; }

    /// <summary>Mutated frames that decoded to exactly the clean frame's book frames (damage in a field nobody reads, or none).</summary>
    public long DecodedSame { get; set; }

    /// <summary>Mutated frames that decoded to book frames different from the clean frame's, without a report.</summary>
    public long DecodedDifferent { get; set; }

    /// <summary>Mutated frames whose book frames the clean copy had, that the fuzzed decoder dropped with a Malformed or UnattributedBookMalformed report (no symbol).</summary>
    public long LostBookFrames { get; set; }

    /// <summary>Mutated frames whose book data the clean copy had, dropped by the fuzzed decoder without any report.</summary>
    public long UnreportedDrops { get; set; }

    /// <summary>Mutated frames whose book data the fuzzed decoder held for the symbol's precision (Kraken: the instrument frame was damaged), to be released unverified.</summary>
    public long HeldBookFrames { get; set; }

    /// <summary>Mutated frames after which the fuzzed decoder published fewer events (trades, acks…) than the clean one, without a report (not a book invariant).</summary>
    public long UnreportedEventDrops { get; set; }

    public long ExceptionsEscaping { get; set; }

    public long CleanExceptions { get; set; }

    /// <summary>Failures of the clean copy (checksum, gap, crossed, malformed): the recording must be clean.</summary>
    public long CleanFailures { get; set; }

    public long ResyncRequests { get; set; }

    public long ResyncsAnswered { get; set; }

    public long ResyncsNotApplied { get; set; }

    /// <summary>Per-frame comparisons of a good fuzzed book with the clean one.</summary>
    public long Comparisons { get; set; }

    /// <summary>Symbol-frames a fuzzed book spent stale while the clean one was good (resync wait, lost snapshot).</summary>
    public long StaleFrames { get; set; }

    /// <summary>A decoded-as-valid mutated frame changed a good book (no checksum or sequence could tell): resynced.</summary>
    public long UndetectableValueMutations { get; set; }

    /// <summary>Good books that differed from the clean copy for any other reason: the invariant.</summary>
    public long GoodButDifferent { get; set; }

    public Dictionary<string, long> GoodButDifferentBy { get; } = [];

    /// <summary>Loop-symbols whose fuzzed book was never good in that loop (e.g. its first snapshot was damaged: nothing asks again).</summary>
    public long NeverGoodInLoop { get; set; }

    public List<FuzzFinding> Exceptions { get; } = [];

    /// <summary>The first findings of each good-but-different category.</summary>
    public Dictionary<string, List<FuzzFinding>> Violations { get; } = [];

    /// <summary>The first undetectable value mutations.</summary>
    public List<FuzzFinding> Undetectable { get; } = [];

    /// <summary>The first book frames dropped without any report.</summary>
    public List<FuzzFinding> UnreportedDropFindings { get; } = [];

    /// <summary>Failures of the clean copy (the recording itself).</summary>
    public List<FuzzFinding> CleanFindings { get; } = [];

    public TimeSpan Elapsed { get; set; }

    public bool Passed => ExceptionsEscaping == 0 && UnreportedDrops == 0 && CleanExceptions == 0 && CleanFailures == 0 && GoodButDifferent == 0 && ResyncsNotApplied == 0;

    public void AddException(FuzzFinding finding)
    {
        ExceptionsEscaping++;
        if (Exceptions.Count < KeptFindings)
        {
            Exceptions.Add(finding);
        }
    }

    public void AddViolation(string category, FuzzFinding finding)
    {
        GoodButDifferent++;
        GoodButDifferentBy[category] = GoodButDifferentBy.GetValueOrDefault(category) + 1;
        if (!Violations.TryGetValue(category, out var kept))
        {
            kept = [];
            Violations[category] = kept;
        }

        if (kept.Count < 2)
        {
            kept.Add(finding);
        }
    }

    public void AddUndetectable(FuzzFinding finding)
    {
        UndetectableValueMutations++;
        if (Undetectable.Count < 2)
        {
            Undetectable.Add(finding);
        }
    }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"== {Stream} (seed {Seed}): {(Passed ? "PASS" : "FAIL")}, {Elapsed.TotalSeconds:F1} s, {Frames / Math.Max(Elapsed.TotalSeconds, 1e-9):N0} frames/s");
        text.AppendLine(c, $"frames fed        {Frames,12:N0}  ({Loops:N0} loops of the stream, each after a reconnect)");
        text.AppendLine(c, $"mutated           {Mutated,12:N0}  ({MutatedUnchanged:N0} came out unchanged) {string.Join(", ", ByMutation.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value:N0}"))}");
        text.AppendLine(c, $"rejected          {Rejected,12:N0}  (Malformed reports {MalformedReports:N0}, BookMalformed reports {BookMalformedReports:N0}, UnattributedBookMalformed reports {UnattributedReports:N0}, untracked-symbol book frames {UntrackedReports:N0})");
        text.AppendLine(c, $"decoded as clean  {DecodedSame,12:N0}  decoded different (no report) {DecodedDifferent:N0}; book frames lost to a plain Malformed {LostBookFrames:N0}, dropped with no report {UnreportedDrops:N0}, held for a precision {HeldBookFrames:N0}; fewer events with no report {UnreportedEventDrops:N0}");
        text.AppendLine(c, $"exceptions        {ExceptionsEscaping,12:N0}  escaping the fuzzed decoder (clean copy: {CleanExceptions:N0})");
        text.AppendLine(c, $"clean failures    {CleanFailures,12:N0}");
        text.AppendLine(c, $"resyncs           {ResyncRequests,12:N0}  requested, {ResyncsAnswered:N0} answered with the clean book, {ResyncsNotApplied:N0} answers not applied");
        text.AppendLine(c, $"comparisons       {Comparisons,12:N0}  good fuzzed book vs clean, after a frame; {StaleFrames:N0} symbol-frames stale while clean was good");
        text.AppendLine(c, $"undetectable      {UndetectableValueMutations,12:N0}  value mutations (decoded as valid, different values, book changed; resynced)");
        text.AppendLine(c, $"never good        {NeverGoodInLoop,12:N0}  loop-symbols whose fuzzed book never became good in that loop");
        text.AppendLine(c, $"good-but-different{GoodButDifferent,12:N0}");
        foreach (var (category, count) in GoodButDifferentBy.OrderByDescending(p => p.Value))
        {
            text.AppendLine(c, $"  {count,10:N0}  {category}");
        }

        Show(text, "exception", Exceptions);
        Show(text, "CLEAN copy failure", CleanFindings);
        Show(text, "unreported drop", UnreportedDropFindings);
        foreach (var (category, findings) in Violations)
        {
            Show(text, $"good-but-different [{category}]", findings);
        }

        Show(text, "undetectable value mutation", Undetectable);

        return text.ToString();
    }

    private static void Show(StringBuilder text, string title, IEnumerable<FuzzFinding> findings)
    {
        foreach (var f in findings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {title} at frame {f.Frame} ({f.Mutation}): {f.What}\n    frame: {f.FramePreview}");
        }
    }
}
