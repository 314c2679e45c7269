namespace Fluxum.Sdk.Kit;

/// <summary>
/// Request ids handed out on one connection and what each request was for (its subscription, its channel),
/// so an ack that carries only the id finds its request: bounded, with an optional timeout, and a duplicate,
/// late or unknown ack told apart from a match. Thread-safe: encoding and decoding may run on different threads.
/// </summary>
/// <typeparam name="TRequest">What the plugin remembers per request.</typeparam>
public sealed class RequestTracker<TRequest>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Pending> _pending = [];
    private readonly RequestTrackerOptions _options;
    private readonly TimeProvider _time;
    private readonly (long Id, bool Expired)[] _answered;
    private int _answeredNext;
    private long _next;
    private long _oldest = 1;
    private long _evicted;

    /// <summary>Creates an empty tracker; <paramref name="time"/> (default: the system clock) times the requests out.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive, or the timeout is not positive.</exception>
    public RequestTracker(RequestTrackerOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? new RequestTrackerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxPending, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.RememberAnswered, nameof(options));
        if (_options.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), timeout, "the request timeout must be positive");
        }

        _time = time ?? TimeProvider.System;
        _answered = new (long, bool)[_options.RememberAnswered];
    }

    /// <summary>How many requests await their ack.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>How many requests were forgotten unanswered because <see cref="RequestTrackerOptions.MaxPending"/> was reached.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>Remembers <paramref name="request"/> and returns its id (ids increase from 1 and are never reused).</summary>
    public long Add(TRequest request)
    {
        lock (_gate)
        {
            var id = ++_next;
            if (_pending.Count >= _options.MaxPending)
            {
                EvictOldest();
            }

            var deadline = _options.Timeout is { } timeout ? _time.GetUtcNow() + timeout : DateTimeOffset.MaxValue;
            _pending[id] = new Pending(request, deadline);
            return id;
        }
    }

    /// <summary>An id for a message that expects no tracked answer (a ping), from the same sequence as <see cref="Add"/>.</summary>
    public long NextId()
    {
        lock (_gate)
        {
            return ++_next;
        }
    }

    /// <summary>
    /// The pending request of <paramref name="id"/> without completing it, for a venue that answers one request
    /// with several acks (one per symbol). False when none is pending under that id.
    /// </summary>
    public bool TryPeek(long id, out TRequest request)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(id, out var pending))
            {
                request = pending.Request;
                return true;
            }

            request = default!;
            return false;
        }
    }

    /// <summary>
    /// Matches an ack's <paramref name="id"/>: a pending request is completed and returned
    /// (<see cref="AckMatch.Matched"/>); otherwise says whether the ack is a duplicate, late or unknown.
    /// </summary>
    public AckMatch Complete(long id, out TRequest request)
    {
        lock (_gate)
        {
            if (_pending.Remove(id, out var pending))
            {
                request = pending.Request;
                Remember(id, expired: false);
                return AckMatch.Matched;
            }

            request = default!;
            foreach (var (answered, expired) in _answered)
            {
                if (answered == id && id != 0)
                {
                    return expired ? AckMatch.Expired : AckMatch.Duplicate;
                }
            }

            return AckMatch.Unknown;
        }
    }

    /// <summary>
    /// The requests whose <see cref="RequestTrackerOptions.Timeout"/> has passed, removed from the pending set (a
    /// later ack for one reports <see cref="AckMatch.Expired"/>); empty when none has, without allocating.
    /// </summary>
    public IReadOnlyList<TRequest> TakeExpired()
    {
        if (_options.Timeout is null)
        {
            return [];
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            List<(long Id, TRequest Request)>? expired = null;
            foreach (var (id, pending) in _pending)
            {
                if (pending.Deadline <= now)
                {
                    (expired ??= []).Add((id, pending.Request));
                }
            }

            if (expired is null)
            {
                return [];
            }

            expired.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            var requests = new TRequest[expired.Count];
            for (var i = 0; i < expired.Count; i++)
            {
                _pending.Remove(expired[i].Id);
                Remember(expired[i].Id, expired: true);
                requests[i] = expired[i].Request;
            }

            return requests;
        }
    }

    /// <summary>Forgets every pending and answered request (a new connection); ids keep increasing.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
            Array.Clear(_answered);
            _oldest = _next + 1;
        }
    }

    private void EvictOldest()
    {
        while (_oldest <= _next && !_pending.Remove(_oldest))
        {
            _oldest++;
        }

        _oldest++;
        Interlocked.Increment(ref _evicted);
    }

    private void Remember(long id, bool expired)
    {
        _answered[_answeredNext] = (id, expired);
        _answeredNext = (_answeredNext + 1) % _answered.Length;
    }

    private readonly record struct Pending(TRequest Request, DateTimeOffset Deadline);
}
