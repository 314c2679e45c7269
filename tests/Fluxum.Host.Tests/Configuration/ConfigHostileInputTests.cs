using System.Text;
using Fluxum.Host.Configuration;

namespace Fluxum.Host.Tests.Configuration;

/// <summary>Careless or hostile files: each gets a short, exact error, in bounded time and memory.</summary>
public sealed class ConfigHostileInputTests : IDisposable
{
    private readonly ConfigTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Parse_HugeScalarAliasedThousandsOfTimes_RefusedAtTheAliasThatCrossesTheLimit()
    {
        var yaml = new StringBuilder("plugin_dirs: [p]\nanchor: &a \"").Append('x', 1_000_000).Append("\"\nvenues:\n");
        for (var i = 0; i < 2000; i++)
        {
            yaml.Append("  v").Append(i).Append(": *a\n");
        }

        var result = _file.Parse(yaml.ToString());

        var message = Assert.Single(ConfigTestFile.Messages(result));
        Assert.Equal("fluxum.yaml:6:7: venues.v2: alias '*a' expands the document past 4,000,000 nodes and characters (aliases of aliases?); refused", message);
    }

    [Fact]
    public void Parse_ErrorQuotingAHugeValue_QuotesOnlyAPrefix()
    {
        var result = _file.Parse($"plugin_dirs: [p]\nvenues:\n  kraken:\n    plugin: kraken\n    mode: {new string('m', 100_000)}\n");

        var message = Assert.Single(ConfigTestFile.Messages(result));
        Assert.True(message.Length < 300, message);
        Assert.Contains($"'{new string('m', ConfigText.MaxQuoted)}…' (100,000 characters)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ThousandsOfErrors_KeepsABoundedNumberAndCountsTheRest()
    {
        var yaml = new StringBuilder("plugin_dirs: [p]\nvenues:\n");
        for (var i = 0; i < 5000; i++)
        {
            yaml.Append("  v").Append(i).Append(": { plugin: kraken, mode: nonsense }\n");
        }

        var result = _file.Parse(yaml.ToString());
        var output = new StringWriter();
        var total = ConfigErrorReport.Write(result.Errors, result.MoreErrors, output);

        Assert.Equal(ConfigDiagnostics.MaxKept, result.Errors.Count);
        Assert.True(total >= 5000, $"total {total}");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ConfigErrorReport.MaxShown + 1, lines.Length);
        Assert.Equal($"... and {total - ConfigErrorReport.MaxShown} more error(s) not shown", lines[^1].TrimEnd());
    }

    [Fact]
    public void Parse_DeepNesting_RefusedWithLineInsteadOfOverflowingTheStack()
    {
        var result = _file.Parse("venues: " + new string('[', 100_000) + "\n");

        var message = Assert.Single(ConfigTestFile.Messages(result));
        Assert.StartsWith("fluxum.yaml:1:72: venues[0]", message, StringComparison.Ordinal);
        Assert.EndsWith("collections nest deeper than 64 levels; a configuration file needs only a few", message, StringComparison.Ordinal);
        Assert.True(message.Length < 300, message);
    }

    [Fact]
    public void Parse_TooManySymbols_RefusedWithTheCount()
    {
        var symbols = string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"Z{i}/USD"));

        var result = _file.Parse($"plugin_dirs: [p]\nvenues:\n  kraken:\n    plugin: kraken\n    mode: simulated\n    subscriptions:\n      - symbols: [{symbols}]\n        channels: [ticker]\n");

        Assert.Contains("fluxum.yaml:7:18: venues.kraken.subscriptions[0].symbols: 20,000 symbols in one subscription; at most 10,000 are allowed", ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_ManySymbols_ReadInLinearTime()
    {
        // 10,000 distinct symbols (the limit): duplicate checks by hash, not by list scan.
        var symbols = string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"Z{i}/USD"));

        var result = _file.Parse($"plugin_dirs: [p]\nvenues:\n  kraken:\n    plugin: kraken\n    mode: simulated\n    subscriptions:\n      - symbols: [{symbols}, Z5/USD]\n        channels: [ticker]\n");

        Assert.Equal(["fluxum.yaml:7:18: venues.kraken.subscriptions[0].symbols: 10,001 symbols in one subscription; at most 10,000 are allowed"], ConfigTestFile.Messages(result));
    }

    [Theory]
    [InlineData("100000000d")]
    [InlineData("99999999999d")]
    public void Parse_DurationOutOfRange_NamesKeyAndAllowedRange(string tick)
    {
        var result = _file.Parse($"plugin_dirs: [p]\nvenues:\n  kraken:\n    plugin: kraken\n    mode: simulated\n    simulator: {{ tick: {tick} }}\n");

        Assert.Contains($"fluxum.yaml:6:24: venues.kraken.simulator.tick: '{tick}' is out of range; a duration must be between 1ms and 3650d", ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_TabIndentation_ReportedAtTheTab()
    {
        var result = _file.Parse("plugin_dirs:\n  - x\nvenues:\n\tkraken: 1\n");

        Assert.Equal(["fluxum.yaml:4:1: YAML syntax error: While scanning a mapping, found invalid tab as indentation."], ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Load_Latin1Bytes_InvalidUtf8WithLineAndColumn()
    {
        var path = Path.Combine(_file.Directory, "latin.yaml");
        File.WriteAllBytes(path, [.. "plugin_dirs: [x]\nvenues:\n  kr"u8, 0xe4, .. "ken:\n    plugin: kraken\n"u8]);

        var result = ConfigLoader.Load(path, _file.Options);

        Assert.Equal([$"{path}:3:5: the file is not valid UTF-8 (save it as UTF-8; Latin-1 and other encodings are not read)"], ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Load_Directory_SaysItIsADirectory()
    {
        var result = ConfigLoader.Load(_file.Directory, _file.Options);

        Assert.Equal([$"{_file.Directory}: {_file.Directory} is a directory, not a configuration file; pass --config PATH/fluxum.yaml"], ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Load_SymlinkLoop_SaysWhyItCannotBeRead()
    {
        var a = Path.Combine(_file.Directory, "a.yaml");
        var b = Path.Combine(_file.Directory, "b.yaml");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        var result = ConfigLoader.Load(a, _file.Options);

        var message = Assert.Single(ConfigTestFile.Messages(result));
        Assert.StartsWith($"{a}: {a} cannot be read: ", message, StringComparison.Ordinal);
        Assert.Contains("symbolic links", message, StringComparison.Ordinal);
    }
}
