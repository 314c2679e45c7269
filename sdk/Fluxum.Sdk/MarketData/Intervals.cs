using System.Globalization;

namespace Fluxum.Sdk.MarketData;

/// <summary>Parses and formats candle intervals and durations such as <c>30s</c>, <c>1m</c>, <c>4h</c>, <c>1d</c>, <c>1w</c>.</summary>
public static class Intervals
{
    /// <summary>The longest duration accepted (ten years): anything longer is a typo, and would overflow timers.</summary>
    public static TimeSpan MaxDuration { get; } = TimeSpan.FromDays(3650);

    /// <summary>Parses a duration like <c>500ms</c>, <c>30s</c>, <c>1m</c>, <c>1h</c>, <c>1d</c>, <c>1w</c>, at most <see cref="MaxDuration"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan value) => TryParse(text, out value, out _);

    /// <summary>
    /// Parses a duration as <see cref="TryParse(string?, out TimeSpan)"/>; when it cannot, <paramref name="problem"/>
    /// says why (not a duration, or out of range), to follow the quoted text in a message.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? problem)
    {
        value = default;
        problem = "is not a duration; expected a number and a unit (ms, s, m, h, d, w), for example 30s or 1m";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var unitStart = 0;
        while (unitStart < t.Length && (char.IsAsciiDigit(t[unitStart]) || t[unitStart] == '.'))
        {
            unitStart++;
        }

        if (unitStart == 0 || !double.TryParse(t.AsSpan(0, unitStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        TimeSpan? unit = t[unitStart..].ToLowerInvariant() switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" or "min" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            "d" => TimeSpan.FromDays(1),
            "w" => TimeSpan.FromDays(7),
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }

        var ticks = n * unit.Value.Ticks;
        if (n <= 0 || ticks < TimeSpan.TicksPerMillisecond || ticks > MaxDuration.Ticks || double.IsNaN(ticks))
        {
            problem = "is out of range; a duration must be between 1ms and 3650d";
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        problem = null;
        return true;
    }

    /// <summary>Parses a duration, throwing a <see cref="FormatException"/> that says what is expected.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var v)
            ? v
            : throw new FormatException($"'{text}' is not a duration: expected a number and a unit (ms, s, m, h, d, w), for example 30s or 1m.");

    /// <summary>Formats the largest whole unit: <c>1m</c>, <c>4h</c>, <c>1d</c>, <c>90s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value.Ticks % TimeSpan.FromDays(7).Ticks == 0 && value >= TimeSpan.FromDays(7))
        {
            return $"{value.Ticks / TimeSpan.FromDays(7).Ticks}w";
        }

        if (value.Ticks % TimeSpan.TicksPerDay == 0 && value.Ticks > 0)
        {
            return $"{value.Ticks / TimeSpan.TicksPerDay}d";
        }

        if (value.Ticks % TimeSpan.TicksPerHour == 0 && value.Ticks > 0)
        {
            return $"{value.Ticks / TimeSpan.TicksPerHour}h";
        }

        if (value.Ticks % TimeSpan.TicksPerMinute == 0 && value.Ticks > 0)
        {
            return $"{value.Ticks / TimeSpan.TicksPerMinute}m";
        }

        if (value.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return $"{value.Ticks / TimeSpan.TicksPerSecond}s";
        }

        return $"{(long)value.TotalMilliseconds}ms";
    }
}
