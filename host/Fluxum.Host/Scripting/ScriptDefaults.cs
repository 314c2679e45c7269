using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using System.Threading.Channels;
using Fluxum.Sdk;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Scripting;

/// <summary>The references and imports every script gets.</summary>
/// <remarks>
/// <c>ScriptOptions.Default</c> does not reference System.Linq or System.Collections on .NET 10, so every
/// assembly a script's usual code needs is listed here explicitly.
/// </remarks>
internal static class ScriptDefaults
{
    /// <summary>The namespaces imported into every script.</summary>
    public static IReadOnlyList<string> Imports { get; } = BuildImports();

    /// <summary>Options for compiling the script at <paramref name="mainPath"/>.</summary>
    public static ScriptOptions Options(string mainPath)
    {
        var directory = Path.GetDirectoryName(mainPath)!;
        return ScriptOptions.Default
            .WithFilePath(mainPath)
            .WithFileEncoding(Encoding.UTF8)
            .WithReferences(References())
            .WithImports(Imports)
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, directory))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(directory))
            .WithEmitDebugInformation(true)
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .WithAllowUnsafe(false);
    }

    private static IEnumerable<Assembly> References() =>
    [
        typeof(object).Assembly,
        Assembly.Load(new AssemblyName("System.Runtime")),
        Assembly.Load(new AssemblyName("netstandard")),
        typeof(Enumerable).Assembly,
        typeof(AsyncEnumerable).Assembly,
        typeof(List<>).Assembly,
        typeof(ConcurrentDictionary<,>).Assembly,
        typeof(Channel).Assembly,
        typeof(Console).Assembly,
        typeof(System.Text.RegularExpressions.Regex).Assembly,
        typeof(System.Text.Json.JsonSerializer).Assembly,
        typeof(ILogger).Assembly,
        typeof(Symbol).Assembly,
        typeof(ScriptGlobals).Assembly,
    ];

    private static List<string> BuildImports()
    {
        var imports = new List<string>
        {
            "System",
            "System.Collections.Generic",
            "System.Globalization",
            "System.Linq",
            "System.Threading",
            "System.Threading.Tasks",
            "Microsoft.Extensions.Logging",
        };
        var sdkNamespaces = typeof(Symbol).Assembly.GetExportedTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        imports.AddRange(sdkNamespaces);
        return imports;
    }
}
