namespace Fluxum.Host.Scripting;

/// <summary>One script to run under a <see cref="ScriptSupervisor"/>, with what it sees.</summary>
/// <param name="Script">The compiled script.</param>
/// <param name="Environment">Its market data, ledgers, logger, arguments and output.</param>
internal sealed record ScriptLaunch(CompiledScript Script, ScriptEnvironment Environment);
