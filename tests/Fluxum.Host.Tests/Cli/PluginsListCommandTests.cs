using System.Text.Json;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Tests.Cli;

public sealed class PluginsListCommandTests
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task PluginsList_Table_ShowsLoadedAndFaultedPlugins()
    {
        var exit = await _cli.RunAsync("plugins", "list", "--plugin-dir", TestPaths.TestPlugins);

        Assert.Equal(0, exit);
        var text = _cli.ConsoleText;
        Assert.Contains("│ good ", text, StringComparison.Ordinal);
        Assert.Contains("1.2.3", text, StringComparison.Ordinal);
        Assert.Contains("ticker, trades, book-sync: socket", text, StringComparison.Ordinal);
        Assert.Contains("error: Fluxum.TestPlugins.FutureSdk.dll was compiled against contract Fluxum.Sdk 3.0, this host has", text, StringComparison.Ordinal);
        Assert.Contains("error: Fluxum.TestPlugins.Throwing.ThrowingPlugin.Descriptor threw", text, StringComparison.Ordinal);
        Assert.Contains("2 loaded, 5 faulted", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginsList_Json_ListsEveryFolderWithFault()
    {
        var exit = await _cli.RunAsync("plugins", "list", "--plugin-dir", TestPaths.TestPlugins, "--format", "json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(_cli.OutText);
        var byFolder = doc.RootElement.EnumerateArray().ToDictionary(e => Path.GetFileName(e.GetProperty("folder").GetString()!));
        Assert.Equal(7, byFolder.Count);
        var good = byFolder["Fluxum.TestPlugins.Good"];
        Assert.Equal(("good", "1.2.3", SdkInfo.Version.ToString(), true), (good.GetProperty("name").GetString(), good.GetProperty("version").GetString(), good.GetProperty("sdkVersion").GetString(), good.GetProperty("loaded").GetBoolean()));
        Assert.Equal(["ticker", "trades", "book-sync: socket"], good.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, good.GetProperty("error").ValueKind);
        var future = byFolder["Fluxum.TestPlugins.FutureSdk"];
        Assert.Equal(("3.0.0.0", false), (future.GetProperty("sdkVersion").GetString(), future.GetProperty("loaded").GetBoolean()));
        var corrupt = byFolder["Fluxum.TestPlugins.Corrupt"];
        Assert.False(corrupt.GetProperty("loaded").GetBoolean());
        Assert.StartsWith("cannot load Fluxum.TestPlugins.Corrupt.dll", corrupt.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginsList_FromConfig_UsesPluginDirs()
    {
        using var temp = new TempDirectory();
        temp.AddPlugin("YamlOld", "my-plugins");
        var config = temp.Write("fluxum.yaml", "plugin_dirs: [my-plugins]\n");

        var exit = await _cli.RunAsync("plugins", "list", "--config", config, "--format", "json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(_cli.OutText);
        Assert.Equal("yaml-old", Assert.Single(doc.RootElement.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task PluginsList_BrokenConfig_ExitsOneWithErrors()
    {
        using var temp = new TempDirectory();
        var config = temp.Write("fluxum.yaml", "plugin_dir: [p]\n");

        var exit = await _cli.RunAsync("plugins", "list", "--config", config);

        Assert.Equal(1, exit);
        Assert.Contains(":1:1: plugin_dir: unknown key 'plugin_dir'", _cli.ErrorText, StringComparison.Ordinal);
        Assert.Contains("pass --plugin-dir", _cli.ErrorText, StringComparison.Ordinal);
    }
}
