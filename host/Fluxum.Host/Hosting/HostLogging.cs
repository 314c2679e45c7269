using Fluxum.Host.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace Fluxum.Host.Hosting;

/// <summary>The host's loggers: one line per entry on stderr, so stdout stays clean for data and JSON.</summary>
internal static class HostLogging
{
    /// <summary>Loggers at the configured levels.</summary>
    public static ILoggerFactory Create(LoggingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(config.Level);
            foreach (var (category, level) in config.Categories)
            {
                builder.AddFilter(category, level);
            }

            builder.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss.fff ";
                options.UseUtcTimestamp = true;
            });
            builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        });
    }
}
