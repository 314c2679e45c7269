using Fluxum.Host.Configuration.Yaml;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Configuration.Readers;

/// <summary>Reads <c>credentials: {api_key_env, api_secret_env, passphrase_env}</c>; refuses inline secrets.</summary>
internal static class CredentialsReader
{
    public static CredentialsConfig? Read(YamlNode? node, string path, VenueMode? mode, ConfigReadContext ctx)
    {
        var d = ctx.Diagnostics;
        var map = ConfigMap.From(node, path, d, "api_key_env", "api_secret_env", "passphrase_env");
        if (map is null)
        {
            return null;
        }

        var key = Variable(map, "api_key_env", required: true, mode, ctx);
        var secret = Variable(map, "api_secret_env", required: true, mode, ctx);
        var passphrase = Variable(map, "passphrase_env", required: false, mode, ctx);
        map.Finish(k => SecretRules.IsSecretKey(k) || k is "key" ? SecretRules.InlineSecretMessage(k) : null);
        return key is null || secret is null ? null : new CredentialsConfig(key, secret, passphrase);
    }

    private static string? Variable(ConfigMap map, string key, bool required, VenueMode? mode, ConfigReadContext ctx)
    {
        var d = ctx.Diagnostics;
        var path = map.PathOf(key);
        var node = required ? map.Require(key, "the NAME of an environment variable, e.g. KRAKEN_API_KEY") : map.Get(key);
        var name = ConfigValues.String(node, path, d);
        if (name is null)
        {
            return null;
        }

        if (!SecretRules.IsVariableName(name) || SecretRules.LooksLikeSecret(name))
        {
            d.Error(node!, path, SecretRules.LooksLikeSecret(name)
                ? "this looks like a secret, not an environment variable name; secrets never go in the config file: set an environment variable and write its name here"
                : "expected an environment variable name (letters, digits and underscores, e.g. KRAKEN_API_SECRET)");
            return null;
        }

        if (mode == VenueMode.Live && ctx.Options.CheckEnvironment && string.IsNullOrWhiteSpace(ctx.Options.Environment(name)))
        {
            d.Error(node!, path, $"environment variable {name} is not set (needed for this live venue's credentials)");
        }

        return name;
    }
}
