using System.Diagnostics.CodeAnalysis;
using Fluxum.Sdk.Plugins;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Plugins;

/// <summary>
/// The plugins found under the configured plugin directories. Every direct sub-folder <c>D</c> of a
/// plugin directory is a plugin folder and must contain <c>D.dll</c> (what <c>dotnet build</c> of a
/// plugin project produces with <c>plugins/Directory.Build.props</c>); that assembly must hold exactly
/// one public <see cref="IExchangePlugin"/> class with a parameterless constructor. Each plugin lives in
/// its own load context and shares only <see cref="PluginSharing.SharedTypes"/> with the host.
/// </summary>
/// <remarks>
/// Report and skip: a folder that cannot be loaded, a plugin compiled against an incompatible contract
/// version (another major, or a newer minor: see <see cref="ContractVersionPolicy"/>), a
/// plugin whose descriptor throws, and a second plugin with an already-taken name each become a faulted
/// entry (folder + reason); the rest load. A missing plugin directory is a fault too.
/// </remarks>
internal sealed class PluginCatalog : IDisposable
{
    private readonly List<PluginLoader> _loaders;
    private readonly Dictionary<string, PluginEntry> _byName;

    private PluginCatalog(IReadOnlyList<string> directories, IReadOnlyList<PluginEntry> entries, List<PluginLoader> loaders)
    {
        Directories = directories;
        Entries = entries;
        _loaders = loaders;
        _byName = entries.Where(e => e.IsLoaded).ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The plugin directories searched (absolute), in order.</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>Every folder looked at, loaded or faulted, in directory then folder-name order.</summary>
    public IReadOnlyList<PluginEntry> Entries { get; }

    /// <summary>The plugins that loaded.</summary>
    public IEnumerable<PluginEntry> Loaded => Entries.Where(e => e.IsLoaded);

    /// <summary>The folders that were skipped, each with its fault.</summary>
    public IEnumerable<PluginEntry> Faulted => Entries.Where(e => !e.IsLoaded);

    /// <summary>
    /// The plugins shipped with the host: a <c>plugins</c> folder next to the executable (what the <c>fluxum</c> .NET
    /// tool package carries). Searched after the configured directories, so a configured plugin of the same name
    /// wins and the bundled one is listed as a duplicate.
    /// </summary>
    public static string BundledDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary><paramref name="directories"/>, then <see cref="BundledDirectory"/> when it exists.</summary>
    public static IReadOnlyList<string> WithBundled(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var all = directories.ToList();
        if (Directory.Exists(BundledDirectory) && !all.Any(d => string.Equals(Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar), BundledDirectory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)))
        {
            all.Add(BundledDirectory);
        }

        return all;
    }

    /// <summary>Loads every plugin folder under <paramref name="directories"/>.</summary>
    public static PluginCatalog Load(IEnumerable<string> directories, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(directories);
        logger ??= NullLogger.Instance;
        var dirs = directories.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        var entries = new List<PluginEntry>();
        var loaders = new List<PluginLoader>();
        var names = new Dictionary<string, PluginEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var dir in dirs)
        {
            if (!Directory.Exists(dir))
            {
                entries.Add(PluginEntry.Faulted(dir, "plugin directory does not exist"));
                PluginCatalogLog.DirectoryMissing(logger, dir);
                continue;
            }

            foreach (var folder in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
            {
                var entry = PluginFolderLoader.Load(folder, out var loader);
                if (loader is not null)
                {
                    loaders.Add(loader);
                }

                if (entry.IsLoaded && names.TryGetValue(entry.Name, out var first))
                {
                    entry = PluginEntry.Faulted(folder, $"duplicate plugin name '{entry.Name}': already loaded from {first.Folder}", entry.Descriptor) with { LoadContext = entry.LoadContext, SdkVersion = entry.SdkVersion };
                }

                if (entry.IsLoaded)
                {
                    names.Add(entry.Name, entry);
                    PluginCatalogLog.Loaded(logger, entry.Name, entry.Version!, folder);
                }
                else
                {
                    PluginCatalogLog.Skipped(logger, folder, entry.Fault!);
                }

                entries.Add(entry);
            }
        }

        return new PluginCatalog(dirs, entries, loaders);
    }

    /// <summary>Finds a loaded plugin by name (case-insensitive).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out PluginEntry? entry) => _byName.TryGetValue(name, out entry);

    /// <summary>The loaded plugin named <paramref name="name"/>; throws a message listing what is available.</summary>
    public IExchangePlugin Get(string name) =>
        TryGet(name, out var entry)
            ? entry.Plugin!
            : throw new KeyNotFoundException(DescribeMissing(name));

    /// <summary>Explains why <paramref name="name"/> is not available (faulted, or not found, with what is).</summary>
    public string DescribeMissing(string name)
    {
        var named = Faulted.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Path.GetFileName(e.Folder), name, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return $"plugin '{name}' failed to load from {named.Folder}: {named.Fault}";
        }

        var available = _byName.Count == 0 ? "none" : string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal));
        // A refused plugin's name is unknown (it was never loaded, see PluginFolderLoader): name the folders.
        var faulted = Faulted.Select(e => Path.GetFileName(e.Folder)).ToList();
        var faults = faulted.Count == 0 ? "" : $"; {faulted.Count} plugin folder(s) failed to load: {string.Join(", ", faulted)} (see fluxum plugins list)";
        return $"plugin '{name}' not found in {string.Join(", ", Directories)}; loaded plugins: {available}{faults}";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var loader in _loaders)
        {
            loader.Dispose();
        }

        _loaders.Clear();
    }
}
