using System.Globalization;
using System.Text;
using Fluxum.Host.Runtime;

namespace Fluxum.Host.Hosting;

/// <summary>One line per venue: state, counters, and each book's top (or why it is not good).</summary>
internal static class DeploymentSummary
{
    /// <summary>Writes the summary of <paramref name="deployment"/>.</summary>
    public static void Write(Deployment deployment, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var venue in deployment.Venues)
        {
            output.WriteLine(Describe(venue));
        }

        foreach (var recording in deployment.Recordings)
        {
            output.WriteLine(recording.Failure is { } failure
                ? string.Create(CultureInfo.InvariantCulture, $"recording FAILED: {failure}; {recording.FramesNotRecorded} frames after it not recorded")
                : string.Create(CultureInfo.InvariantCulture, $"recording {recording.Path}: {recording.Frames} frames"));
        }
    }

    private static string Describe(VenueRuntime venue)
    {
        var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{venue.Venue,-8} {venue.Mode.ToString().ToLowerInvariant(),-9}");
        if (venue.Fault is { } fault)
        {
            return line.Append(CultureInfo.InvariantCulture, $" FAULTED: {fault.Message}").ToString();
        }

        line.Append(CultureInfo.InvariantCulture, $" {venue.Session?.State.Name ?? venue.Status.ToString(),-12}");
        if (venue.Feed is not { } feed)
        {
            return line.ToString();
        }

        var c = feed.Counters;
        var b = feed.Books.Counters;
        line.Append(CultureInfo.InvariantCulture, $" frames {c.Frames} events {c.Events} malformed {c.MalformedFrames}");
        line.Append(CultureInfo.InvariantCulture, $" | books: {b.Snapshots} snapshots {b.Updates} updates, checksums verified {b.ChecksumsVerified}, checksum failures {b.ChecksumFailures}, gaps {b.Gaps}, crossed {b.Crossed}, resyncs {b.ResyncRequests}");
        if (b.UntrackedFrames > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $", frames for unsubscribed symbols {b.UntrackedFrames}");
        }

        if (venue.Session is { } session)
        {
            line.Append(CultureInfo.InvariantCulture, $" | reconnects {session.Counters.Reconnects}");
            if (session.Counters.RejectedSubscriptions > 0)
            {
                line.Append(CultureInfo.InvariantCulture, $", refused subscriptions {session.Counters.RejectedSubscriptions}");
            }
        }

        if (b.UnverifiedFrames > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $", unverified frames {b.UnverifiedFrames}");
        }

        foreach (var symbol in feed.Books.Symbols.Order())
        {
            // The top only when the book is good; a stale or unverified one says so instead.
            var book = feed.Books.Levels(symbol, 1);
            var top = feed.Books.Top(symbol);
            line.Append(CultureInfo.InvariantCulture, $" | {symbol} ");
            line.Append(top is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t.Bid.Price} x {t.Bid.Size} / {t.Ask.Price} x {t.Ask.Size}")
                : book?.Unverified is not null ? "unverified" : "stale");
            line.Append(CultureInfo.InvariantCulture, $", checksums verified {book?.ChecksumsVerified ?? 0}");
        }

        return line.ToString();
    }
}
