using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Plugins;

/// <summary>
/// The only assemblies a plugin shares with the host: the SDK (contracts), the logging abstractions and
/// the DI abstractions. Everything else a plugin uses comes from its own folder, so a plugin may depend
/// on another version of a library than the host does.
/// </summary>
internal static class PluginSharing
{
    /// <summary>One type from each shared assembly, as McMaster.NETCore.Plugins expects them.</summary>
    public static Type[] SharedTypes { get; } =
    [
        typeof(IExchangePlugin),      // Fluxum.Sdk
        typeof(ILogger),              // Microsoft.Extensions.Logging.Abstractions
        typeof(IServiceCollection),   // Microsoft.Extensions.DependencyInjection.Abstractions
    ];
}
