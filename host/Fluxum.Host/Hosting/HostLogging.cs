using Fluxum.Host.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace Fluxum.Host.Hosting;

/// <summary>
/// The host's loggers: one line per entry on stderr, so stdout stays clean for data and JSON. Text lines
/// (<see cref="LogFormat.Text"/>) or JSON lines (<see cref="LogFormat.Json"/>, the console logger's JSON
/// formatter); both carry the scopes (<see cref="LogScopes"/>: venue, connection, symbol).
/// </summary>
internal static class HostLogging
{
    /// <summary>The Generic Host's own categories (start/stop steps, hosted-service faults).</summary>
    public const string GenericHostCategory = "Microsoft.Extensions.Hosting";

    /// <summary>Loggers at the configured levels.</summary>
    public static ILoggerFactory Create(LoggingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return LoggerFactory.Create(builder => Configure(builder, config));
    }

    /// <summary>
    /// Configures <paramref name="builder"/> (a command's host, or <see cref="Create"/>) with the configured
    /// levels and the one console provider. The Generic Host's own log lines are off unless the config names
    /// its category: every failure it would log reaches the command as an exception and is reported there once.
    /// </summary>
    public static ILoggingBuilder Configure(ILoggingBuilder builder, LoggingConfig config)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(config);
        builder.ClearProviders();
        builder.SetMinimumLevel(config.Level);
        builder.AddFilter(GenericHostCategory, LogLevel.None);
        foreach (var (category, level) in config.Categories)
        {
            builder.AddFilter(category, level);
        }

        if (config.Format == LogFormat.Json)
        {
            builder.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                options.UseUtcTimestamp = true;
                options.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
        else
        {
            builder.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.IncludeScopes = true;
                options.TimestampFormat = "HH:mm:ss.fff ";
                options.UseUtcTimestamp = true;
            });
        }

        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder;
    }
}
