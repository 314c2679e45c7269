using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Fluxum.Host.Scripting;

/// <summary>
/// A script file and every file it <c>#load</c>s (recursively), read once, with the content hash the compile
/// cache is keyed by (<c>#r</c>-ed assemblies count by path, size and write time). The scan is textual (no
/// Roslyn), so a cache hit never loads the compiler; it may list a file a real compile would not (a
/// <c>#load</c> inside a comment), which only makes the key stricter.
/// </summary>
internal sealed partial class ScriptSourceSet
{
    private ScriptSourceSet(string mainPath, string mainText, IReadOnlyList<string> loadedFiles, string hash)
    {
        MainPath = mainPath;
        MainText = mainText;
        LoadedFiles = loadedFiles;
        Hash = hash;
    }

    /// <summary>Full path of the script.</summary>
    public string MainPath { get; }

    /// <summary>The script's text.</summary>
    public string MainText { get; }

    /// <summary>Full paths of the <c>#load</c>-ed files found (missing ones included, hashed as missing).</summary>
    public IReadOnlyList<string> LoadedFiles { get; }

    /// <summary>Hex SHA-256 of the salt, every path and every file's content.</summary>
    public string Hash { get; }

    /// <summary>Reads <paramref name="path"/> and its <c>#load</c>s; <paramref name="salt"/> names the compiler and host versions.</summary>
    /// <exception cref="FileNotFoundException">The script itself does not exist.</exception>
    public static async Task<ScriptSourceSet> ReadAsync(string path, string salt, CancellationToken cancellationToken = default)
    {
        var mainPath = Path.GetFullPath(path);
        var mainText = await File.ReadAllTextAsync(mainPath, cancellationToken).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, salt);
        Append(hash, mainPath);
        Append(hash, mainText);
        var loaded = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { mainPath };
        var pending = new Queue<(string Directory, string Text)>();
        pending.Enqueue((Path.GetDirectoryName(mainPath)!, mainText));
        while (pending.TryDequeue(out var next))
        {
            foreach (Match match in ReferenceDirective().Matches(next.Text))
            {
                // A #r-ed assembly is keyed by its path, size and time (not its bytes, which may be large).
                var file = new FileInfo(Path.Combine(next.Directory, match.Groups["path"].Value));
                Append(hash, file.FullName);
                Append(hash, file.Exists ? $"{file.Length}|{file.LastWriteTimeUtc.Ticks}" : "\0missing");
            }

            foreach (Match match in LoadDirective().Matches(next.Text))
            {
                var file = Path.GetFullPath(Path.Combine(next.Directory, match.Groups["path"].Value));
                if (!seen.Add(file))
                {
                    continue;
                }

                loaded.Add(file);
                Append(hash, file);
                if (File.Exists(file))
                {
                    var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                    Append(hash, text);
                    pending.Enqueue((Path.GetDirectoryName(file)!, text));
                }
                else
                {
                    Append(hash, "\0missing");
                }
            }
        }

        return new ScriptSourceSet(mainPath, mainText, loaded, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static void Append(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData([0]);
    }

    [GeneratedRegex(@"^[ \t]*#[ \t]*load[ \t]+""(?<path>[^""\r\n]+)""", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex LoadDirective();

    [GeneratedRegex(@"^[ \t]*#[ \t]*r[ \t]+""(?<path>[^""\r\n]+)""", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceDirective();
}
