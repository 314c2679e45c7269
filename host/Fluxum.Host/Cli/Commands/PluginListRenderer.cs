using Fluxum.Host.Cli.Output;
using Fluxum.Host.Plugins;
using Spectre.Console;

namespace Fluxum.Host.Cli.Commands;

/// <summary>Prints a catalog as a table or as JSON.</summary>
internal static class PluginListRenderer
{
    public static void WriteTable(PluginCatalog catalog, IAnsiConsole console)
    {
        var table = new Table().AddColumns("Name", "Version", "SDK", "Capabilities", "Folder", "Status");
        foreach (var e in catalog.Entries)
        {
            table.AddRow(
                Markup.Escape(e.Name),
                Markup.Escape(e.Version?.ToString() ?? "-"),
                Markup.Escape(e.SdkVersion?.ToString() ?? "-"),
                Markup.Escape(e.IsLoaded ? string.Join(", ", PluginCapabilityList.Of(e)) : "-"),
                Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), e.Folder)),
                e.IsLoaded ? "[green]ok[/]" : "[red]" + Markup.Escape("error: " + e.Fault) + "[/]");
        }

        console.Write(table);
        var loaded = catalog.Loaded.Count();
        console.MarkupLine(Markup.Escape($"{loaded} loaded, {catalog.Entries.Count - loaded} faulted; searched {string.Join(", ", catalog.Directories)}"));
    }

    public static void WriteJson(PluginCatalog catalog, TextWriter output)
    {
        output.WriteLine(CliJson.Write(json =>
        {
            json.WriteStartArray();
            foreach (var e in catalog.Entries)
            {
                json.WriteStartObject();
                json.WriteString("name", e.Name);
                json.WriteString("version", e.Version?.ToString());
                json.WriteString("sdkVersion", e.SdkVersion?.ToString());
                json.WriteStartArray("capabilities");
                foreach (var name in PluginCapabilityList.Of(e))
                {
                    json.WriteStringValue(name);
                }

                json.WriteEndArray();
                json.WriteString("folder", e.Folder);
                json.WriteBoolean("loaded", e.IsLoaded);
                json.WriteString("error", e.Fault);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }));
    }
}
