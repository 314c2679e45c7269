using Fluxum.Host.Configuration;
using Fluxum.Host.Plugins;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Tests.Configuration;

public sealed class PluginConfigValidatorTests : IDisposable
{
    private readonly ConfigTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Validate_MissingPlugin_NamesLineKeyPathAndLoadedPlugins()
    {
        var dir = _file.AddPlugin("Good");
        var config = _file.Parse("""
            plugin_dirs: [plugins]
            venues:
              kraken:
                plugin: krakn
                mode: live
            """).GetValidConfig();
        using var catalog = PluginCatalog.Load(config.PluginDirs);

        var errors = PluginConfigValidator.Validate(config, catalog, "fluxum.yaml");

        Assert.Equal(
            [$"fluxum.yaml:4:13: venues.kraken.plugin: plugin 'krakn' not found in {dir}; loaded plugins: good"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Validate_FaultedPlugin_SaysWhyItFailed()
    {
        _file.AddPlugin("FutureSdk");
        var config = _file.Parse("plugin_dirs: [plugins]\nvenues:\n  f:\n    plugin: Fluxum.TestPlugins.FutureSdk\n    mode: live\n").GetValidConfig();
        using var catalog = PluginCatalog.Load(config.PluginDirs);

        var error = Assert.Single(PluginConfigValidator.Validate(config, catalog, "fluxum.yaml"));

        Assert.Equal("venues.f.plugin", error.Path);
        Assert.Contains("failed to load from", error.Message, StringComparison.Ordinal);
        Assert.Contains($"compiled against contract Fluxum.Sdk 3.0, this host has Fluxum.Sdk {SdkInfo.Version.Major}.{SdkInfo.Version.Minor}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PluginNameOfRefusedPlugin_NamesTheFaultedFolders()
    {
        var dir = _file.AddPlugin("FutureSdk");
        var config = _file.Parse("plugin_dirs: [plugins]\nvenues:\n  f:\n    plugin: future\n    mode: live\n").GetValidConfig();
        using var catalog = PluginCatalog.Load(config.PluginDirs);

        var error = Assert.Single(PluginConfigValidator.Validate(config, catalog, "fluxum.yaml"));

        // Refused before loading, the plugin never said its name is 'future': the message points at its folder.
        Assert.Equal(
            $"plugin 'future' not found in {dir}; loaded plugins: none; 1 plugin folder(s) failed to load: Fluxum.TestPlugins.FutureSdk (see fluxum plugins list)",
            error.Message);
    }

    [Fact]
    public void Validate_UnsupportedChannelAndNoSimulator_Reported()
    {
        _file.AddPlugin("Good");
        var config = _file.Parse("""
            plugin_dirs: [plugins]
            venues:
              g:
                plugin: good
                mode: simulated
                subscriptions:
                  - symbols: [BTC/USD]
                    channels: [ticker, { channel: book, depth: 10 }]
            """).GetValidConfig();
        using var catalog = PluginCatalog.Load(config.PluginDirs);

        var errors = PluginConfigValidator.Validate(config, catalog, "fluxum.yaml").Select(e => e.ToString());

        Assert.Equal(
            [
                "fluxum.yaml:7:7: venues.g.subscriptions: book(10): plugin good: the book channel is not offered on the public connection with these settings (offered: ticker, trades)",
                "fluxum.yaml:5:11: venues.g.mode: plugin good ships no simulator, so mode simulated is not possible; use live or replay",
            ],
            errors);
    }

    [Fact]
    public void Validate_SupportedSetup_NoErrors()
    {
        _file.AddPlugin("Good");
        var config = _file.Parse("""
            plugin_dirs: [plugins]
            venues:
              g:
                plugin: good
                mode: live
                subscriptions:
                  - symbols: [BTC/USD]
                    channels: [ticker, trades]
            """).GetValidConfig();
        using var catalog = PluginCatalog.Load(config.PluginDirs);

        Assert.Empty(PluginConfigValidator.Validate(config, catalog, "fluxum.yaml"));
    }

    [Fact]
    public void Validate_PluginRejectsSettings_ReportedAtVenuePlugin()
    {
        _file.AddPlugin("Good");
        var config = _file.Parse("plugin_dirs: [plugins]\nvenues:\n  g:\n    plugin: good\n    mode: live\n    api: v2\n").GetValidConfig();
        using var catalog = PluginCatalog.Load(config.PluginDirs);

        var error = Assert.Single(PluginConfigValidator.Validate(config, catalog, "fluxum.yaml"));

        Assert.Equal("fluxum.yaml:4:13: venues.g.plugin: plugin good: api: unknown api 'v2'; expected v1", error.ToString());
    }
}
