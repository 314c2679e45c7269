namespace Fluxum.Host.Tests;

/// <summary>A fresh directory under the system temp folder (outside the solution), deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fluxum-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Copies a test plugin's folder into <paramref name="subdirectory"/> of this directory; returns the plugin directory.</summary>
    public string AddPlugin(string shortName, string subdirectory = "plugins")
    {
        var source = TestPaths.TestPlugin(shortName);
        var target = System.IO.Path.Combine(Path, subdirectory, System.IO.Path.GetFileName(source));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }

        return System.IO.Path.Combine(Path, subdirectory);
    }

    /// <summary>Writes a file relative to this directory and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        // Plugin assemblies stay mapped by their load contexts on some platforms; deletion is best effort
        // and a failure is reported on the test output rather than hidden.
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (UnauthorizedAccessException ex)
        {
            Console.Error.WriteLine($"could not delete {Path}: {ex.Message}");
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"could not delete {Path}: {ex.Message}");
        }
    }
}
