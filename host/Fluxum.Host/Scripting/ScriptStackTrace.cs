using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Fluxum.Host.Scripting;

/// <summary>Extracts the frames of an exception that lie in script files (<c>.csx</c>), with file and line.</summary>
internal static class ScriptStackTrace
{
    /// <summary>
    /// One line per script frame, innermost first: <c>   at Main in /path/aggregate.csx:line 12</c>. Falls back
    /// to the whole stack trace when no frame has script line information.
    /// </summary>
    public static string Format(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = new StringBuilder();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            foreach (var frame in new StackTrace(current, fNeedFileInfo: true).GetFrames())
            {
                var file = frame.GetFileName();
                if (file is null || !file.EndsWith(".csx", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                text.Append(CultureInfo.InvariantCulture, $"   at {Describe(frame)} in {file}:line {frame.GetFileLineNumber()}").AppendLine();
            }
        }

        return text.Length > 0 ? text.ToString().TrimEnd() : exception.StackTrace ?? string.Empty;
    }

    /// <summary>
    /// A readable name for a frame: the script's method or local function, or <c>&lt;script&gt;</c> for
    /// top-level code (Roslyn's <c>&lt;Initialize&gt;</c> method and its async state machine).
    /// </summary>
    private static string Describe(StackFrame frame)
    {
        var method = frame.GetMethod();
        var name = method?.Name ?? "?";
        var owner = method?.DeclaringType?.Name ?? string.Empty;
        if (name == "MoveNext" && owner.StartsWith('<'))
        {
            // An async method's state machine: <Name>d__3 (or <<Initialize>>d__0 for top-level code).
            name = LocalFunctionName(owner) ?? owner[1..owner.IndexOf('>', 2)];
        }

        var local = LocalFunctionName(name);
        if (local is not null)
        {
            return local;
        }

        return name.Contains("Initialize", StringComparison.Ordinal) || name.StartsWith('<') ? "<script>" : name;
    }

    /// <summary>Compiler names local functions <c>&lt;&lt;Initialize&gt;&gt;g__Name|0_0</c>.</summary>
    private static string? LocalFunctionName(string name)
    {
        var start = name.IndexOf("g__", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = name.IndexOf('|', start);
        return end > start ? name[(start + 3)..end] : null;
    }
}
