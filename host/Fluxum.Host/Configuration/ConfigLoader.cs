using Fluxum.Host.Configuration.Readers;
using Fluxum.Host.Configuration.Yaml;

namespace Fluxum.Host.Configuration;

/// <summary>
/// Reads <c>fluxum.yaml</c> strictly: unknown keys, duplicate keys, wrong types and bad values are all
/// errors, and all of them are collected (not just the first), each naming file, line, column and key
/// path. Checks that need the plugin catalog are in <see cref="PluginConfigValidator"/>.
/// </summary>
internal static class ConfigLoader
{
    /// <summary>The file looked for when no <c>--config</c> is given.</summary>
    public const string DefaultFileName = "fluxum.yaml";

    /// <summary>A configuration file larger than this is refused before it is read.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and validates the file at <paramref name="path"/> (relative to the current directory).</summary>
    public static ConfigLoadResult Load(string path, ConfigLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var diagnostics = new ConfigDiagnostics(path);
        if (ReadText(full, diagnostics) is not { } text)
        {
            return new ConfigLoadResult(null, diagnostics.Errors, diagnostics.Warnings);
        }

        return Parse(text, path, full, options);
    }

    /// <summary>The file's text, or null with the reason it cannot be read reported (never an exception).</summary>
    private static string? ReadText(string full, ConfigDiagnostics diagnostics)
    {
        if (Directory.Exists(full))
        {
            diagnostics.Error(0, 0, "", $"{full} is a directory, not a configuration file; pass --config PATH/fluxum.yaml");
            return null;
        }

        byte[] bytes;
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                // A dangling or looping symbolic link exists as a link but not as a file.
                var link = info.LinkTarget is { } target ? $": it is a symbolic link to {target}, which leads to no file" : "";
                diagnostics.Error(0, 0, "", $"configuration file not found (looked for {full}{link}); pass --config PATH or run from the folder holding fluxum.yaml");
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                diagnostics.Error(0, 0, "", $"{full} is {(info.Length / (1024.0 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} MB; a configuration file may be at most {MaxFileBytes / (1024 * 1024)} MB");
                return null;
            }

            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            diagnostics.Error(0, 0, "", $"{full} cannot be read: {e.Message}");
            return null;
        }

        try
        {
            var preamble = bytes.AsSpan().StartsWith(StrictUtf8.Preamble) ? StrictUtf8.Preamble.Length : 0;
            return StrictUtf8.GetString(bytes, preamble, bytes.Length - preamble);
        }
        catch (System.Text.DecoderFallbackException)
        {
            var (line, column) = FirstInvalidUtf8(bytes);
            diagnostics.Error(line, column, "", "the file is not valid UTF-8 (save it as UTF-8; Latin-1 and other encodings are not read)");
            return null;
        }
    }

    /// <summary>Line and column (1-based, in characters) of the first byte that is not valid UTF-8.</summary>
    private static (int Line, int Column) FirstInvalidUtf8(byte[] bytes)
    {
        int line = 1, column = 1, i = 0;
        while (i < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return (line, column);
            }

            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            i += consumed;
        }

        return (line, column);
    }

    /// <summary>Reads configuration text; <paramref name="displayName"/> is the file name used in messages.</summary>
    public static ConfigLoadResult Parse(string text, string displayName, string sourcePath, ConfigLoadOptions? options = null)
    {
        var diagnostics = new ConfigDiagnostics(displayName);
        var root = YamlTreeReader.Read(text, diagnostics);
        if (root is null)
        {
            return new ConfigLoadResult(null, diagnostics.Errors, diagnostics.Warnings) { MoreErrors = diagnostics.MoreErrors };
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(sourcePath)) ?? Directory.GetCurrentDirectory();
        var ctx = new ConfigReadContext(diagnostics, baseDirectory, options ?? ConfigLoadOptions.Default);
        var config = FluxumConfigReader.Read(root, Path.GetFullPath(sourcePath), ctx);
        var errors = diagnostics.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new ConfigLoadResult(config, errors, diagnostics.Warnings) { MoreErrors = diagnostics.MoreErrors };
    }
}
