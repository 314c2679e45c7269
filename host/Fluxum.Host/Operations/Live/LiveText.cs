using System.Globalization;

namespace Fluxum.Host.Operations.Live;

/// <summary>The live view as plain lines, for a redirected output: one block per snapshot.</summary>
internal static class LiveText
{
    public static async Task WriteAsync(LiveModel model, TextWriter output)
    {
        var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"--- {model.At:HH:mm:ss}") };
        lines.AddRange(model.Connections.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Venue} {c.Connection}: {c.State}, {(c.MessagesPerSecond is { } r ? r.ToString("0", CultureInfo.InvariantCulture) : "-")} msg/s, lag p50 {LiveModel.Format(c.LagP50)} p99 {LiveModel.Format(c.LagP99)}, reconnects {c.Reconnects}")));
        lines.AddRange(model.Books.Select(b => string.Create(CultureInfo.InvariantCulture,
            $"{b.Venue} {b.Symbol}: {(b.IsGood ? $"{b.Bid} / {b.Ask}" : b.State.ToUpperInvariant())}, age {LiveModel.Format(b.Age?.TotalSeconds)}, checksums {b.ChecksumsVerified} ok {b.ChecksumFailures} failed, gaps {b.Gaps}, resyncs {b.Resyncs}")));
        lines.AddRange(model.Best.Select(b => string.Create(CultureInfo.InvariantCulture, $"best {b.Symbol}: {b.Bid} ({b.BidVenue}) / {b.Ask} ({b.AskVenue})")));
        lines.AddRange(model.Events.Select(e => "event " + e));
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }
}
