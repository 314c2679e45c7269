using Fluxum.Host.Configuration;
using Microsoft.Extensions.Options;

namespace Fluxum.Host.Hosting;

/// <summary>
/// Checked when the host starts (<c>ValidateOnStart</c>), before any hosted service: the venues of the
/// config against the plugins of its catalog (<see cref="PluginConfigValidator"/>). Each failure is a line
/// as the YAML reader prints it (<c>file:line:column: key path: message</c>), then the count.
/// </summary>
internal sealed class FluxumConfigValidation(LoadedConfig loaded) : IValidateOptions<FluxumConfig>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FluxumConfig options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = PluginConfigValidator.Validate(options, loaded.Catalog, loaded.DisplayName);
        if (problems.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        using var report = new StringWriter();
        LoadedConfig.Report(problems, 0, loaded.DisplayName, report);
        return ValidateOptionsResult.Fail(report.ToString().Split(report.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
