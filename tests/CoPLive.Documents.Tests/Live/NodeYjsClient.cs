using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoPLive.Testing;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// An unmodified npm y-websocket <c>WebsocketProvider</c> run by Node (tests/node/yws-client.js), driven by JSON lines;
/// the events it prints are collected so that a test can await them.
/// </summary>
public sealed class NodeYjsClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<JsonObject> _events = [];
    private readonly StringBuilder _errors = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeYjsClient(Process process) => _process = process;

    public static string ScriptFolder => Path.Combine(RepositoryPaths.Root, "tests", "node");

    /// <summary>Starts a client of <paramref name="documentId"/> at <paramref name="gateway"/> (its /yjs endpoint) with <paramref name="token"/>.</summary>
    public static NodeYjsClient Start(Uri gateway, string documentId, string? token)
    {
        var url = new UriBuilder(gateway) { Scheme = "ws", Path = "/yjs" }.Uri.ToString().TrimEnd('/');
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ScriptFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("yws-client.js");
        start.ArgumentList.Add(url);
        start.ArgumentList.Add(documentId);
        if (token is not null)
        {
            start.ArgumentList.Add(token);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var client = new NodeYjsClient(process);
        process.OutputDataReceived += (_, e) => client.Record(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (client._errors)
            {
                client._errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return client;
    }

    /// <summary>What the client printed on stderr (for failure messages).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

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

    public IEnumerable<JsonObject> EventsOf(string name) => Events.Where(e => (string?)e["event"] == name);

    public async Task SendAsync(object command)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits until an event named <paramref name="name"/> that satisfies <paramref name="match"/> arrived.</summary>
    public async Task<JsonObject> WaitForAsync(string name, string what, Func<JsonObject, bool>? match = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Signals.DefaultTimeout;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_events)
            {
                if (_events.FirstOrDefault(e => (string?)e["event"] == name && (match is null || match(e))) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            var left = limit - deadline.Elapsed;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException($"Within {limit.TotalSeconds:0.#} s, this did not happen: {what}. Node stderr: {Errors}");
            }
        }
    }

    /// <summary>The client's text now.</summary>
    public async Task<string> TextAsync()
    {
        var before = EventsOf("text").Count();
        await SendAsync(new { op = "text" });
        await WaitForAsync("text", "the node client reports its text", _ => EventsOf("text").Count() > before);
        return (string)EventsOf("text").Last()["text"]!;
    }

    /// <summary>Waits until the client's text is <paramref name="expected"/>.</summary>
    public async Task WaitForTextAsync(string expected, string what, TimeSpan? timeout = null)
    {
        var before = EventsOf("textIs").Count();
        await SendAsync(new { op = "waitText", text = expected });
        await WaitForAsync("textIs", what, _ => EventsOf("textIs").Count() > before, timeout);
    }

    /// <summary>Waits until the client's text contains <paramref name="part"/>; returns the text then.</summary>
    public async Task<string> WaitForTextContainingAsync(string part, string what, TimeSpan? timeout = null)
    {
        var before = EventsOf("textContains").Count();
        await SendAsync(new { op = "waitContains", text = part });
        await WaitForAsync("textContains", what, _ => EventsOf("textContains").Count() > before, timeout);
        return (string)EventsOf("textContains").Last()["text"]!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || !line.StartsWith('{'))
        {
            return;
        }

        TaskCompletionSource changed;
        lock (_events)
        {
            _events.Add(JsonNode.Parse(line)!.AsObject());
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
