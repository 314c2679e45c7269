using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Fluxum.Host.Operations.Live;

/// <summary>
/// Draws a <see cref="LiveModel"/> with Spectre.Console: connections, books (stale ones in red), the consolidated
/// best bid/offer, the last data-quality events. <c>fluxum run --live</c> and <c>fluxum top</c> redraw it in place.
/// </summary>
internal static class LiveView
{
    public static IRenderable Render(LiveModel model, string title)
    {
        var connections = new Table().Border(TableBorder.Rounded).Title("[bold]connections[/]")
            .AddColumns("venue", "connection", "state", "msg/s", "lag p50", "lag p99", "reconnects");
        foreach (var c in model.Connections)
        {
            connections.AddRow(
                Markup.Escape(c.Venue),
                c.Connection,
                c.IsReady ? $"[green]{Markup.Escape(c.State)}[/]" : $"[red]{Markup.Escape(c.State)}[/]",
                c.MessagesPerSecond is { } rate ? rate.ToString("0", CultureInfo.InvariantCulture) : "-",
                LiveModel.Format(c.LagP50),
                LiveModel.Format(c.LagP99),
                c.Reconnects.ToString(CultureInfo.InvariantCulture));
        }

        var books = new Table().Border(TableBorder.Rounded).Title("[bold]books[/]")
            .AddColumns("venue", "symbol", "bid", "ask", "spread", "age", "checksums ok", "failed", "gaps", "resyncs", "state");
        foreach (var b in model.Books)
        {
            var state = b.IsGood ? "[green]good[/]" : $"[bold red]{Markup.Escape(b.State.ToUpperInvariant())}[/]";
            books.AddRow(
                Markup.Escape(b.Venue),
                Markup.Escape(b.Symbol),
                Number(b.Bid),
                Number(b.Ask),
                Number(b.Spread),
                LiveModel.Format(b.Age?.TotalSeconds),
                b.ChecksumsVerified.ToString(CultureInfo.InvariantCulture),
                b.ChecksumFailures > 0 ? $"[red]{b.ChecksumFailures}[/]" : "0",
                b.Gaps > 0 ? $"[yellow]{b.Gaps}[/]" : "0",
                b.Resyncs > 0 ? $"[yellow]{b.Resyncs}[/]" : "0",
                state);
        }

        var best = new Table().Border(TableBorder.Rounded).Title("[bold]best bid / offer (good books only)[/]")
            .AddColumns("symbol", "bid", "venue", "ask", "venue", "spread");
        foreach (var b in model.Best)
        {
            best.AddRow(Markup.Escape(b.Symbol), Number(b.Bid), Markup.Escape(b.BidVenue), Number(b.Ask), Markup.Escape(b.AskVenue), Number(b.Spread));
        }

        if (model.Best.Count == 0)
        {
            best.AddRow("[red]no good book[/]", "-", "-", "-", "-", "-");
        }

        var events = model.Events.Count == 0
            ? new Markup("[grey]no data-quality events[/]")
            : (IRenderable)new Rows(model.Events.Select(e => new Markup(Markup.Escape(e))));
        return new Rows(
            new Markup($"[bold]{Markup.Escape(title)}[/]  {model.At:HH:mm:ss}"),
            connections,
            books,
            best,
            new Panel(events).Header("last data-quality events").Border(BoxBorder.Rounded));
    }

    /// <summary>
    /// Draws <paramref name="first"/>, then every second the model <paramref name="next"/> builds from the last one,
    /// redrawn in place on <paramref name="console"/>, until <paramref name="cancellationToken"/> fires (which throws).
    /// </summary>
    public static Task ShowAsync(IAnsiConsole console, string title, LiveModel first, Func<LiveModel, Task<LiveModel>> next, TimeProvider time, CancellationToken cancellationToken) =>
        console.Live(Render(first, title)).AutoClear(false).StartAsync(async context =>
        {
            var model = first;
            using var timer = new PeriodicTimer(Interval, time);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                model = await next(model).ConfigureAwait(false);
                context.UpdateTarget(Render(model, title));
            }
        });

    /// <summary>How often the view is redrawn.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>True when <paramref name="console"/> can redraw in place: stdout is a terminal that takes ANSI sequences.</summary>
    public static bool CanDraw(IAnsiConsole console) => !Console.IsOutputRedirected && console.Profile.Capabilities.Ansi;

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
