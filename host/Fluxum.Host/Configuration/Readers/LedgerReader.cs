using Fluxum.Host.Configuration.Yaml;

namespace Fluxum.Host.Configuration.Readers;

/// <summary>Reads the <c>ledger</c> section: <c>{ store: sqlite | postgres, path, connection_env, overlap }</c>.</summary>
internal static class LedgerReader
{
    private static readonly Dictionary<string, LedgerStoreKind> Stores = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sqlite"] = LedgerStoreKind.Sqlite,
        ["postgres"] = LedgerStoreKind.Postgres,
    };

    /// <summary>The section, or null when the file has none.</summary>
    public static LedgerConfig? Read(YamlNode? node, string path, ConfigReadContext ctx)
    {
        var d = ctx.Diagnostics;
        var map = ConfigMap.From(node, path, d, "store", "path", "connection_env", "overlap");
        if (map is null)
        {
            return null;
        }

        var storeNode = map.Get("store");
        var store = storeNode is null ? LedgerStoreKind.Sqlite : ConfigValues.OneOf(storeNode, map.PathOf("store"), d, "ledger store", Stores) ?? LedgerStoreKind.Sqlite;
        var pathNode = map.Get("path");
        var file = ConfigValues.String(pathNode, map.PathOf("path"), d);
        var envNode = map.Get("connection_env");
        var env = ConfigValues.String(envNode, map.PathOf("connection_env"), d);
        var overlapNode = map.Get("overlap");
        var overlap = ConfigValues.Duration(overlapNode, map.PathOf("overlap"), d);
        map.Finish();
        if (overlap is { } o && o < TimeSpan.Zero)
        {
            d.Error(overlapNode!, map.PathOf("overlap"), "overlap must not be negative");
            overlap = null;
        }

        var config = new LedgerConfig(store) { Overlap = overlap ?? TimeSpan.FromHours(1) };
        return store == LedgerStoreKind.Sqlite
            ? Sqlite(config, file, envNode, map, ctx)
            : Postgres(config, env, envNode, pathNode, map, ctx);
    }

    private static LedgerConfig Sqlite(LedgerConfig config, string? file, YamlNode? envNode, ConfigMap map, ConfigReadContext ctx)
    {
        if (envNode is not null)
        {
            ctx.Diagnostics.Error(envNode, map.PathOf("connection_env"), "connection_env is for store: postgres; a SQLite store takes path (a file)");
        }

        return config with { Path = file is { Length: > 0 } ? ctx.Resolve(file) : LedgerConfig.DefaultSqlitePath };
    }

    private static LedgerConfig Postgres(LedgerConfig config, string? env, YamlNode? envNode, YamlNode? pathNode, ConfigMap map, ConfigReadContext ctx)
    {
        var d = ctx.Diagnostics;
        if (pathNode is not null)
        {
            d.Error(pathNode, map.PathOf("path"), "path is for store: sqlite; a PostgreSQL store takes connection_env (an environment variable holding the connection string)");
        }

        if (envNode is null)
        {
            d.Error(map.Node, map.PathOf("connection_env"), "missing required key 'connection_env' (the name of an environment variable holding the PostgreSQL connection string)");
            return config;
        }

        if (env is null)
        {
            return config;
        }

        if (!SecretRules.IsVariableName(env))
        {
            d.Error(envNode, map.PathOf("connection_env"), "expected the name of an environment variable (letters, digits and _) holding the connection string, never the connection string itself");
            return config;
        }

        var connection = ctx.Options.Environment(env);
        if (ctx.Options.CheckEnvironment && string.IsNullOrWhiteSpace(connection))
        {
            d.Error(envNode, map.PathOf("connection_env"), $"the environment variable {env} is not set; it must hold the PostgreSQL connection string (e.g. Host=127.0.0.1;Port=5432;Database=fluxum;Username=fluxum)");
        }

        return config with { ConnectionEnv = env, ConnectionString = string.IsNullOrWhiteSpace(connection) ? null : connection };
    }
}
