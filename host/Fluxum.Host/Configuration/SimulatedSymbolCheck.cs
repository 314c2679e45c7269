using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Configuration;

/// <summary>
/// A simulated venue can subscribe only what its plugin's simulator trades (<see cref="ISimulatorProvider.SimulatedInstruments"/>,
/// asked offline): any other symbol would be refused by the simulator as the venue refuses it, so it is a
/// config error at the symbol's own line and key path.
/// </summary>
internal static class SimulatedSymbolCheck
{
    public static IEnumerable<ConfigError> Run(VenueConfig venue, ISimulatorProvider provider, string pluginName, FluxumConfig config, string displayName)
    {
        IReadOnlyList<Sdk.Symbol> traded;
        try
        {
            traded = [.. provider.SimulatedInstruments.Select(i => i.Symbol)];
        }
#pragma warning disable CA1031 // Plugin code is foreign: any exception it throws is reported and contained.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var modePath = ConfigPath.Child(ConfigPath.Child("venues", venue.Name), "mode");
            var at = config.Locations.GetValueOrDefault(modePath);
            return [new ConfigError(displayName, at.Line, at.Column, modePath, $"plugin {pluginName} threw while listing its simulator's instruments: {ex.GetType().Name}: {ex.Message}")];
        }

        var errors = new List<ConfigError>();
        if (venue.Simulator.Load is not null && !SupportsLoad(provider))
        {
            var loadPath = ConfigPath.Child(ConfigPath.Child(ConfigPath.Child("venues", venue.Name), "simulator"), "load");
            var at = config.Locations.GetValueOrDefault(loadPath);
            errors.Add(new ConfigError(displayName, at.Line, at.Column, loadPath, $"the {pluginName} simulator has no load mode; remove simulator.load (the kraken simulator has one)"));
        }

        foreach (var (symbol, path) in venue.SymbolPaths)
        {
            if (!traded.Contains(symbol))
            {
                var at = config.Locations.GetValueOrDefault(path);
                errors.Add(new ConfigError(displayName, at.Line, at.Column, path,
                    $"{symbol} is not traded by the {pluginName} simulator (mode simulated); its instruments: {string.Join(", ", traded)}"));
            }
        }

        return errors;
    }

    private static bool SupportsLoad(ISimulatorProvider provider)
    {
        try
        {
            return provider.SupportsLoad;
        }
#pragma warning disable CA1031 // Plugin code is foreign: any exception it throws is contained (and read as "no load mode").
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
