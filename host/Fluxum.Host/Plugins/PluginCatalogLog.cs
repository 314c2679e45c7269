using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Plugins;

/// <summary>Log messages of the plugin catalog.</summary>
internal static partial class PluginCatalogLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Loaded plugin {Name} {Version} from {Folder}")]
    public static partial void Loaded(ILogger logger, string name, Version version, string folder);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Skipped plugin folder {Folder}: {Fault}")]
    public static partial void Skipped(ILogger logger, string folder, string fault);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Plugin directory {Directory} does not exist")]
    public static partial void DirectoryMissing(ILogger logger, string directory);
}
