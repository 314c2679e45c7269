using System.Text.Json;
using Fluxum.Host.Cli.Output;
using Fluxum.Host.Runtime;
using Fluxum.Host.Scripting;
using Fluxum.Sdk.Books;

namespace Fluxum.Host.Hosting;

/// <summary>
/// <c>fluxum run --format json</c>'s final status: one JSON document with the exit code, the reasons it is not
/// 0, and per venue the same state and counters as <see cref="DeploymentSummary"/>'s line (camelCase names, as
/// <c>plugins list --format json</c> has them).
/// </summary>
internal static class DeploymentSummaryJson
{
    /// <summary>Writes the document (indented, one trailing newline) to <paramref name="output"/>.</summary>
    public static void Write(string config, Deployment deployment, IReadOnlyList<ScriptReport> scripts, int exitCode, IReadOnlyList<string> problems, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(CliJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("config", config);
            json.WriteNumber("exitCode", exitCode);
            CliJson.WriteStrings(json, "problems", problems);
            json.WriteStartArray("venues");
            foreach (var venue in deployment.Venues)
            {
                WriteVenue(json, venue);
            }

            json.WriteEndArray();
            json.WriteStartArray("recordings");
            foreach (var recording in deployment.Recordings)
            {
                json.WriteStartObject();
                json.WriteString("path", recording.Path);
                json.WriteNumber("frames", recording.Frames);
                json.WriteString("failure", recording.Failure);
                json.WriteNumber("framesNotRecorded", recording.FramesNotRecorded);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("scripts");
            foreach (var script in scripts)
            {
                json.WriteStartObject();
                json.WriteString("name", script.Name);
                json.WriteString("outcome", script.Outcome.ToString().ToLowerInvariant());
                json.WriteBoolean("success", script.IsSuccess);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }));
    }

    internal static void WriteVenue(Utf8JsonWriter json, VenueRuntime venue)
    {
        json.WriteStartObject();
        json.WriteString("name", venue.Venue);
        json.WriteString("mode", venue.RelaySource is not null ? "relay" : venue.Mode.ToString().ToLowerInvariant());
        json.WriteString("status", venue.Status.ToString().ToLowerInvariant());
        json.WriteString("fault", venue.Fault?.Message);
        WriteConnection(json, "public", venue.Session?.State.Name, venue.Session?.Counters, null);
        WriteConnection(json, "account", venue.PrivateSession?.State.Name, venue.PrivateSession?.Counters, venue.PrivateFault?.Message);
        if (venue.Feed is { } feed)
        {
            json.WriteNumber("frames", feed.Counters.Frames);
            json.WriteNumber("events", feed.Counters.Events);
            json.WriteNumber("malformedFrames", feed.Counters.MalformedFrames);
            WriteLag(json, feed.Lag);
            WriteBookCounters(json, feed.Books.Counters);
            json.WriteStartArray("symbols");
            foreach (var symbol in feed.Books.Symbols.Order())
            {
                WriteBook(json, feed.Books, symbol);
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("frames");
            json.WriteNull("events");
            json.WriteNull("malformedFrames");
            json.WriteNull("books");
            json.WriteStartArray("symbols");
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>One connection (<c>public</c>/<c>account</c>): null when the venue has none.</summary>
    private static void WriteConnection(Utf8JsonWriter json, string name, string? state, Sessions.SessionCounters? counters, string? fault)
    {
        if (state is null || counters is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("state", state);
        json.WriteNumber("reconnects", counters.Reconnects);
        json.WriteNumber("refusedSubscriptions", counters.RejectedSubscriptions);
        json.WriteString("fault", fault);
        json.WriteEndObject();
    }

    private static void WriteBookCounters(Utf8JsonWriter json, BookCounters b)
    {
        json.WriteStartObject("books");
        json.WriteNumber("snapshots", b.Snapshots);
        json.WriteNumber("updates", b.Updates);
        json.WriteNumber("checksumsVerified", b.ChecksumsVerified);
        json.WriteNumber("checksumFailures", b.ChecksumFailures);
        json.WriteNumber("gaps", b.Gaps);
        json.WriteNumber("crossed", b.Crossed);
        json.WriteNumber("resyncs", b.ResyncRequests);
        json.WriteNumber("untrackedFrames", b.UntrackedFrames);
        json.WriteNumber("unverifiedFrames", b.UnverifiedFrames);
        json.WriteEndObject();
    }

    /// <summary>A book: its top only when it is good (as the text summary), else why not.</summary>
    private static void WriteBook(Utf8JsonWriter json, BookManager books, Sdk.Symbol symbol)
    {
        var book = books.Levels(symbol, 1);
        var top = books.Top(symbol);
        json.WriteStartObject();
        json.WriteString("symbol", symbol.ToString());
        json.WriteString("state", top is not null ? "good" : book?.Unverified is not null ? "unverified" : "stale");
        if (top is { } t)
        {
            json.WriteStartObject("bid");
            json.WriteNumber("price", t.Bid.Price);
            json.WriteNumber("size", t.Bid.Size);
            json.WriteEndObject();
            json.WriteStartObject("ask");
            json.WriteNumber("price", t.Ask.Price);
            json.WriteNumber("size", t.Ask.Size);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("bid");
            json.WriteNull("ask");
        }

        json.WriteNumber("checksumsVerified", book?.ChecksumsVerified ?? 0);
        json.WriteNumber("checksumFailures", book?.ChecksumFailures ?? 0);
        if (book is not null)
        {
            json.WriteString("updatedAt", book.ReceivedAt);
        }
        else
        {
            json.WriteNull("updatedAt");
        }

        json.WriteEndObject();
    }

    /// <summary>Exchange-to-local lag: events timed, and the median and 99th-percentile bucket bounds in seconds (null before any).</summary>
    private static void WriteLag(Utf8JsonWriter json, Operations.LatencyHistogram lag)
    {
        json.WriteStartObject("lag");
        json.WriteNumber("count", lag.Count);
        WriteSeconds(json, "p50", lag.Quantile(0.5));
        WriteSeconds(json, "p99", lag.Quantile(0.99));
        json.WriteEndObject();
    }

    private static void WriteSeconds(Utf8JsonWriter json, string name, double? seconds)
    {
        if (seconds is { } s)
        {
            json.WriteNumber(name, s);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
