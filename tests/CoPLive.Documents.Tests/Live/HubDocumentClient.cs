using CoPLive.Documents.Yjs;
using CoPLive.Gateway.Documents;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// The web app's way to a document: a SignalR connection to /hubs/live that opens it (OpenDocument), applies others'
/// updates as they arrive (DocumentUpdates), and sends its own edits (ApplyDocumentUpdates), made by a real Yjs client.
/// </summary>
public sealed class HubDocumentClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly DocumentReplica _replica;
    private readonly RealClients _clients;
    private readonly object _lock = new();
    private readonly List<byte[]> _awareness = [];

    private HubDocumentClient(HubConnection hub, string documentId, IYjsEngine yjs, RealClients clients)
    {
        _hub = hub;
        DocumentId = documentId;
        _replica = new DocumentReplica(yjs);
        _clients = clients;
        hub.On<DocumentUpdatesEvent>("DocumentUpdates", e =>
        {
            if (e.DocumentId == documentId)
            {
                _replica.Add(e.Updates);
            }
        });
        hub.On<DocumentAwarenessEvent>("DocumentAwareness", e =>
        {
            lock (_lock)
            {
                _awareness.Add(e.Update);
            }

            _replica.Changed();
        });
    }

    public string DocumentId { get; }

    public HubConnection Hub => _hub;

    /// <summary>What OpenDocument answered.</summary>
    public DocumentOpened? Opened { get; private set; }

    /// <summary>Connects and opens the document.</summary>
    public static async Task<HubDocumentClient> OpenAsync(Uri gateway, string token, string documentId, IYjsEngine yjs, RealClients clients)
    {
        var hub = LiveHub.Connect(gateway, token);
        await hub.StartAsync().Within("the hub connection starts");
        var client = new HubDocumentClient(hub, documentId, yjs, clients);
        var opened = await hub.InvokeAsync<DocumentOpened>("OpenDocument", documentId, null);
        client.Opened = opened;
        client._replica.Add([opened.Update, .. opened.Tail]);
        return client;
    }

    /// <summary>The client's whole state now.</summary>
    public Task<byte[]> StateAsync() => _replica.StateAsync();

    public Task<string> TextAsync() => _replica.TextAsync();

    /// <summary>Makes an edit as a real Yjs client on the current state (JavaScript with <c>doc</c> and <c>Y</c>) and returns its update, not yet sent.</summary>
    public async Task<byte[]> MakeAsync(string change)
    {
        var state = await StateAsync();
        byte[] update;
        lock (_clients)
        {
            update = _clients.Change(state, change);
        }

        _replica.Add([update]);
        return update;
    }

    /// <summary>Sends updates; returns once the server acknowledged them (durable).</summary>
    public Task<long> ApplyAsync(params byte[][] updates) => _hub.InvokeAsync<long>("ApplyDocumentUpdates", DocumentId, updates);

    /// <summary>Makes an edit and sends it.</summary>
    public async Task<long> EditAsync(string change) => await ApplyAsync(await MakeAsync(change));

    public IReadOnlyList<byte[]> AwarenessReceived
    {
        get
        {
            lock (_lock)
            {
                return [.. _awareness];
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for this client.</summary>
    public Task WaitUntilAsync(Func<HubDocumentClient, Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Signals.DefaultTimeout;
        return _replica.WaitUntilAsync(
            () => condition(this),
            DateTime.UtcNow + limit,
            () => $"Within {limit.TotalSeconds:0.#} s, this did not happen: {what}");
    }

    public Task WaitForTextAsync(string expected, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(async c => await c.TextAsync() == expected, what, timeout);

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
