using System.Reflection;
using System.Runtime.Loader;

namespace Fluxum.Host.Scripting;

/// <summary>
/// Loads a compiled script image and finds its entry point. Roslyn compiles a script into a class
/// <c>Submission#0</c> whose static <c>&lt;Factory&gt;(object[] submissionArray)</c> runs the script:
/// slot 0 holds the globals object, slot 1 receives the submission instance, and it returns the script's
/// result as a <c>Task&lt;object&gt;</c>.
/// </summary>
internal static class ScriptImage
{
    private const string SubmissionType = "Submission#0";
    private const string FactoryMethod = "<Factory>";

    /// <summary>Loads <paramref name="image"/> into its own load context (shared types resolve to the host's).</summary>
    /// <exception cref="BadImageFormatException">The image is not a script assembly this host can run.</exception>
    public static Func<object[], Task<object>> Load(byte[] image, string name)
    {
        var context = new AssemblyLoadContext("fluxum-script:" + name, isCollectible: false);
        using var stream = new MemoryStream(image, writable: false);
        var assembly = context.LoadFromStream(stream);
        var factory = assembly.GetType(SubmissionType, throwOnError: false)
            ?.GetMethod(FactoryMethod, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
        if (factory is null || factory.ReturnType != typeof(Task<object>))
        {
            throw new BadImageFormatException($"'{name}' has no {SubmissionType}.{FactoryMethod}(object[]) returning Task<object>.");
        }

        return factory.CreateDelegate<Func<object[], Task<object>>>();
    }
}
