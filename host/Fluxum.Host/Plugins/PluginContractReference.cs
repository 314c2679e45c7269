using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Plugins;

/// <summary>
/// Reads the contract version a plugin was compiled against: the version of its assembly reference to
/// <c>Fluxum.Sdk</c>, as the compiler recorded it. The assembly is read as metadata, never loaded, so a
/// plugin built against an incompatible contract is refused before any of its code can run.
/// </summary>
internal static class PluginContractReference
{
    /// <summary>The contract assembly's simple name (<c>Fluxum.Sdk</c>).</summary>
    public static string ContractName { get; } = typeof(IExchangePlugin).Assembly.GetName().Name!;

    /// <summary>The contract version this host runs (the loaded contract assembly's <c>AssemblyVersion</c>).</summary>
    public static Version HostVersion { get; } = typeof(IExchangePlugin).Assembly.GetName().Version!;

    /// <summary>
    /// The version of <see cref="ContractName"/> that <paramref name="assemblyPath"/> references, or null
    /// when it does not reference the contract at all.
    /// </summary>
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Version? Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"{Path.GetFileName(assemblyPath)} has no .NET metadata (not a managed assembly)");
        }

        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            if (metadata.StringComparer.Equals(reference.Name, ContractName))
            {
                return reference.Version;
            }
        }

        return null;
    }
}
