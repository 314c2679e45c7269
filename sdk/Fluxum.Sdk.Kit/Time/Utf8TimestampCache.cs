namespace Fluxum.Sdk.Kit;

/// <summary>
/// Parses a stream's RFC 3339 timestamps, remembering the last date and time to the second: frames within
/// one second share it, so only the fraction and offset are read again. Same results as <see cref="Utf8Timestamp.TryParse"/>.
/// One per decoder (not thread-safe).
/// </summary>
public sealed class Utf8TimestampCache
{
    private readonly byte[] _head = new byte[Utf8Timestamp.HeadLength];
    private long _headTicks;
    private bool _hasHead;

    /// <summary>Parses <paramref name="s"/> as <see cref="Utf8Timestamp.TryParse"/> does.</summary>
    /// <param name="s">The UTF-8 text, without quotes.</param>
    /// <param name="value">The time, with the text's offset.</param>
    public bool TryParse(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        if (s.Length <= Utf8Timestamp.HeadLength)
        {
            value = default;
            return false;
        }

        var head = s[..Utf8Timestamp.HeadLength];
        if (!_hasHead || !head.SequenceEqual(_head))
        {
            if (!Utf8Timestamp.TryParseHead(head, out var ticks))
            {
                value = default;
                return false;
            }

            head.CopyTo(_head);
            _headTicks = ticks;
            _hasHead = true;
        }

        return Utf8Timestamp.TryParseTail(s, _headTicks, out value);
    }
}
