using System.Reflection;
using Fluxum.Sdk.Plugins;
using McMaster.NETCore.Plugins;

namespace Fluxum.Host.Plugins;

/// <summary>
/// Loads one plugin folder into its own load context and turns every failure into a faulted
/// <see cref="PluginEntry"/> that names the folder and what went wrong.
/// </summary>
internal static class PluginFolderLoader
{
    /// <summary>Loads the folder; the loader is returned (to be disposed with the catalog) when one was created.</summary>
    public static PluginEntry Load(string folder, out PluginLoader? loader)
    {
        loader = null;
        var folderName = Path.GetFileName(folder);
        var mainAssembly = Path.Combine(folder, folderName + ".dll");
        if (!File.Exists(mainAssembly))
        {
            return PluginEntry.Faulted(folder, $"no {folderName}.dll in the folder (a plugin folder holds <FolderName>.dll)");
        }

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

        if (descriptor.SdkVersion.Major != SdkInfo.Version.Major)
        {
            return PluginEntry.Faulted(
                folder,
                $"plugin '{descriptor.Name}' was built against SDK {descriptor.SdkVersion.Major}.x ({descriptor.SdkVersion}), host has {SdkInfo.Version.Major}.x ({SdkInfo.Version}); rebuild it against SDK {SdkInfo.Version.Major}.x",
                descriptor) with { LoadContext = context };
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
