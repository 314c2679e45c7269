using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Fuzz.Harness;

/// <content>Judging a frame: what the damaged copy did, and whether a good fuzzed book still matches the clean one.</content>
internal sealed partial class FuzzRunner
{
    /// <summary>What the damaged frame did: reported, decoded as clean, decoded to other book data, or its book data lost.</summary>
    private void Classify(long index, byte[] fed, Mutation kind, bool threw)
    {
        var reports = _fuzz.MalformedReports + _fuzz.MalformedBooks.Count + _fuzz.UnattributedReports + _fuzz.UntrackedReports;
        var cleanReports = _clean.MalformedReports + _clean.MalformedBooks.Count + _clean.UnattributedReports + _clean.UntrackedReports;
        _threw = threw;
        _reported = reports > cleanReports || threw;
        if (_fuzz.Events - _fuzzEvents < _clean.Events - _cleanEvents && !_reported)
        {
            _result.UnreportedEventDrops++;
        }

        if (reports > cleanReports)
        {
            // Rejected: the decoder said so (an escaped exception is counted on its own).
            _result.Rejected++;
            _result.MalformedReports += _fuzz.MalformedReports;
            _result.BookMalformedReports += _fuzz.MalformedBooks.Count;
            _result.UnattributedReports += _fuzz.UnattributedReports;
            _result.UntrackedReports += _fuzz.UntrackedReports;
        }

        _altered.Clear();
        _lost.Clear();
        foreach (var book in _fuzz.Decoded)
        {
            if (!SameFrames(book.Symbol))
            {
                _altered.Add(book.Symbol);
            }
        }

        foreach (var book in _clean.Decoded)
        {
            if (_fuzz.Decoded.Exists(b => b.Symbol.Equals(book.Symbol)) || _fuzz.MalformedBooks.Contains(book.Symbol))
            {
                continue;
            }

            if (stream.Holds(_fuzz.Protocol, book.Symbol))
            {
                // Held for the symbol's precision (released unverified, with a report, within a bounded time): not lost.
                _result.HeldBookFrames++;
                continue;
            }

            _lost.Add(book.Symbol);
        }

        if (_altered.Count == 0 && _lost.Count == 0 && !_reported)
        {
            _result.DecodedSame++;
        }
        else if (_altered.Count > 0 && !_reported)
        {
            _result.DecodedDifferent++;
        }

        if (_lost.Count > 0 && _fuzz.MalformedReports + _fuzz.UnattributedReports > 0)
        {
            _result.LostBookFrames++;
        }
        else if (_lost.Count > 0 && !_reported)
        {
            _result.UnreportedDrops++;
            if (_result.UnreportedDropFindings.Count < 2)
            {
                _result.UnreportedDropFindings.Add(new FuzzFinding(index, kind, $"book data of {string.Join(", ", _lost)} dropped without any report", Preview(fed)));
            }
        }

        foreach (var book in _clean.Decoded)
        {
            _lastDamage[book.Symbol] = (index, kind, fed);
        }

        foreach (var book in _fuzz.Decoded)
        {
            _lastDamage[book.Symbol] = (index, kind, fed);
        }
    }

    /// <summary>Whether the fuzzed decoder sent exactly the clean decoder's book frames for <paramref name="symbol"/>.</summary>
    private bool SameFrames(Symbol symbol)
    {
        var clean = _clean.Decoded.Where(b => b.Symbol.Equals(symbol)).ToList();
        var fuzz = _fuzz.Decoded.Where(b => b.Symbol.Equals(symbol)).ToList();
        if (clean.Count != fuzz.Count)
        {
            return false;
        }

        for (var i = 0; i < clean.Count; i++)
        {
            if (!clean[i].SameAs(fuzz[i]))
            {
                return false;
            }
        }

        return true;
    }

    private void Compare(long index, byte[] fed, Mutation kind, DateTimeOffset now)
    {
        foreach (var symbol in _touched)
        {
            if (!_fuzz.IsGood(symbol))
            {
                continue;
            }

            _result.Comparisons++;
            var cleanGood = _clean.IsGood(symbol);
            if (cleanGood && SameBook(_clean.Books.Snapshot(symbol), _fuzz.Books.Snapshot(symbol)))
            {
                continue;
            }

            if (kind != Mutation.None && _altered.Contains(symbol) && !_reported)
            {
                _result.AddUndetectable(new FuzzFinding(index, kind, $"{symbol}: {Describe(symbol)}", Preview(fed)));
            }
            else
            {
                var category = Category(symbol, fed, kind, cleanGood);
                _result.AddViolation(category, new FuzzFinding(index, kind, $"{symbol}: {category}; {Describe(symbol)}", Preview(fed)));
            }

            Repair(symbol, cleanGood, now);
        }
    }

    private string Category(Symbol symbol, byte[] fed, Mutation kind, bool cleanGood)
    {
        if (!cleanGood)
        {
            return "good while the clean copy has no good book";
        }

        if (kind == Mutation.None)
        {
            return "after an undamaged frame (earlier damage left state behind)";
        }

        if (_altered.Contains(symbol))
        {
            return "damaged frame reported, yet book data from it applied";
        }

        if (_lost.Contains(symbol) && _threw)
        {
            return "its book frame lost to an exception escaping the decoder";
        }

        if (_lost.Contains(symbol))
        {
            var named = fed.AsSpan().IndexOf(stream.SymbolText(symbol)) >= 0;
            return _fuzz.UnattributedReports > 0
                ? "its book frame dropped as unattributed, yet the book stayed good"
                : _fuzz.MalformedReports > 0
                ? $"its book frame dropped with a plain Malformed, symbol {(named ? "still readable" : "unreadable")} in the frame"
                : "its book frame dropped without any report";
        }

        return "damaged frame decoded as the clean one";
    }

    private string Describe(Symbol symbol)
    {
        var clean = _clean.Books.Snapshot(symbol);
        var fuzz = _fuzz.Books.Snapshot(symbol);
        var text = $"clean {Summary(clean)} / fuzzed {Summary(fuzz)}; last decoder report: {_fuzz.LastReason ?? "none"}";
        if (_lastDamage.TryGetValue(symbol, out var last))
        {
            text += $"; last damaged frame for it: #{last.Frame} ({last.Kind}) {Preview(last.Bytes)}";
        }

        return text;
    }

    private static string Summary(BookSnapshot? book) =>
        book is null ? "none" : $"{book.Bids.Count}x{book.Asks.Count} levels, best {book.BestBid?.Price}/{book.BestAsk?.Price}, seq {book.Sequence}";

    private void Repair(Symbol symbol, bool cleanGood, DateTimeOffset now)
    {
        if (cleanGood && stream.AnswersResync(_fuzz.Protocol, symbol))
        {
            Resync(symbol, now);
        }
        else if (stream.Symbols.Contains(symbol))
        {
            _fuzz.Books.MarkStale(symbol, "fuzz harness: the clean copy has no good book");
        }
        else
        {
            // A book for a symbol the stream never names (a damaged symbol that still parsed): no clean copy to take.
            _fuzz.Books.Untrack(symbol);
        }
    }

    private static bool SameBook(BookSnapshot? a, BookSnapshot? b) =>
        a is not null && b is not null && a.Sequence == b.Sequence && a.Bids.SequenceEqual(b.Bids) && a.Asks.SequenceEqual(b.Asks);
}
