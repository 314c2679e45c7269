namespace Fluxum.Sdk.Plugins;

/// <summary>A plugin's identity. What a venue offers is declared by its adapter (<see cref="IVenueAdapter.Capabilities"/>).</summary>
/// <param name="Name">The plugin's name, used as <c>plugin:</c> in <c>fluxum.yaml</c> (e.g. <c>acme</c>).</param>
/// <param name="Version">The plugin's own version.</param>
/// <remarks>
/// The contract version a plugin was compiled against is not part of it: the host reads that from the plugin
/// assembly's reference to <c>Fluxum.Sdk</c> (see <see cref="SdkInfo"/>).
/// </remarks>
public sealed record PluginDescriptor(string Name, Version Version)
{
    /// <summary>A one-line description for listings.</summary>
    public string? Description { get; init; }

    /// <summary>The protocol variants the plugin offers (the <c>api</c> setting, e.g. <c>v2</c>); the first is the default.</summary>
    public IReadOnlyList<string> Apis { get; init; } = [];
}

/// <summary>Facts about this contract build.</summary>
/// <remarks>
/// The contract version is the <c>AssemblyVersion</c> of <c>Fluxum.Sdk</c> (<c>Major.Minor.0.0</c>), which
/// the compiler records in every plugin's reference to this assembly. Before loading a plugin, the host
/// reads that reference and refuses a plugin compiled against another major, or against a newer minor
/// than its own (it may use members this build lacks); an older minor of the same major loads.
/// </remarks>
public static class SdkInfo
{
    /// <summary>The version of the contract assembly loaded in this process (its <c>AssemblyVersion</c>).</summary>
    public static Version Version { get; } = typeof(SdkInfo).Assembly.GetName().Version!;
}
