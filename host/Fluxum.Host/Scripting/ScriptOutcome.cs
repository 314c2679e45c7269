namespace Fluxum.Host.Scripting;

/// <summary>How a script run ended.</summary>
internal abstract record ScriptOutcome
{
    private ScriptOutcome()
    {
    }

    /// <summary>The script returned (or ended at its own <c>StopAfter</c> deadline).</summary>
    /// <param name="ReturnValue">What the script's last expression or <c>return</c> gave, if anything.</param>
    internal sealed record Completed(object? ReturnValue) : ScriptOutcome
    {
        /// <inheritdoc />
        public override string ToString() => "completed";
    }

    /// <summary>An exception escaped the script.</summary>
    /// <param name="Exception">The exception.</param>
    /// <param name="ScriptStackTrace">The frames inside the script's files: <c>at ... in /path/x.csx:line 12</c>.</param>
    internal sealed record Faulted(Exception Exception, string ScriptStackTrace) : ScriptOutcome
    {
        /// <inheritdoc />
        public override string ToString() => $"faulted: {Exception.GetType().Name}: {Exception.Message}{Environment.NewLine}{ScriptStackTrace}";
    }

    /// <summary>The script stopped when the host cancelled it.</summary>
    internal sealed record Cancelled : ScriptOutcome
    {
        /// <inheritdoc />
        public override string ToString() => "cancelled";
    }

    /// <summary>The script ignored cancellation for the whole grace period and was left behind.</summary>
    /// <param name="GracePeriod">How long the host waited.</param>
    internal sealed record Abandoned(TimeSpan GracePeriod) : ScriptOutcome
    {
        /// <inheritdoc />
        public override string ToString() => $"abandoned: still running {GracePeriod.TotalSeconds:0.###} s after cancellation";
    }
}
