namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>
/// Parses a stream's RFC 3339 timestamps, remembering the last date and time to the second: frames within
/// one second share it, so only the fraction and offset are read again. Same results as <see cref="Rfc3339.TryParse"/>.
/// One per decoder (not thread-safe).
/// </summary>
internal sealed class TimestampCache
{
    private readonly byte[] _head = new byte[Rfc3339.HeadLength];
    private long _headTicks;
    private bool _hasHead;

    public bool TryParse(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        if (s.Length <= Rfc3339.HeadLength)
        {
            value = default;
            return false;
        }

        var head = s[..Rfc3339.HeadLength];
        if (!_hasHead || !head.SequenceEqual(_head))
        {
            if (!Rfc3339.TryParseHead(head, out var ticks))
            {
                value = default;
                return false;
            }

            head.CopyTo(_head);
            _headTicks = ticks;
            _hasHead = true;
        }

        return Rfc3339.TryParseTail(s, _headTicks, out value);
    }
}
