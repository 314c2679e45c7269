namespace Fluxum.Host.Plugins;

/// <summary>
/// Which contract versions a host runs. The contract version is <c>Fluxum.Sdk</c>'s <c>AssemblyVersion</c>,
/// <c>Major.Minor.0.0</c>: a minor adds to the contract, a major changes or removes something. A plugin
/// compiled against the host's major and the host's or an older minor loads. Another major is refused (the
/// contract it was built for is gone), and so is a newer minor: the plugin may call members this host's
/// contract does not have, which would fail only later, at the first such call.
/// </summary>
internal static class ContractVersionPolicy
{
    /// <summary>
    /// Null when a plugin compiled against <paramref name="compiledAgainst"/> may run on
    /// <paramref name="host"/>; otherwise why not, naming both versions.
    /// </summary>
    public static string? Check(string assemblyFile, Version compiledAgainst, Version host)
    {
        ArgumentNullException.ThrowIfNull(compiledAgainst);
        ArgumentNullException.ThrowIfNull(host);
        var contract = PluginContractReference.ContractName;
        if (compiledAgainst.Major != host.Major)
        {
            return $"{assemblyFile} was compiled against contract {contract} {Show(compiledAgainst)}, this host has {contract} {Show(host)}: "
                + $"another major version is incompatible; rebuild the plugin against {contract} {host.Major}.x (at most {Show(host)})";
        }

        if (compiledAgainst.Minor > host.Minor)
        {
            return $"{assemblyFile} was compiled against contract {contract} {Show(compiledAgainst)}, newer than this host's {contract} {Show(host)}: "
                + $"it may use contract members this host lacks; run it on a host with {contract} {Show(compiledAgainst)} or later, or rebuild it against {Show(host)}";
        }

        return null;
    }

    /// <summary><c>Major.Minor</c>, with build and revision only when they are not zero.</summary>
    public static string Show(Version version) =>
        version.Revision > 0 ? version.ToString(4) : version.Build > 0 ? version.ToString(3) : version.ToString(2);
}
