using System.Collections.Concurrent;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>What a request was for, so its ack (which may not name the channel) maps back to it.</summary>
internal sealed record RequestInfo(string Channel, MarketChannel? MarketChannel);

/// <summary>
/// Request ids handed out for this connection and what each asked for. Error acks carry only the
/// <c>req_id</c> and symbol; this is how they find their channel. Thread-safe: encoding and decoding may
/// run on different threads.
/// </summary>
internal sealed class PendingRequests
{
    private const int MaxRemembered = 4096;
    private readonly ConcurrentDictionary<long, RequestInfo> _requests = new();
    private long _next;

    public long Add(RequestInfo info)
    {
        var id = Interlocked.Increment(ref _next);
        if (_requests.Count >= MaxRemembered)
        {
            _requests.TryRemove(id - MaxRemembered, out _);
        }

        _requests[id] = info;
        return id;
    }

    public long NextPingId() => Interlocked.Increment(ref _next);

    public RequestInfo? Find(long? id) => id is { } v && _requests.TryGetValue(v, out var info) ? info : null;
}
