using System.Globalization;

namespace Fluxum.Host.Scripting;

/// <summary>One compile message, located in the real file that holds it (the script or a <c>#load</c>-ed file).</summary>
/// <param name="File">Full path of the file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Id">Compiler id, e.g. <c>CS0103</c>.</param>
/// <param name="Message">The compiler's message.</param>
/// <param name="IsError">True for an error, false for a warning.</param>
internal sealed record ScriptDiagnostic(string File, int Line, int Column, string Id, string Message, bool IsError = true)
{
    /// <summary><c>file(line,col): error CSxxxx: message</c>, the format editors and CI understand.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column}): {(IsError ? "error" : "warning")} {Id}: {Message}");
}
