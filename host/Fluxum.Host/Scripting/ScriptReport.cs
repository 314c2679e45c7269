namespace Fluxum.Host.Scripting;

/// <summary>How one supervised script ended.</summary>
/// <param name="Name">The script's name (file name without extension).</param>
/// <param name="Path">Full path of the script.</param>
/// <param name="Outcome">Completed, faulted, cancelled or abandoned.</param>
internal sealed record ScriptReport(string Name, string Path, ScriptOutcome Outcome)
{
    /// <summary>True when the script ended well: it completed or stopped when cancelled.</summary>
    public bool IsSuccess => Outcome is ScriptOutcome.Completed or ScriptOutcome.Cancelled;
}
