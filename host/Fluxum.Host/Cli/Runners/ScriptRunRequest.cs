namespace Fluxum.Host.Cli.Runners;

/// <summary><c>fluxum script run</c>: run one <c>.csx</c> against the venues of the config file.</summary>
/// <param name="ScriptPath">The script (absolute).</param>
/// <param name="ConfigPath">The config file (absolute).</param>
/// <param name="Args">Arguments after <c>--</c>, handed to the script.</param>
internal sealed record ScriptRunRequest(string ScriptPath, string ConfigPath, IReadOnlyList<string> Args)
{
    /// <inheritdoc />
    public override string ToString() => $"ScriptRunRequest {{ ScriptPath = {ScriptPath}, ConfigPath = {ConfigPath}, Args = [{string.Join(", ", Args)}] }}";
}
