using Fluxum.Host.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Configuration;

/// <summary>Asks a plugin to validate a venue's settings, offline; a throwing plugin becomes an error too.</summary>
internal static class PluginSettingsCheck
{
    public static IEnumerable<ConfigError> Run(VenueConfig venue, PluginEntry entry, string displayName, ConfigLocation at, string path)
    {
        // Credentials are not resolved here: the loader already checked the variables exist, and
        // validation must never need (or see) a secret.
        var context = VenueContextFactory.Create(venue with { Credentials = null }, new OfflineRestTransport(), NullLoggerFactory.Instance);
        IReadOnlyList<string> problems;
        try
        {
            problems = entry.Plugin!.Validate(context);
        }
#pragma warning disable CA1031 // Plugin code is foreign: any exception it throws is reported and contained.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            problems = [$"plugin {entry.Name} threw while validating the settings: {ex.GetType().Name}: {ex.Message}"];
        }

        return problems.Select(p => new ConfigError(displayName, at.Line, at.Column, path, $"plugin {entry.Name}: {p}"));
    }
}
