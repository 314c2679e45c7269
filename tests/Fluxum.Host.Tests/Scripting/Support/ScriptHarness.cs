using Fluxum.Host.Scripting;
using Fluxum.Sdk.Ledger;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Scripting.Support;

/// <summary>A temporary folder for scripts and the compile cache, and a runner over them.</summary>
internal sealed class ScriptHarness : IDisposable
{
    public ScriptHarness(TimeSpan? gracePeriod = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "fluxum-scripting-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Options = new ScriptRunnerOptions
        {
            CacheDirectory = Path.Combine(Root, "cache"),
            GracePeriod = gracePeriod ?? TimeSpan.FromMilliseconds(300),
        };
        Runner = NewRunner();
    }

    public string Root { get; }

    public ScriptRunnerOptions Options { get; }

    public ScriptRunner Runner { get; }

    /// <summary>A fresh runner over the same cache: what a second process start sees.</summary>
    public ScriptRunner NewRunner() => new(Options, NullLogger<ScriptRunner>.Instance);

    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public static ScriptEnvironment Environment(
        FakeMarket market,
        LineRecorder output,
        IReadOnlyList<string>? args = null,
        IReadOnlyDictionary<string, ILedger>? ledgers = null,
        TimeProvider? time = null) =>
        new(market, ledgers ?? new Dictionary<string, ILedger>(), NullLogger.Instance, args ?? [], output, time ?? TimeProvider.System);

    public static async Task<CompiledScript> CompileOrFailAsync(ScriptRunner runner, string path)
    {
        var result = await runner.CompileAsync(path);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Script!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A script assembly may still be mapped by a load context; the temp folder is left for the OS.
        }
    }
}
