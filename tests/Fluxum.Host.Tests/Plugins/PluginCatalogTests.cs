using System.Runtime.Loader;
using System.Text;
using Fluxum.Host.Plugins;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Fluxum.Host.Tests.Plugins;

public sealed class PluginCatalogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Load_FolderCopiedOutsideSolution_FindsPluginAndCreatesWorkingProtocol()
    {
        var dir = _temp.AddPlugin("Good");
        Assert.DoesNotContain(TestPaths.RepositoryRoot.TrimEnd('/'), dir, StringComparison.Ordinal);

        using var catalog = PluginCatalog.Load([dir]);

        var entry = Assert.Single(catalog.Entries);
        Assert.True(entry.IsLoaded, entry.Fault);
        Assert.Equal("good", entry.Name);
        Assert.Equal(new Version(1, 2, 3), entry.Version);
        Assert.Equal(SdkInfo.Version, entry.SdkVersion);
        Assert.Equal(["ticker", "trades", "book-sync: socket"], PluginCapabilityList.Of(entry));
        Assert.Equal(Path.Combine(dir, "Fluxum.TestPlugins.Good"), entry.Folder);

        var context = new VenueContext
        {
            Venue = "good-venue",
            Rest = Substitute.For<IRestTransport>(),
            LoggerFactory = NullLoggerFactory.Instance,
            Endpoints = new Dictionary<string, Uri> { ["ws"] = new("ws://127.0.0.1:5555/x") },
        };
        var protocol = catalog.Get("good").CreateVenue(context).CreateProtocol(ConnectionKind.Public);
        var sink = new RecordingSink();
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        protocol.Decode("BTC/USD 100.5 101.5"u8, at, sink);
        protocol.Decode("garbage"u8, at, sink);

        var ticker = Assert.IsType<Ticker>(Assert.Single(sink.Events));
        Assert.Equal(("good-venue", Symbol.Parse("BTC/USD"), 100.5m, 101.5m, at), (ticker.Venue, ticker.Symbol, ticker.Bid, ticker.Ask, ticker.ReceivedAt));
        Assert.Equal(["expected 'SYMBOL BID ASK'"], sink.Malformed);
        var subscribe = protocol.EncodeSubscribe(new Subscription(MarketChannel.Ticker, Symbol.Parse("BTC/USD")));
        Assert.Equal("sub ticker BTC/USD", Encoding.UTF8.GetString(subscribe[0].Span));
    }

    [Fact]
    public void Load_Plugin_GetsOwnLoadContextButSharesSdk()
    {
        using var catalog = PluginCatalog.Load([_temp.AddPlugin("Good")]);

        var entry = catalog.Loaded.Single();
        Assert.NotNull(entry.LoadContext);
        Assert.NotSame(AssemblyLoadContext.Default, entry.LoadContext);
        Assert.Same(entry.LoadContext, AssemblyLoadContext.GetLoadContext(entry.Plugin!.GetType().Assembly));
        // The SDK is shared: the plugin's IExchangePlugin is the host's, not a copy in the plugin's context.
        var sdkInPlugin = entry.Plugin.GetType().GetInterfaces().Single(i => i.Name == nameof(IExchangePlugin));
        Assert.Same(typeof(IExchangePlugin), sdkInPlugin);
        Assert.DoesNotContain(entry.LoadContext!.Assemblies, a => a.GetName().Name == "Fluxum.Sdk");
    }

    [Fact]
    public void Load_PluginWithOtherYamlDotNet_PluginSees16HostSees18()
    {
        using var catalog = PluginCatalog.Load([_temp.AddPlugin("YamlOld")]);

        var entry = Assert.Single(catalog.Entries);
        Assert.True(entry.IsLoaded, entry.Fault);
        Assert.Equal(18, typeof(YamlDotNet.RepresentationModel.YamlStream).Assembly.GetName().Version!.Major);
        Assert.StartsWith("YamlDotNet 16.", entry.Descriptor!.Description, StringComparison.Ordinal);
        var context = new VenueContext
        {
            Venue = "y",
            Rest = Substitute.For<IRestTransport>(),
            LoggerFactory = NullLoggerFactory.Instance,
            Settings = new Dictionary<string, string> { ["doc"] = "a: 1\nb: 2" },
        };
        var report = Assert.Single(entry.Plugin!.CreateVenue(context).Problems);
        Assert.StartsWith("parsed 2 key(s) with YamlDotNet 16.", report, StringComparison.Ordinal);
        var pluginYaml = entry.LoadContext!.Assemblies.Single(a => a.GetName().Name == "YamlDotNet");
        Assert.Equal(16, pluginYaml.GetName().Version!.Major);
    }

    [Fact]
    public void Load_CorruptDll_ReportsFolderAndSkipsIt()
    {
        var dir = _temp.AddPlugin("Corrupt");
        _temp.AddPlugin("Good");

        using var catalog = PluginCatalog.Load([dir]);

        var faulted = Assert.Single(catalog.Faulted);
        Assert.Equal(Path.Combine(dir, "Fluxum.TestPlugins.Corrupt"), faulted.Folder);
        Assert.StartsWith("cannot load Fluxum.TestPlugins.Corrupt.dll: BadImageFormatException", faulted.Fault, StringComparison.Ordinal);
        Assert.Equal("good", Assert.Single(catalog.Loaded).Name);
    }

    [Fact]
    public void Load_DescriptorThrows_ReportsExceptionAndSkips()
    {
        var dir = _temp.AddPlugin("Throwing");
        _temp.AddPlugin("Good");

        using var catalog = PluginCatalog.Load([dir]);

        var faulted = Assert.Single(catalog.Faulted);
        Assert.Equal(
            "Fluxum.TestPlugins.Throwing.ThrowingPlugin.Descriptor threw: InvalidOperationException: descriptor exploded on purpose",
            faulted.Fault);
        Assert.Single(catalog.Loaded);
    }

    [Theory]
    [InlineData("FutureSdk", "3.0")]
    [InlineData("OlderMajor", "1.1")]
    public void Load_CompiledAgainstAnotherMajor_RefusedBeforeLoadingWithBothVersions(string plugin, string contract)
    {
        var dir = _temp.AddPlugin(plugin);
        var name = $"Fluxum.TestPlugins.{plugin}";

        using var catalog = PluginCatalog.Load([dir]);

        var faulted = Assert.Single(catalog.Faulted);
        Assert.Equal(new Version(contract + ".0.0"), faulted.SdkVersion);
        Assert.Equal(
            $"{name}.dll was compiled against contract Fluxum.Sdk {contract}, this host has Fluxum.Sdk {HostContract}: "
            + $"another major version is incompatible; rebuild the plugin against Fluxum.Sdk {SdkInfo.Version.Major}.x (at most {HostContract})",
            faulted.Fault);
        // Refused from its metadata: never loaded, so it never described itself and has no load context.
        Assert.Null(faulted.Descriptor);
        Assert.Null(faulted.LoadContext);
        Assert.Equal(name, faulted.Name);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == name);
    }

    [Fact]
    public void Load_CompiledAgainstNewerMinor_RefusedWithBothVersions()
    {
        using var catalog = PluginCatalog.Load([_temp.AddPlugin("NewerMinor")]);

        var faulted = Assert.Single(catalog.Faulted);
        Assert.True(faulted.SdkVersion > SdkInfo.Version, $"{faulted.SdkVersion} should be newer than {SdkInfo.Version}");
        Assert.Equal(new Version(2, 9, 0, 0), faulted.SdkVersion);
        Assert.Equal(
            $"Fluxum.TestPlugins.NewerMinor.dll was compiled against contract Fluxum.Sdk 2.9, newer than this host's Fluxum.Sdk {HostContract}: "
            + "it may use contract members this host lacks; run it on a host with Fluxum.Sdk 2.9 or later, "
            + $"or rebuild it against {HostContract}",
            faulted.Fault);
        Assert.Null(faulted.LoadContext);
        Assert.Empty(catalog.Loaded);
    }

    [Fact]
    public void Load_CompiledAgainstTheHostsContract_LoadsBoundToTheSharedContract()
    {
        using var catalog = PluginCatalog.Load([_temp.AddPlugin("Good")]);

        var entry = Assert.Single(catalog.Entries);
        Assert.True(entry.IsLoaded, entry.Fault);
        Assert.Equal(SdkInfo.Version, entry.SdkVersion);
        // Bound at run time to the host's contract, not to a copy of its own.
        Assert.Same(typeof(IExchangePlugin), entry.Plugin!.GetType().GetInterfaces().Single(i => i.Name == nameof(IExchangePlugin)));
    }

    [Fact]
    public void Load_AssemblyWithoutContractReference_Refused()
    {
        var dir = Path.Combine(_temp.Path, "other");
        var folder = Directory.CreateDirectory(Path.Combine(dir, "YamlDotNet")).FullName;
        File.Copy(typeof(YamlDotNet.RepresentationModel.YamlStream).Assembly.Location, Path.Combine(folder, "YamlDotNet.dll"));

        using var catalog = PluginCatalog.Load([dir]);

        var faulted = Assert.Single(catalog.Faulted);
        Assert.Equal("YamlDotNet.dll does not reference the contract assembly Fluxum.Sdk, so it cannot hold a plugin", faulted.Fault);
        Assert.Null(faulted.SdkVersion);
    }

    [Fact]
    public void Load_SameNameInTwoDirectories_SecondIsFaulted()
    {
        var first = _temp.AddPlugin("Good", "a");
        var second = _temp.AddPlugin("Good", "b");

        using var catalog = PluginCatalog.Load([first, second]);

        Assert.Equal(Path.Combine(first, "Fluxum.TestPlugins.Good"), Assert.Single(catalog.Loaded).Folder);
        var dup = Assert.Single(catalog.Faulted);
        Assert.Equal($"duplicate plugin name 'good': already loaded from {Path.Combine(first, "Fluxum.TestPlugins.Good")}", dup.Fault);
    }

    [Fact]
    public void Load_MissingDirectoryAndFolderWithoutDll_BothReported()
    {
        var dir = _temp.AddPlugin("Good");
        Directory.CreateDirectory(Path.Combine(dir, "Empty"));
        var missing = Path.Combine(_temp.Path, "nope");

        using var catalog = PluginCatalog.Load([dir, missing]);

        Assert.Equal(
            [(Path.Combine(dir, "Empty"), "no Empty.dll in the folder (a plugin folder holds <FolderName>.dll)"), (missing, "plugin directory does not exist")],
            catalog.Faulted.Select(e => (e.Folder, e.Fault!)));
        Assert.Single(catalog.Loaded);
    }

    [Fact]
    public void Load_AllTestPlugins_GoodOnesLoadAndEveryFaultIsListed()
    {
        using var catalog = PluginCatalog.Load([TestPaths.TestPlugins]);

        Assert.Equal(["good", "yaml-old"], catalog.Loaded.Select(e => e.Name).Order());
        Assert.Equal(
            ["Fluxum.TestPlugins.Corrupt", "Fluxum.TestPlugins.FutureSdk", "Fluxum.TestPlugins.NewerMinor", "Fluxum.TestPlugins.OlderMajor", "Fluxum.TestPlugins.Throwing"],
            catalog.Faulted.Select(e => Path.GetFileName(e.Folder)).Order());
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingLoadedPlugins()
    {
        var dir = _temp.AddPlugin("Good");
        _temp.AddPlugin("Throwing");
        using var catalog = PluginCatalog.Load([dir]);

        var ex = Assert.Throws<KeyNotFoundException>(() => catalog.Get("kraken"));

        Assert.Equal($"plugin 'kraken' not found in {dir}; loaded plugins: good; 1 plugin folder(s) failed to load: Fluxum.TestPlugins.Throwing (see fluxum plugins list)", ex.Message);
    }

    private static string HostContract => $"{SdkInfo.Version.Major}.{SdkInfo.Version.Minor}";

    private sealed class RecordingSink : IFrameSink
    {
        public List<MarketEvent> Events { get; } = [];

        public List<string> Malformed { get; } = [];

        public void Publish(MarketEvent marketEvent) => Events.Add(marketEvent);

        public void Book(in BookFrame frame) => throw new InvalidOperationException("no books expected");

        void IFrameSink.Malformed(string reason, ReadOnlySpan<byte> frame) => Malformed.Add(reason);

        void IFrameSink.BookMalformed(Fluxum.Sdk.Symbol symbol, string reason, ReadOnlySpan<byte> frame) => Malformed.Add($"{symbol}: {reason}");
    }
}
