using System.CommandLine;
using Fluxum.Host.Cli.Runners;

namespace Fluxum.Host.Cli.Commands;

/// <summary><c>fluxum script run path.csx [--config] [--duration 30s] [-- args...]</c>.</summary>
internal static class ScriptCommand
{
    public static Command Create(CliServices services)
    {
        var path = new Argument<FileInfo>("script") { Description = "The C# script (.csx) to run." };
        var args = new Argument<string[]>("args") { Description = "Arguments for the script (after --).", Arity = ArgumentArity.ZeroOrMore };
        var config = CommonOptions.Config();
        var duration = CommonOptions.Duration();
        var run = new Command("run", "Run a C# script against the venues of the config file, until it ends, Ctrl+C or --duration.") { path, args, config, duration };
        run.Validators.Add(result =>
        {
            if (result.GetValue(path) is { } file && !file.Name.EndsWith(".csx", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"'{file.Name}' is not a C# script; expected a .csx file.");
            }
        });
        run.SetAction(async (result, cancellationToken) =>
        {
            var request = new ScriptRunRequest(result.GetValue(path)!.FullName, result.GetValue(config)!.FullName, result.GetValue(args) ?? []);
            using var deadline = new CommandDeadline(result.GetValue(duration), services.Time, cancellationToken);
            return await services.Script.RunAsync(request, deadline.Token).ConfigureAwait(false);
        });
        return new Command("script", "C# scripts.") { run };
    }
}
