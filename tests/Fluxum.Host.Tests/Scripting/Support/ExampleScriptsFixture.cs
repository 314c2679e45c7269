using Fluxum.Host.Scripting;

namespace Fluxum.Host.Tests.Scripting.Support;

/// <summary>Compiles the repository's example scripts (<c>scripts/*.csx</c>) once for all the tests that run them.</summary>
public sealed class ExampleScriptsFixture : IAsyncLifetime
{
    private readonly ScriptHarness _harness = new(gracePeriod: TimeSpan.FromSeconds(2));
    private readonly Dictionary<string, CompiledScript> _scripts = [];

    public static string ScriptsDirectory { get; } = FindScriptsDirectory();

    internal CompiledScript this[string name] => _scripts[name];

    /// <summary>Every diagnostic (warnings included) the compiler gave for the example scripts.</summary>
    internal List<ScriptDiagnostic> Diagnostics { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { "aggregate", "best-bid-offer", "vwap", "candles", "ledger-summary" })
        {
            var result = await _harness.Runner.CompileAsync(Path.Combine(ScriptsDirectory, name + ".csx"));
            Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
            Assert.False(result.Script!.FromCache);
            Diagnostics.AddRange(result.Diagnostics);
            _scripts[name] = result.Script;
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
