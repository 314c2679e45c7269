namespace Fluxum.Host.Scripting;

/// <summary>
/// Compiled script images on disk, one <c>&lt;hash&gt;.dll</c> (PDB embedded) per content hash, so a second
/// process start skips the compiler. Writes go to a temporary file first and are moved into place, so a
/// concurrent reader never sees half a file.
/// </summary>
internal sealed class ScriptCache
{
    private readonly string _directory;

    /// <summary>Creates a cache in <paramref name="directory"/> (created on first store).</summary>
    public ScriptCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    /// <summary>The file that holds the image for <paramref name="hash"/>.</summary>
    public string PathOf(string hash) => Path.Combine(_directory, hash + ".dll");

    /// <summary>The cached image for <paramref name="hash"/>, or null when there is none.</summary>
    public async Task<byte[]?> TryReadAsync(string hash, CancellationToken cancellationToken = default)
    {
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            // Removed between the check and the read (another process cleaning up): a miss, not an error.
            return null;
        }
    }

    /// <summary>Stores <paramref name="image"/> for <paramref name="hash"/>, replacing any previous one.</summary>
    public async Task StoreAsync(string hash, byte[] image, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(_directory);
        var temporary = Path.Combine(_directory, $"{hash}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(temporary, image, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, PathOf(hash), overwrite: true);
    }

    /// <summary>Deletes a cached image that turned out unusable.</summary>
    public void Evict(string hash) => File.Delete(PathOf(hash));

    /// <summary>
    /// Removes images written before <paramref name="cutoff"/> and temporary files left by an interrupted write
    /// (older than an hour). Returns the files removed and those that could not be (in use, no permission).
    /// </summary>
    public (int Removed, IReadOnlyList<(string Path, Exception Error)> Failed) Prune(DateTimeOffset cutoff, DateTimeOffset now)
    {
        var failed = new List<(string, Exception)>();
        var removed = 0;
        if (!Directory.Exists(_directory))
        {
            return (0, failed);
        }

        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles())
        {
            var expired = file.Extension switch
            {
                ".dll" => file.LastWriteTimeUtc < cutoff.UtcDateTime,
                ".tmp" => file.LastWriteTimeUtc < now.UtcDateTime.AddHours(-1),
                _ => false,
            };
            if (!expired)
            {
                continue;
            }

            try
            {
                file.Delete();
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failed.Add((file.FullName, ex));
            }
        }

        return (removed, failed);
    }
}
