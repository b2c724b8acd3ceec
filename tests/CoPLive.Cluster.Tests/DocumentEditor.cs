using System.Text.Json;
using System.Text.Json.Serialization;
using CoPLive.Common;
using CoPLive.Documents;
using CoPLive.Documents.Yjs;
using CoPLive.Gateway.Documents;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CoPLive.Cluster.Tests;

/// <summary>
/// A hub client editing a text document as the web app does: it opens it (OpenDocument), applies what others send
/// (DocumentUpdates), answers a resync (DocumentResync) with what it has beyond the server's state vector, and types
/// by appending to the text. An edit it types is sent again until the server acknowledges it (while the cluster has
/// not declared a dead silo dead, calls that need it are refused with <c>unavailable</c>), as a client that keeps its
/// unacknowledged updates would.
/// </summary>
public sealed class DocumentEditor : IAsyncDisposable
{
    /// <summary>How long a refused client waits before it sends again.</summary>
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    private readonly HubConnection _hub;
    private readonly IYjsEngine _yjs;
    private readonly Action<string> _note;
    private readonly object _lock = new();
    private readonly List<byte[]> _updates = [];
    private readonly List<Task> _resyncAnswers = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DocumentEditor(HubConnection hub, string name, string documentId, IYjsEngine yjs, Action<string> note)
    {
        _hub = hub;
        Name = name;
        DocumentId = documentId;
        _yjs = yjs;
        _note = note;
        hub.On<DocumentUpdatesEvent>("DocumentUpdates", e =>
        {
            if (e.DocumentId == documentId)
            {
                Received(e.Updates);
            }
        });
        hub.On<DocumentResyncEvent>("DocumentResync", e =>
        {
            if (e.DocumentId != documentId)
            {
                return;
            }

            Resyncs++;
            _note($"{Name} is asked to resync");
            // Not awaited here: the client's handlers must not wait for an invocation's answer.
            lock (_lock)
            {
                _resyncAnswers.Add(Task.Run(() => AnswerResyncAsync(e.StateVector)));
            }
        });
    }

    public string Name { get; }

    public string DocumentId { get; }

    /// <summary>How many times the server asked this client to resync.</summary>
    public int Resyncs { get; private set; }

    public static async Task<DocumentEditor> OpenAsync(Uri gateway, string token, string name, string documentId, IYjsEngine yjs, Action<string> note)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(gateway, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithKeepAliveInterval(TimeSpan.FromSeconds(5)) // as the web app does; the server closes a connection silent for 30 s
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)))
            .Build();
        hub.Closed += e =>
        {
            note($"{name}'s connection closed: {e?.Message ?? "by the client"}");
            return Task.CompletedTask;
        };
        await hub.StartAsync().Within($"{name}'s hub connection starts");
        var editor = new DocumentEditor(hub, name, documentId, yjs, note);
        var opened = await hub.InvokeAsync<DocumentOpened>("OpenDocument", documentId, null);
        editor.Received([opened.Update, .. opened.Tail]);
        return editor;
    }

    /// <summary>The client's whole state now.</summary>
    public Task<byte[]> StateAsync()
    {
        List<ReadOnlyMemory<byte>> updates;
        lock (_lock)
        {
            updates = [.. _updates.Select(u => (ReadOnlyMemory<byte>)u)];
        }

        return _yjs.MergeUpdatesAsync(updates);
    }

    public async Task<string> TextAsync() => await _yjs.ReadTextAsync(await StateAsync(), DocumentNames.Content);

    /// <summary>Appends <paramref name="text"/> to the document; returns once the server acknowledged it (durable).</summary>
    public async Task TypeAsync(string text, DateTime deadline)
    {
        var state = await StateAsync();
        var length = (await _yjs.ReadTextAsync(state, DocumentNames.Content)).Length;
        var update = await _yjs.EditTextAsync(state, DocumentNames.Content, length, 0, text);
        Received([update]);
        await SendAsync(update, $"{Name} types '{text}'", deadline);
    }

    /// <summary>Waits until the client's text satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForTextAsync(Func<string, bool> condition, string what, DateTime deadline, Func<string> context)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            var text = await TextAsync();
            if (condition(text))
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException($"This did not happen: {what}. {Name}'s text: '{text}'\n{context()}");
            }
        }
    }

    /// <summary>The answers to resyncs sent so far (each one is acknowledged, or it threw).</summary>
    public Task ResyncAnswersAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_resyncAnswers);
        }
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    private async Task AnswerResyncAsync(byte[] stateVector)
    {
        var missing = await _yjs.DiffUpdateAsync(await StateAsync(), stateVector);
        if (missing is not [0, 0])
        {
            await SendAsync(missing, $"{Name} answers a resync", DateTime.UtcNow + TimeSpan.FromMinutes(5));
        }
    }

    private async Task SendAsync(byte[] update, string what, DateTime deadline)
    {
        for (var refusals = 0; ; refusals++)
        {
            try
            {
                await _hub.InvokeAsync<long>("ApplyDocumentUpdates", DocumentId, new[] { update });
                if (refusals > 0)
                {
                    _note($"{what}: acknowledged after {refusals} refusals");
                }

                return;
            }
            catch (HubException exception) when (exception.Message.Contains($"{ErrorCodes.Unavailable}:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                if (refusals == 0)
                {
                    _note($"{what}: refused ({exception.Message}); it is sent again until acknowledged");
                }

                // As the error asks ("try again in a few seconds"): a client pauses before it asks again. This waits
                // for nothing in particular; the loop ends on an acknowledgement.
                await Task.Delay(RetryPause);
            }
        }
    }

    private void Received(IEnumerable<byte[]> updates)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _updates.AddRange(updates);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
