using System.Text;

namespace Fluxum.Host.Scripting;

/// <summary>
/// Writes each line to an inner writer with a prefix (<c>[aggregate] TICKER ...</c>), so the output of several
/// scripts sharing one console can be told apart. A line goes out whole, once complete; a partial last line
/// goes out on <see cref="Flush"/> or dispose. Safe to use from several threads.
/// </summary>
internal sealed class PrefixedLineWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly string _prefix;
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    /// <summary>Prefixes every line written to <paramref name="inner"/> with <paramref name="prefix"/>.</summary>
    public PrefixedLineWriter(TextWriter inner, string prefix)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(prefix);
        _inner = inner;
        _prefix = prefix;
    }

    /// <summary>A writer that prefixes lines with <c>[name] </c>.</summary>
    public static PrefixedLineWriter ForScript(TextWriter inner, string scriptName) => new(inner, $"[{scriptName}] ");

    /// <inheritdoc />
    public override Encoding Encoding => _inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                EmitLine();
            }
            else if (value != '\r')
            {
                _line.Append(value);
            }
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var c in value)
            {
                Write(c);
            }
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
        lock (_gate)
        {
            if (_line.Length > 0)
            {
                EmitLine();
            }

            _inner.Flush();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void EmitLine()
    {
        _inner.WriteLine(_prefix + _line);
        _line.Clear();
    }
}
