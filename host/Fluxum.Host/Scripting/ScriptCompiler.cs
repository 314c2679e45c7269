using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;

namespace Fluxum.Host.Scripting;

/// <summary>
/// The Roslyn part: compiles a script (and its <c>#load</c>s) into an assembly image with an embedded PDB, so
/// stack traces show the <c>.csx</c> file and line. Only a cache miss reaches this type, so a cache hit never
/// loads or JITs the compiler.
/// </summary>
internal static class ScriptCompiler
{
    /// <summary>Compiles <paramref name="sources"/>; returns the image, or null with the errors.</summary>
    public static (byte[]? Image, IReadOnlyList<ScriptDiagnostic> Diagnostics) Compile(
        ScriptSourceSet sources, string assemblyName, CancellationToken cancellationToken = default)
    {
        var options = ScriptDefaults.Options(sources.MainPath);
        var script = CSharpScript.Create(sources.MainText, options, typeof(ScriptGlobals));
        var compilation = script.GetCompilation().WithAssemblyName(assemblyName);
        using var image = new MemoryStream();
        var emitOptions = new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded);
        var result = compilation.Emit(image, options: emitOptions, cancellationToken: cancellationToken);
        var diagnostics = result.Diagnostics
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning && !d.IsSuppressed)
            .Select(d => ToScriptDiagnostic(d, sources.MainPath))
            .ToList();
        return (result.Success ? image.ToArray() : null, diagnostics);
    }

    private static ScriptDiagnostic ToScriptDiagnostic(Diagnostic diagnostic, string mainPath)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var file = span.IsValid && !string.IsNullOrEmpty(span.Path) ? span.Path : mainPath;
        var line = span.IsValid ? span.StartLinePosition.Line + 1 : 1;
        var column = span.IsValid ? span.StartLinePosition.Character + 1 : 1;
        return new ScriptDiagnostic(
            file, line, column, diagnostic.Id, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            diagnostic.Severity == DiagnosticSeverity.Error);
    }
}
