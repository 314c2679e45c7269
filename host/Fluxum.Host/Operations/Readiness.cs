using Fluxum.Host.Runtime;
using Fluxum.Sdk;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fluxum.Host.Operations;

/// <summary>
/// What <c>/readyz</c> checks: every venue's sessions Ready, no book stale longer than the limit, the scripts running.
/// A book's stale time counts from when it was first seen stale (or unsynced): the tracker is updated on each check
/// and by the admin server's timer every second.
/// </summary>
internal sealed class Readiness(Deployment deployment, TimeSpan staleLimit, TimeProvider time, Func<ScriptsState>? scripts)
{
    private readonly Dictionary<(string Venue, Symbol Symbol), DateTimeOffset> _staleSince = [];
    private readonly Lock _gate = new();

    /// <summary>Notes which books are stale now (and since when).</summary>
    public void Observe()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var seen = new HashSet<(string, Symbol)>();
            foreach (var venue in deployment.Venues)
            {
                if (venue.Feed is not { } feed)
                {
                    continue;
                }

                foreach (var symbol in feed.Books.Symbols)
                {
                    if (feed.Books.IsStale(symbol))
                    {
                        seen.Add((venue.Venue, symbol));
                        _staleSince.TryAdd((venue.Venue, symbol), now);
                    }
                }
            }

            foreach (var key in _staleSince.Keys.Where(k => !seen.Contains(k)).ToList())
            {
                _staleSince.Remove(key);
            }
        }
    }

    /// <summary>The books stale longer than the limit, with how long.</summary>
    public IReadOnlyList<(string Venue, Symbol Symbol, TimeSpan For)> StaleTooLong()
    {
        Observe();
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return [.. _staleSince.Where(e => now - e.Value > staleLimit).Select(e => (e.Key.Venue, e.Key.Symbol, now - e.Value)).OrderBy(e => e.Venue, StringComparer.Ordinal).ThenBy(e => e.Symbol.ToString(), StringComparer.Ordinal)];
        }
    }

    /// <summary>Every venue's sessions Ready (a faulted venue is not).</summary>
    public HealthCheckResult Sessions()
    {
        var problems = new List<string>();
        foreach (var venue in deployment.Venues)
        {
            if (venue.Fault is { } fault)
            {
                problems.Add($"{venue.Venue}: faulted ({fault.Message})");
                continue;
            }

            if (venue.Session is { State.Phase: not SessionPhase.Ready } session)
            {
                problems.Add($"{venue.Venue} public: {session.State.Name}");
            }

            if (venue.PrivateSession is { State.Phase: not SessionPhase.Ready } account)
            {
                problems.Add($"{venue.Venue} account: {account.State.Name}");
            }
        }

        return problems.Count == 0 ? HealthCheckResult.Healthy("every session is ready") : HealthCheckResult.Unhealthy(string.Join("; ", problems));
    }

    /// <summary>No book stale longer than the limit.</summary>
    public HealthCheckResult Books()
    {
        var stale = StaleTooLong();
        return stale.Count == 0
            ? HealthCheckResult.Healthy($"no book stale longer than {staleLimit.TotalSeconds:0.###} s")
            : HealthCheckResult.Unhealthy(string.Join("; ", stale.Select(s => $"{s.Venue} {s.Symbol}: stale for {s.For.TotalSeconds:0.0} s")));
    }

    /// <summary>The scripts still running (healthy with none configured).</summary>
    public HealthCheckResult Scripts()
    {
        if (scripts?.Invoke() is not { Count: > 0 } state)
        {
            return HealthCheckResult.Healthy("no scripts configured");
        }

        return state switch
        {
            { Failure: { } failure } => HealthCheckResult.Unhealthy($"a script failed: {failure}"),
            { Ended: true } => HealthCheckResult.Unhealthy("the scripts have ended"),
            _ => HealthCheckResult.Healthy($"{state.Count} script(s) running"),
        };
    }
}

/// <summary>What the scripts are doing, for the scripts check: how many compiled, whether all ended, the first failure.</summary>
internal readonly record struct ScriptsState(int Count, bool Ended, string? Failure);
