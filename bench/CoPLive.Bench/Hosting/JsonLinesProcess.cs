using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CoPLive.Bench.Hosting;

/// <summary>
/// A child process (Node here) that prints JSON lines: the bench collects them and awaits the ones it needs. Killed
/// when disposed; its last stderr lines go into failure messages.
/// </summary>
internal sealed class JsonLinesProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<JsonObject> _events = [];
    private readonly Queue<string> _errors = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private JsonLinesProcess(Process process) => _process = process;

    public static JsonLinesProcess Start(string file, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new JsonLinesProcess(process);
        process.OutputDataReceived += (_, e) => child.Record(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (child._errors)
            {
                child._errors.Enqueue(e.Data);
                if (child._errors.Count > 50)
                {
                    child._errors.Dequeue();
                }
            }
        };
        process.Exited += (_, _) => child.Record(null);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public int Pid => _process.Id;

    public IReadOnlyList<JsonObject> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for an event named <paramref name="name"/>, or a printed line containing it when <paramref name="plainText"/>.</summary>
    public async Task<JsonObject> WaitForAsync(string name, TimeSpan timeout, CancellationToken cancellationToken, bool plainText = false)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_events)
            {
                var found = _events.FirstOrDefault(e => plainText ? ((string?)e["line"])?.Contains(name, StringComparison.Ordinal) == true : (string?)e["event"] == name);
                if (found is not null)
                {
                    return found;
                }

                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The process exited before '{name}': {Errors}");
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Within {timeout.TotalSeconds:0} s no '{name}' came: {Errors}");
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return string.Join('\n', _errors);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Record(string? line)
    {
        TaskCompletionSource changed;
        lock (_events)
        {
            if (line is not null)
            {
                _events.Add(line.StartsWith('{') ? JsonNode.Parse(line)!.AsObject() : new JsonObject { ["line"] = line });
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
