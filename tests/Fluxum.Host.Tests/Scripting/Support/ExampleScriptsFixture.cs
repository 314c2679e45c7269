using Fluxum.Host.Scripting;

namespace Fluxum.Host.Tests.Scripting.Support;

/// <summary>Compiles the repository's example scripts (<c>scripts/*.csx</c>) once for all the tests that run them.</summary>
public sealed class ExampleScriptsFixture : IAsyncLifetime
{
    private readonly ScriptHarness _harness = new(gracePeriod: TimeSpan.FromSeconds(2));
    private readonly Dictionary<string, CompiledScript> _scripts = [];

    public static string ScriptsDirectory { get; } = FindScriptsDirectory();

    internal CompiledScript this[string name] => _scripts[name];

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { "aggregate", "best-bid-offer", "vwap", "candles", "ledger-summary" })
        {
            _scripts[name] = await ScriptHarness.CompileOrFailAsync(_harness.Runner, Path.Combine(ScriptsDirectory, name + ".csx"));
        }
    }

    public Task DisposeAsync()
    {
        _harness.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The repository's <c>scripts/</c> folder, found above the test's output folder.</summary>
    private static string FindScriptsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fluxum.Host.sln")))
            {
                return Path.Combine(dir.FullName, "scripts");
            }
        }

        throw new DirectoryNotFoundException($"No Fluxum.Host.sln above {AppContext.BaseDirectory}.");
    }
}
