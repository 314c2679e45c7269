using System.CommandLine;
using Fluxum.Host.Cli.Runners;
using Fluxum.Host.Configuration;
using Fluxum.Host.Plugins;
using Fluxum.Sdk.MarketData;
using Spectre.Console;

namespace Fluxum.Host.Cli.Commands;

/// <summary>
/// <c>fluxum config check [--config fluxum.yaml] [--format table|json]</c>: reads the file strictly, loads the
/// plugin catalog from its plugin_dirs and checks the venues against it. Connects nowhere. Exit 0 with a summary
/// when valid; exit 1 with every error (file:line:column: key path: message) when not. With <c>--format json</c>
/// both are one JSON document on stdout (<see cref="ConfigCheckJson"/>), nothing on stderr.
/// </summary>
internal static class ConfigCheckCommand
{
    public static Command Create(CliServices services)
    {
        var config = CommonOptions.Config();
        var format = CommonOptions.Format("table (for people: a summary, or the errors on stderr) or json (one document on stdout, errors included).");
        var check = new Command("check", "Validate the config file without connecting anywhere; prints every error with file, line and key path.") { config, format };
        check.SetAction(result => Check(result.GetValue(config)!, CommonOptions.GetFormat(result, format), services));
        return new Command("config", "Deployment configuration (fluxum.yaml).") { check };
    }

    private static int Check(FileInfo file, OutputFormat format, CliServices services)
    {
        var displayName = Path.GetRelativePath(Directory.GetCurrentDirectory(), file.FullName);
        var loaded = ConfigLoader.Load(displayName, services.ConfigOptions);
        var errors = loaded.Errors.ToList();
        PluginCatalog? catalog = null;
        try
        {
            if (loaded.Config is { } cfg && PluginCatalog.WithBundled(cfg.PluginDirs) is { Count: > 0 } pluginDirs)
            {
                catalog = PluginCatalog.Load(pluginDirs);
                errors.AddRange(PluginConfigValidator.Validate(cfg, catalog, displayName));
            }

            var valid = errors.Count == 0 && loaded.MoreErrors == 0;
            if (format == OutputFormat.Json)
            {
                ConfigCheckJson.Write(displayName, valid ? loaded.Config : null, catalog, errors, loaded.MoreErrors, loaded.Warnings, services.Out);
                return valid ? ExitCodes.Success : ExitCodes.NotStarted;
            }

            foreach (var warning in loaded.Warnings)
            {
                services.Error.WriteLine($"warning: {warning}");
            }

            if (!valid)
            {
                var total = ConfigErrorReport.Write(errors, loaded.MoreErrors, services.Error);
                services.Error.WriteLine($"{displayName}: {total} error(s)");
                return ExitCodes.NotStarted;
            }

            WriteSummary(displayName, loaded.Config!, catalog, services.Console);
            return ExitCodes.Success;
        }
        finally
        {
            catalog?.Dispose();
        }
    }

    private static void WriteSummary(string displayName, FluxumConfig config, PluginCatalog? catalog, IAnsiConsole console)
    {
        console.MarkupLine($"[green]{Markup.Escape(displayName)}: valid[/]");
        foreach (var venue in config.Venues)
        {
            var plugin = catalog is not null && catalog.TryGet(venue.Plugin, out var entry) ? $"{entry.Name} {entry.Version}" : venue.Plugin;
            var channels = string.Join(", ", venue.Subscriptions.Select(s => s.Channel.ToString()));
            console.MarkupLine(Markup.Escape(
                $"  venue {venue.Name}: plugin {plugin}, mode {venue.Mode.ToString().ToLowerInvariant()}, {venue.Symbols.Count} symbol(s), channels {channels}"));
        }

        var r = config.Reconnect;
        console.MarkupLine(Markup.Escape(
            $"  {config.Books.Count} book(s), {config.Scripts.Count} script(s); reconnect: {r.MaxAttempts} attempts, {Intervals.Format(r.InitialBackoff)}..{Intervals.Format(r.MaxBackoff)}, watchdog {Intervals.Format(r.WatchdogTimeout)}"));
    }
}
