using System.Text;

namespace Fluxum.Host.Tests.Scripting.Support;

/// <summary>Captures what a script prints, line by line, and lets a test await a line.</summary>
internal sealed class LineRecorder : TextWriter
{
    private readonly StringBuilder _partial = new();
    private readonly List<string> _lines = [];
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public override void Write(char value)
    {
        TaskCompletionSource? added = null;
        lock (_lines)
        {
            if (value == '\n')
            {
                _lines.Add(_partial.ToString().TrimEnd('\r'));
                _partial.Clear();
                added = _added;
                _added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else
            {
                _partial.Append(value);
            }
        }

        added?.TrySetResult();
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    /// <summary>The first line (from <paramref name="skip"/> on) matching <paramref name="predicate"/>, waiting up to 10 s for it.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> predicate, int skip = 0)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task added;
            lock (_lines)
            {
                var found = _lines.Skip(skip).FirstOrDefault(predicate);
                if (found is not null)
                {
                    return found;
                }

                added = _added.Task;
            }

            try
            {
                await added.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No matching line within 10 s. Printed:\n" + string.Join('\n', Lines));
            }
        }
    }
}
