namespace Fluxum.Host.Configuration;

/// <summary>A script to run (<c>scripts: [path]</c> or <c>{path, args}</c>).</summary>
/// <param name="Path">The <c>.csx</c> file (absolute).</param>
/// <param name="Args">Arguments handed to the script.</param>
internal sealed record ScriptConfig(string Path, IReadOnlyList<string> Args);
