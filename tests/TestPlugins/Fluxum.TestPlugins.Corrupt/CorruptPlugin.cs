namespace Fluxum.TestPlugins.Corrupt;

/// <summary>Never loaded: the build replaces this assembly with garbage.</summary>
public static class CorruptPlugin
{
}
