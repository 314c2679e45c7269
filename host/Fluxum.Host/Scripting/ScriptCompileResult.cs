namespace Fluxum.Host.Scripting;

/// <summary>The result of compiling one script: the runnable script, or the errors that stop it.</summary>
internal sealed record ScriptCompileResult
{
    /// <summary>The compiled script; null when compilation failed.</summary>
    public CompiledScript? Script { get; init; }

    /// <summary>Errors (empty on success) and warnings, each <c>file(line,col): error CSxxxx: message</c>.</summary>
    public IReadOnlyList<ScriptDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>True when <see cref="Script"/> can run.</summary>
    public bool Succeeded => Script is not null;

    /// <summary>Only the errors.</summary>
    public IEnumerable<ScriptDiagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
