namespace Fluxum.Host.Cli;

/// <summary>What <c>fluxum</c>'s exit code says (documented in README.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>Nothing was started: the config, a script's compilation, a plugin or an argument value was wrong (the reason is on stderr).</summary>
    public const int NotStarted = 1;

    /// <summary>The command line itself could not be parsed (unknown command or option, missing value).</summary>
    public const int Usage = 2;

    /// <summary>The deployment ran but could not do what it was asked: every venue faulted, a replay faulted, or a script failed.</summary>
    public const int DeploymentFailed = 3;

    /// <summary>An internal error (a bug in fluxum): one line on stderr, the stack trace with <c>--verbose</c>.</summary>
    public const int InternalError = 70;
}
