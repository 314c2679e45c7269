using System.Text.Json;
using Fluxum.Host.Cli.Commands;
using Fluxum.Host.Cli.Runners;
using Fluxum.Host.Ledger;
using Fluxum.Sdk.Ledger;
using Spectre.Console;

namespace Fluxum.Host.Cli.Output;

/// <summary>
/// What the <c>fluxum ledger</c> commands print: a table, or one JSON document (amounts as exact decimal strings,
/// times as UTC ISO 8601).
/// </summary>
internal static class LedgerOutput
{
    /// <summary>The sync report: per venue where it started, entries read, new, stored.</summary>
    public static async Task WriteSyncAsync(CliServices services, string store, IReadOnlyList<LedgerSyncOutcome> outcomes, OutputFormat format, int exitCode)
    {
        if (format == OutputFormat.Json)
        {
            await services.Out.WriteLineAsync(CliJson.Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("store", store);
                json.WriteNumber("exitCode", exitCode);
                json.WriteStartArray("venues");
                foreach (var o in outcomes)
                {
                    json.WriteStartObject();
                    json.WriteString("venue", o.Venue);
                    json.WriteString("since", o.Result?.Since is { } since ? LedgerOptions.FormatTime(since) : null);
                    json.WriteNumber("read", o.Result?.Read ?? 0);
                    json.WriteNumber("new", o.Result?.New ?? 0);
                    json.WriteNumber("pages", o.Result?.Pages ?? 0);
                    json.WriteNumber("stored", o.Stored);
                    json.WriteString("error", o.Error);
                    json.WriteString("skipped", o.Skipped);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            })).ConfigureAwait(false);
            return;
        }

        var table = new Table().AddColumns("Venue", "Since", "Read", "New", "Stored", "Result");
        foreach (var o in outcomes)
        {
            table.AddRow(
                Markup.Escape(o.Venue),
                Markup.Escape(o.Result is null ? "-" : o.Result.Since is { } since ? LedgerOptions.FormatTime(since) : "beginning"),
                (o.Result?.Read ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (o.Result?.New ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                o.Stored.ToString(System.Globalization.CultureInfo.InvariantCulture),
                o.Error is { } error ? "[red]" + Markup.Escape("failed: " + error) + "[/]" : o.Skipped is { } skipped ? Markup.Escape("skipped: " + skipped) : "[green]ok[/]");
        }

        services.Console.Write(table);
        services.Console.MarkupLine(Markup.Escape($"ledger store: {store}"));
    }

    /// <summary>Entries, newest first.</summary>
    public static async Task WriteEntriesAsync(CliServices services, string store, IReadOnlyList<LedgerEntry> entries, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            await services.Out.WriteLineAsync(CliJson.Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("store", store);
                json.WriteNumber("count", entries.Count);
                json.WriteStartArray("entries");
                foreach (var e in entries)
                {
                    WriteEntry(json, e);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            })).ConfigureAwait(false);
            return;
        }

        var table = new Table().AddColumns("Time", "Venue", "Id", "Type", "Asset", "Amount", "Fee", "Balance", "Reference");
        foreach (var e in entries)
        {
            table.AddRow(
                Markup.Escape(LedgerOptions.FormatTime(e.Time)),
                Markup.Escape(e.Venue),
                Markup.Escape(e.Id),
                Markup.Escape(TypeName(e.Type)),
                Markup.Escape(e.Asset),
                Exact(e.Amount),
                Exact(e.Fee),
                e.Balance is { } b ? Exact(b) : "-",
                Markup.Escape(e.ReferenceId ?? "-"));
        }

        services.Console.Write(table);
        services.Console.MarkupLine(Markup.Escape($"{entries.Count} entries from {store}"));
    }

    /// <summary>Balances by venue and asset.</summary>
    public static async Task WriteBalancesAsync(CliServices services, string store, IReadOnlyList<LedgerBalance> balances, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            await services.Out.WriteLineAsync(CliJson.Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("store", store);
                json.WriteStartArray("balances");
                foreach (var b in balances)
                {
                    json.WriteStartObject();
                    json.WriteString("venue", b.Venue);
                    json.WriteString("asset", b.Asset);
                    json.WriteString("balance", Exact(b.Balance));
                    json.WriteNumber("entries", b.Entries);
                    json.WriteString("asOf", LedgerOptions.FormatTime(b.AsOf));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            })).ConfigureAwait(false);
            return;
        }

        var table = new Table().AddColumns("Venue", "Asset", "Balance", "Entries", "As of");
        foreach (var b in balances)
        {
            table.AddRow(
                Markup.Escape(b.Venue),
                Markup.Escape(b.Asset),
                Exact(b.Balance),
                b.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(LedgerOptions.FormatTime(b.AsOf)));
        }

        services.Console.Write(table);
        services.Console.MarkupLine(Markup.Escape($"{balances.Count} balances from {store}"));
    }

    private static void WriteEntry(Utf8JsonWriter json, LedgerEntry e)
    {
        json.WriteStartObject();
        json.WriteString("venue", e.Venue);
        json.WriteString("id", e.Id);
        json.WriteString("type", TypeName(e.Type));
        json.WriteString("subType", e.SubType);
        json.WriteString("asset", e.Asset);
        json.WriteString("amount", Exact(e.Amount));
        json.WriteString("fee", Exact(e.Fee));
        json.WriteString("balance", e.Balance is { } b ? Exact(b) : null);
        json.WriteString("referenceId", e.ReferenceId);
        json.WriteString("time", LedgerOptions.FormatTime(e.Time));
        json.WriteEndObject();
    }

    private static string TypeName(LedgerEntryType type) =>
        type.Kind == LedgerEntryKind.Other ? type.Name ?? "other" : type.Kind.ToString().ToLowerInvariant();

    private static string Exact(decimal value) => LedgerDecimal.Canonical(value);

}
