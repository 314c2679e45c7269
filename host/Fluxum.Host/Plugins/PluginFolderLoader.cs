using System.Reflection;
using Fluxum.Sdk.Plugins;
using McMaster.NETCore.Plugins;

namespace Fluxum.Host.Plugins;

/// <summary>
/// Loads one plugin folder into its own load context and turns every failure into a faulted
/// <see cref="PluginEntry"/> that names the folder and what went wrong. Before anything is loaded, the
/// contract version the plugin was compiled against is read from its metadata and checked
/// (<see cref="ContractVersionPolicy"/>): an incompatible plugin never gets a load context.
/// </summary>
internal static class PluginFolderLoader
{
    /// <summary>Loads the folder; the loader is returned (to be disposed with the catalog) when one was created.</summary>
    public static PluginEntry Load(string folder, out PluginLoader? loader)
    {
        loader = null;
        var folderName = Path.GetFileName(folder);
        var fileName = folderName + ".dll";
        var mainAssembly = Path.Combine(folder, fileName);
        if (!File.Exists(mainAssembly))
        {
            return PluginEntry.Faulted(folder, $"no {fileName} in the folder (a plugin folder holds <FolderName>.dll)");
        }

        Version? compiledAgainst;
        try
        {
            compiledAgainst = PluginContractReference.Read(mainAssembly);
        }
        catch (Exception ex) when (ex is BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            return PluginEntry.Faulted(folder, $"cannot load {fileName}: {Describe(ex)}");
        }

        if (compiledAgainst is null)
        {
            return PluginEntry.Faulted(folder, $"{fileName} does not reference the contract assembly {PluginContractReference.ContractName}, so it cannot hold a plugin");
        }

        var incompatible = ContractVersionPolicy.Check(fileName, compiledAgainst, PluginContractReference.HostVersion);
        return incompatible is not null
            ? PluginEntry.Faulted(folder, incompatible) with { SdkVersion = compiledAgainst }
            : LoadCompatible(folder, mainAssembly, out loader) with { SdkVersion = compiledAgainst };
    }

    private static PluginEntry LoadCompatible(string folder, string mainAssembly, out PluginLoader? loader)
    {
        loader = null;
        var folderName = Path.GetFileName(folder);
        Assembly assembly;
        try
        {
            // Not PreferSharedTypes: that would hand the plugin the host's copy of every library the host
            // has loaded (e.g. YamlDotNet 18 to a plugin built against 16). Only SharedTypes are shared.
            loader = PluginLoader.CreateFromAssemblyFile(mainAssembly, PluginSharing.SharedTypes);
            assembly = loader.LoadDefaultAssembly();
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException or IOException or InvalidOperationException)
        {
            return PluginEntry.Faulted(folder, $"cannot load {folderName}.dll: {ex.GetType().Name}: {ex.Message}");
        }

        var context = loader.LoadContext;
        var type = FindPluginType(assembly, out var typeProblem);
        if (type is null)
        {
            return PluginEntry.Faulted(folder, typeProblem!) with { LoadContext = context };
        }

        IExchangePlugin plugin;
        PluginDescriptor descriptor;
        try
        {
            plugin = (IExchangePlugin)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException ex)
        {
            return PluginEntry.Faulted(folder, $"{type.FullName} threw while being created: {Describe(ex.InnerException ?? ex)}") with { LoadContext = context };
        }

        try
        {
            descriptor = plugin.Descriptor;
        }
#pragma warning disable CA1031 // Plugin code is foreign: any exception it throws is reported and contained.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return PluginEntry.Faulted(folder, $"{type.FullName}.Descriptor threw: {Describe(ex)}") with { LoadContext = context };
        }

        if (descriptor is null || string.IsNullOrWhiteSpace(descriptor.Name))
        {
            return PluginEntry.Faulted(folder, $"{type.FullName}.Descriptor returned no name") with { LoadContext = context };
        }

        return PluginEntry.Loaded(folder, descriptor, plugin) with { LoadContext = context };
    }

    private static Type? FindPluginType(Assembly assembly, out string? problem)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            problem = $"cannot read the types of {assembly.GetName().Name}: {Describe(ex)}";
            return null;
        }

        var candidates = types
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IExchangePlugin).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .ToList();
        problem = candidates.Count switch
        {
            0 => $"{assembly.GetName().Name} has no public class implementing {nameof(IExchangePlugin)} with a parameterless constructor",
            1 => null,
            _ => $"{assembly.GetName().Name} has {candidates.Count} {nameof(IExchangePlugin)} classes ({string.Join(", ", candidates.Select(t => t.FullName))}); a plugin has exactly one",
        };
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";
}
