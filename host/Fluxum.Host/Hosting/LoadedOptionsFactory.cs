using Microsoft.Extensions.Options;

namespace Fluxum.Host.Hosting;

/// <summary>
/// Options whose value was built by the strict YAML reader (immutable records, not bound from
/// <c>IConfiguration</c>): hands out that value after running every registered
/// <see cref="IValidateOptions{TOptions}"/>, so <c>ValidateOnStart</c> checks it when the host starts.
/// </summary>
internal sealed class LoadedOptionsFactory<TOptions>(TOptions value, IEnumerable<IValidateOptions<TOptions>> validators) : IOptionsFactory<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public TOptions Create(string name)
    {
        var failures = new List<string>();
        foreach (var validator in validators)
        {
            var result = validator.Validate(name, value);
            if (result.Failed)
            {
                failures.AddRange(result.Failures);
            }
        }

        return failures.Count > 0 ? throw new OptionsValidationException(name, typeof(TOptions), failures) : value;
    }
}
