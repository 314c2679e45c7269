using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// A third party's path, for real: the SDK packed into the local feed, the template package installed, a plugin
/// solution made by <c>dotnet new fluxum-plugin</c> built against the packages and its conformance tests run, and
/// the host (not rebuilt) loading the drop-in folder and running the new venue against its simulator.
/// </summary>
[Collection(ExternalBuildCollection.Name)]
public sealed class ThirdPartyPluginEndToEndTests
{
    [Fact]
    public async Task Template_PluginBuiltFromPackages_PassesTheSuiteAndRunsInTheHost()
    {
        var root = TestPaths.RepositoryRoot;
        var work = Directory.CreateTempSubdirectory("fluxum-thirdparty-");
        try
        {
            var feed = ExternalBuild.Feed;
            var cache = ExternalBuild.PackageCache;
            await ExternalBuild.EnsureSdkPackedAsync();
            Assert.True(File.Exists(Path.Combine(feed, "Fluxum.Templates.2.0.0.nupkg")) || Directory.GetFiles(feed, "Fluxum.Templates.*.nupkg").Length > 0, "no template package in the feed");
            var template = Directory.GetFiles(feed, "Fluxum.Templates.*.nupkg").Single();
            var hive = Path.Combine(work.FullName, "hive");
            await RunAsync(work.FullName, cache, "dotnet", "new", "install", template, "--debug:custom-hive", hive);
            var solution = Path.Combine(work.FullName, "zeta");
            await RunAsync(work.FullName, cache, "dotnet", "new", "fluxum-plugin", "-n", "Zeta", "--feed", feed, "-o", solution, "--debug:custom-hive", hive);

            var tests = await RunAsync(solution, cache, "dotnet", "test", "-nologo");
            Assert.Contains("Passed!  - Failed:     0, Passed:    11", tests, StringComparison.Ordinal);
            var drop = Path.Combine(solution, "artifacts", "plugins", "Fluxum.Plugins.Zeta");
            Assert.True(File.Exists(Path.Combine(drop, "Fluxum.Plugins.Zeta.dll")), "the build left no drop-in folder");
            Assert.False(File.Exists(Path.Combine(drop, "Fluxum.Sdk.dll")), "the contract was copied into the plugin folder: it must stay shared with the host");

            var config = Path.Combine(solution, "zeta.yaml");
            var zeta = VenueYaml.Simulated("zeta").Subscribe(["BTC/USD", "ETH/USD"], "ticker", "trades", VenueYaml.Book(10)) with { Simulator = "{ port: 0, seed: 3, tick: 50ms }" };
            await File.WriteAllTextAsync(config, new ConfigYaml(["artifacts/plugins"]) { Venues = [zeta] }.ToString());
            var host = typeof(Fluxum.Host.Plugins.PluginCatalog).Assembly.Location;
            var listed = await RunAsync(solution, cache, "dotnet", host, "plugins", "list", "--config", config, "--format", "json");
            Assert.Contains("\"name\":\"zeta\"", listed.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            var run = await RunAsync(solution, cache, "dotnet", host, "run", "--config", config, "--duration", "4s");
            Assert.Contains("zeta     simulated", run, StringComparison.Ordinal);
            Assert.Matches(@"zeta .* malformed 0 \| books: 2 snapshots [1-9]\d* updates, .* gaps 0, crossed 0", run);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task HostTool_PackedAndInstalled_RunsWithItsBundledPlugins()
    {
        var root = TestPaths.RepositoryRoot;
        var work = Directory.CreateTempSubdirectory("fluxum-tool-");
        try
        {
            var cache = ExternalBuild.PackageCache;
            // The build the tests run on, packed as it is: a Release build here would rewrite artifacts/plugins under the running tests.
            var feed = Path.Combine(work.FullName, "feed");
            await RunAsync(root, cache, "dotnet", "pack", "host/Fluxum.Host", "-c", "Debug", "--no-build", "-v", "q", "-nologo", "-o", feed);
            var tools = Path.Combine(work.FullName, "tools");
            await RunAsync(work.FullName, cache, "dotnet", "tool", "install", "--tool-path", tools, "--add-source", feed, "fluxum", "--version", "2.0.0");
            var empty = Directory.CreateDirectory(Path.Combine(work.FullName, "no-plugins")).FullName;

            var listed = await RunAsync(work.FullName, cache, Path.Combine(tools, "fluxum"), "plugins", "list", "--plugin-dir", empty, "--format", "json");

            var compact = listed.Replace(" ", "", StringComparison.Ordinal);
            Assert.Contains("\"name\":\"kraken\"", compact, StringComparison.Ordinal);
            Assert.Contains("\"name\":\"gemini\"", compact, StringComparison.Ordinal);
            Assert.DoesNotContain("\"loaded\":false", compact.Replace($"\"folder\":\"{empty}\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task HostPublished_RunsWithItsBundledPlugins()
    {
        var root = TestPaths.RepositoryRoot;
        var work = Directory.CreateTempSubdirectory("fluxum-publish-");
        try
        {
            // The build the tests run on, published as it is (no runtime given, so IL only; `-r linux-x64` adds ReadyToRun).
            var published = Path.Combine(work.FullName, "fluxum");
            await RunAsync(root, ExternalBuild.PackageCache, "dotnet", "publish", "host/Fluxum.Host", "-c", "Debug", "--no-build", "-v", "q", "-nologo", "-o", published);
            Assert.True(File.Exists(Path.Combine(published, "plugins", "Fluxum.Plugins.Kraken", "Fluxum.Plugins.Kraken.dll")), "no Kraken plugin in the publish's plugins folder");
            var empty = Directory.CreateDirectory(Path.Combine(work.FullName, "no-plugins")).FullName;

            var listed = await RunAsync(work.FullName, ExternalBuild.PackageCache, "dotnet", Path.Combine(published, "fluxum.dll"), "plugins", "list", "--plugin-dir", empty, "--format", "json");

            var compact = listed.Replace(" ", "", StringComparison.Ordinal);
            Assert.Contains("\"name\":\"kraken\"", compact, StringComparison.Ordinal);
            Assert.Contains("\"name\":\"gemini\"", compact, StringComparison.Ordinal);
            Assert.DoesNotContain("\"loaded\":false", compact.Replace($"\"folder\":\"{empty}\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static Task<string> RunAsync(string directory, string packageCache, string file, params string[] arguments) =>
        ExternalBuild.RunAsync(directory, file, arguments);
}
