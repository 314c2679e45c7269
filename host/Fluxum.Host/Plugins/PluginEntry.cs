using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Plugins;

/// <summary>
/// One plugin folder the catalog looked at: either a loaded plugin (<see cref="Plugin"/> set) or a fault
/// (<see cref="Fault"/> set, saying what went wrong). Faulted entries are kept so they can be listed.
/// </summary>
/// <param name="Folder">The plugin folder (absolute).</param>
/// <param name="Descriptor">The plugin's descriptor, when it could be read.</param>
/// <param name="Plugin">The plugin instance; null when faulted.</param>
/// <param name="Fault">Why the folder was skipped; null when loaded.</param>
internal sealed record PluginEntry(string Folder, PluginDescriptor? Descriptor, IExchangePlugin? Plugin, string? Fault)
{
    /// <summary>True when the plugin loaded and may be used.</summary>
    public bool IsLoaded => Plugin is not null && Fault is null;

    /// <summary>The plugin name, or the folder name when the descriptor could not be read.</summary>
    public string Name => Descriptor?.Name ?? Path.GetFileName(Folder);

    /// <summary>The plugin's version, when known.</summary>
    public Version? Version => Descriptor?.Version;

    /// <summary>
    /// The contract (<c>Fluxum.Sdk</c>) version the plugin was compiled against, read from its assembly's
    /// reference (not from its descriptor); null when the assembly could not be read.
    /// </summary>
    public Version? SdkVersion { get; init; }


    /// <summary>The assembly load context the plugin lives in (null when it never loaded).</summary>
    public System.Runtime.Loader.AssemblyLoadContext? LoadContext { get; init; }

    /// <summary>A loaded entry.</summary>
    public static PluginEntry Loaded(string folder, PluginDescriptor descriptor, IExchangePlugin plugin) =>
        new(folder, descriptor, plugin, null);

    /// <summary>A faulted entry.</summary>
    public static PluginEntry Faulted(string folder, string fault, PluginDescriptor? descriptor = null) =>
        new(folder, descriptor, null, fault);
}
