using CoPLive.Common;
using CoPLive.Documents;
using CoPLive.Documents.Yjs;
using CoPLive.Gateway.Documents;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

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
    private readonly DocumentReplica _replica;
    private readonly Action<string> _note;
    private readonly object _lock = new();
    private readonly List<Task> _resyncAnswers = [];

    private DocumentEditor(HubConnection hub, string name, string documentId, IYjsEngine yjs, Action<string> note)
    {
        _hub = hub;
        Name = name;
        DocumentId = documentId;
        _yjs = yjs;
        _replica = new DocumentReplica(yjs);
        _note = note;
        hub.On<DocumentUpdatesEvent>("DocumentUpdates", e =>
        {
            if (e.DocumentId == documentId)
            {
                _replica.Add(e.Updates);
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
        var hub = LiveHub.Connect(gateway, token);
        hub.Closed += e =>
        {
            note($"{name}'s connection closed: {e?.Message ?? "by the client"}");
            return Task.CompletedTask;
        };
        await hub.StartAsync().Within($"{name}'s hub connection starts");
        var editor = new DocumentEditor(hub, name, documentId, yjs, note);
        var opened = await hub.InvokeAsync<DocumentOpened>("OpenDocument", documentId, null);
        editor._replica.Add([opened.Update, .. opened.Tail]);
        return editor;
    }

    public Task<string> TextAsync() => _replica.TextAsync();

    /// <summary>Appends <paramref name="text"/> to the document; returns once the server acknowledged it (durable).</summary>
    public async Task TypeAsync(string text, DateTime deadline)
    {
        var state = await _replica.StateAsync();
        var length = (await _yjs.ReadTextAsync(state, DocumentNames.Content)).Length;
        var update = await _yjs.EditTextAsync(state, DocumentNames.Content, length, 0, text);
        _replica.Add([update]);
        await SendAsync(update, $"{Name} types '{text}'", deadline);
    }

    /// <summary>Waits until the client's text satisfies <paramref name="condition"/>.</summary>
    public Task WaitForTextAsync(Func<string, bool> condition, string what, DateTime deadline, Func<string> context)
    {
        var text = "";
        return _replica.WaitUntilAsync(
            async () => condition(text = await TextAsync()),
            deadline,
            () => $"This did not happen: {what}. {Name}'s text: '{text}'\n{context()}");
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
        var missing = await _yjs.DiffUpdateAsync(await _replica.StateAsync(), stateVector);
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
}
