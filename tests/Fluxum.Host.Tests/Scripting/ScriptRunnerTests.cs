using Fluxum.Host.Scripting;
using Fluxum.Host.Tests.Scripting.Support;

namespace Fluxum.Host.Tests.Scripting;

public sealed class ScriptRunnerTests : IDisposable
{
    private readonly ScriptHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task CompileAsync_CompileError_ReportsFileLineColumnAndNoScript()
    {
        var path = _harness.Write("broken.csx", "Print(\"ok\");\nvar x = undefinedName + 1;\n");

        var result = await _harness.Runner.CompileAsync(path);

        Assert.False(result.Succeeded);
        Assert.Null(result.Script);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"{path}(2,9): error CS0103: The name 'undefinedName' does not exist in the current context", error.ToString());
    }

    [Fact]
    public async Task CompileAsync_ErrorInLoadedFile_ReportsTheLoadedFile()
    {
        var helper = _harness.Write("lib/helper.csx", "static int Twice(int x) => x * 2;\nstatic int Bad() => \"text\";\n");
        var path = _harness.Write("main.csx", "#load \"lib/helper.csx\"\nPrint(Twice(2).ToString());\n");

        var result = await _harness.Runner.CompileAsync(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal(helper, error.File);
        Assert.Equal((2, 21, "CS0029"), (error.Line, error.Column, error.Id));
        Assert.StartsWith($"{helper}(2,21): error CS0029:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompileAsync_MissingFile_ReportsItWithoutThrowing()
    {
        var result = await _harness.Runner.CompileAsync(Path.Combine(_harness.Root, "nope.csx"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("FLX0001", error.Id);
        Assert.EndsWith("nope.csx", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UsualImportsAsyncLinqAndLoad_RunAndPrint()
    {
        _harness.Write("lib/math.csx", "static decimal Sum(IEnumerable<decimal> xs) => xs.Sum();\n");
        var path = _harness.Write("imports.csx", """
            #load "lib/math.csx"
            var list = new List<decimal> { 1.5m, 2.5m };
            var doubled = await list.ToAsyncEnumerable().Select(x => x * 2).ToListAsync(CancellationToken);
            var symbol = SymbolArg(0, "ETH/USD");
            Print($"SUM {Sum(list)} ASYNC {string.Join(",", doubled)} SYMBOL {symbol} ARG1 {Arg(1, "none")}");
            return 42;
            """);
        var script = await ScriptHarness.CompileOrFailAsync(_harness.Runner, path);
        var output = new LineRecorder();

        var outcome = await script.RunAsync(ScriptHarness.Environment(new FakeMarket("kraken"), output, ["BTC/USD"]));

        Assert.Equal(new ScriptOutcome.Completed(42), outcome);
        Assert.Equal(["SUM 4.0 ASYNC 3.0,5.0 SYMBOL BTC/USD ARG1 none"], output.Lines);
    }

    [Fact]
    public async Task CompileAsync_SameContentInANewRunner_LoadsFromCacheWithoutRewriting()
    {
        var path = _harness.Write("cached.csx", "Print(\"hello\");\n");
        var first = await ScriptHarness.CompileOrFailAsync(_harness.Runner, path);
        var cacheFile = Assert.Single(Directory.GetFiles(_harness.Options.CacheDirectory, "*.dll"));
        var written = File.GetLastWriteTimeUtc(cacheFile);

        var second = await ScriptHarness.CompileOrFailAsync(_harness.NewRunner(), path);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(written, File.GetLastWriteTimeUtc(cacheFile));
        var output = new LineRecorder();
        Assert.IsType<ScriptOutcome.Completed>(await second.RunAsync(ScriptHarness.Environment(new FakeMarket("kraken"), output)));
        Assert.Equal(["hello"], output.Lines);
    }

    [Fact]
    public async Task CompileAsync_LoadedFileChanged_InvalidatesCache()
    {
        _harness.Write("lib/value.csx", "static string Value() => \"one\";\n");
        var path = _harness.Write("uses-load.csx", "#load \"lib/value.csx\" // helper\nPrint(Value());\n");
        var first = await ScriptHarness.CompileOrFailAsync(_harness.Runner, path);
        var again = await ScriptHarness.CompileOrFailAsync(_harness.NewRunner(), path);

        _harness.Write("lib/value.csx", "static string Value() => \"two\";\n");
        var changed = await ScriptHarness.CompileOrFailAsync(_harness.NewRunner(), path);

        Assert.False(first.FromCache);
        Assert.True(again.FromCache);
        Assert.False(changed.FromCache);
        Assert.Equal(2, Directory.GetFiles(_harness.Options.CacheDirectory, "*.dll").Length);
        var output = new LineRecorder();
        await changed.RunAsync(ScriptHarness.Environment(new FakeMarket("kraken"), output));
        Assert.Equal(["two"], output.Lines);
    }

    [Fact]
    public async Task CompileAsync_CorruptCacheFile_RecompilesAndRuns()
    {
        var path = _harness.Write("corrupt.csx", "Print(\"fine\");\n");
        await ScriptHarness.CompileOrFailAsync(_harness.Runner, path);
        var cacheFile = Assert.Single(Directory.GetFiles(_harness.Options.CacheDirectory, "*.dll"));
        await File.WriteAllTextAsync(cacheFile, "not an assembly");

        var script = await ScriptHarness.CompileOrFailAsync(_harness.NewRunner(), path);

        Assert.False(script.FromCache);
        var output = new LineRecorder();
        await script.RunAsync(ScriptHarness.Environment(new FakeMarket("kraken"), output));
        Assert.Equal(["fine"], output.Lines);
    }

    [Fact]
    public async Task CompileAllAsync_OneBroken_ReportsItsErrorsInOrder()
    {
        var good = _harness.Write("good.csx", "Print(\"good\");\n");
        var bad = _harness.Write("bad.csx", "Print(1 +);\n");

        var results = await _harness.Runner.CompileAllAsync([good, bad]);

        Assert.True(results[0].Succeeded);
        Assert.False(results[1].Succeeded);
        Assert.All(results[1].Errors, e => Assert.Equal(bad, e.File));
        Assert.Contains(results[1].Errors, e => e.ToString().StartsWith($"{bad}(1,10): error CS1525:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompileAsync_ReferencedAssemblyChanged_InvalidatesCache()
    {
        var dll = Path.Combine(_harness.Root, "lib.dll");
        File.Copy(typeof(ScriptRunnerTests).Assembly.Location, dll);
        var path = _harness.Write("with-ref.csx", "#r \"lib.dll\"\nPrint(\"ref\");\n");
        await ScriptHarness.CompileOrFailAsync(_harness.Runner, path);
        var again = await ScriptHarness.CompileOrFailAsync(_harness.NewRunner(), path);

        File.SetLastWriteTimeUtc(dll, File.GetLastWriteTimeUtc(dll).AddMinutes(1));
        var changed = await ScriptHarness.CompileOrFailAsync(_harness.NewRunner(), path);

        Assert.True(again.FromCache);
        Assert.False(changed.FromCache);
    }

    [Fact]
    public async Task CompileAsync_ExpiredImagesInCache_RemovedOnNextCompile()
    {
        var old = await ScriptHarness.CompileOrFailAsync(_harness.Runner, _harness.Write("old.csx", "Print(\"old\");\n"));
        var oldImage = Assert.Single(Directory.GetFiles(_harness.Options.CacheDirectory, "*.dll"));
        File.SetLastWriteTimeUtc(oldImage, DateTime.UtcNow - _harness.Options.CacheRetention - TimeSpan.FromHours(1));
        var leftover = Path.Combine(_harness.Options.CacheDirectory, "abc.123.tmp");
        await File.WriteAllTextAsync(leftover, "half");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-2));

        await ScriptHarness.CompileOrFailAsync(_harness.Runner, _harness.Write("new.csx", "Print(\"new\");\n"));

        Assert.False(old.FromCache);
        Assert.False(File.Exists(oldImage));
        Assert.False(File.Exists(leftover));
        Assert.Single(Directory.GetFiles(_harness.Options.CacheDirectory));
    }
}
