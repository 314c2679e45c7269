namespace Fluxum.Sdk.Kit;

/// <summary>
/// Allocation-free RFC 3339 parsing of UTF-8 timestamps: <c>YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)</c>.
/// Fractions beyond 7 digits (100 ns ticks) are truncated, which is the finest a DateTimeOffset holds.
/// </summary>
public static class Utf8Timestamp
{
    /// <summary>Length of the date and time up to the seconds (<c>YYYY-MM-DDTHH:MM:SS</c>).</summary>
    internal const int HeadLength = 19;

    /// <summary>Parses <paramref name="s"/>; false (and the default) when it is not an RFC 3339 time.</summary>
    /// <param name="s">The UTF-8 text, without quotes.</param>
    /// <param name="value">The time, with the text's offset.</param>
    public static bool TryParse(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        return s.Length > HeadLength && TryParseHead(s, out var ticks) && TryParseTail(s, ticks, out value);
    }

    /// <summary>The ticks of the date and time to the second (the first <see cref="HeadLength"/> bytes, validated).</summary>
    internal static bool TryParseHead(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (s.Length < HeadLength || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks;
        return true;
    }

    /// <summary>Reads the fraction and the offset after the head whose ticks are <paramref name="headTicks"/>.</summary>
    internal static bool TryParseTail(ReadOnlySpan<byte> s, long headTicks, out DateTimeOffset value)
    {
        value = default;
        var i = HeadLength;
        if (s.Length <= i)
        {
            return false;
        }

        long fractionTicks = 0;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                // Ticks are 100 ns: the first seven digits count, later ones are below a tick.
                if (i - start < 7)
                {
                    fractionTicks = (fractionTicks * 10) + (s[i] - '0');
                }

                i++;
            }

            var digits = i - start;
            if (digits is 0 or > 9)
            {
                return false;
            }

            for (var d = digits; d < 7; d++)
            {
                fractionTicks *= 10;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        if (s[i] is (byte)'Z' or (byte)'z')
        {
            i++;
        }
        else if (s[i] is (byte)'+' or (byte)'-')
        {
            if (s.Length - i != 6 || s[i + 3] != ':' || !Digits(s, i + 1, 2, out var oh) || !Digits(s, i + 4, 2, out var om) || oh > 23 || om > 59)
            {
                return false;
            }

            offset = new TimeSpan(oh, om, 0);
            if (s[i] == '-')
            {
                offset = -offset;
            }

            i += 6;
        }
        else
        {
            return false;
        }

        if (i != s.Length)
        {
            return false;
        }

        // The offset may move the time out of DateTimeOffset's range (0001-01-01T00:00:00+01:00): not a time.
        var utcTicks = headTicks + fractionTicks - offset.Ticks;
        if (utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        value = new DateTimeOffset(headTicks + fractionTicks, offset);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }
}
