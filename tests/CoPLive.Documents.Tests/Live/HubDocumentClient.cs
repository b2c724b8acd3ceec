using System.Text.Json;
using System.Text.Json.Serialization;
using CoPLive.Documents.Yjs;
using CoPLive.Gateway.Documents;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// The web app's way to a document: a SignalR connection to /hubs/live that opens it (OpenDocument), applies others'
/// updates as they arrive (DocumentUpdates), and sends its own edits (ApplyDocumentUpdates), made by a real Yjs client.
/// </summary>
public sealed class HubDocumentClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly IYjsEngine _yjs;
    private readonly RealClients _clients;
    private readonly object _lock = new();
    private readonly List<byte[]> _updates = [];
    private readonly List<byte[]> _awareness = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubDocumentClient(HubConnection hub, string documentId, IYjsEngine yjs, RealClients clients)
    {
        _hub = hub;
        DocumentId = documentId;
        _yjs = yjs;
        _clients = clients;
        hub.On<DocumentUpdatesEvent>("DocumentUpdates", e =>
        {
            if (e.DocumentId == documentId)
            {
                Received(e.Updates);
            }
        });
        hub.On<DocumentAwarenessEvent>("DocumentAwareness", e =>
        {
            lock (_lock)
            {
                _awareness.Add(e.Update);
            }

            Changed();
        });
    }

    public string DocumentId { get; }

    public HubConnection Hub => _hub;

    /// <summary>What OpenDocument answered.</summary>
    public DocumentOpened? Opened { get; private set; }

    public static HubConnection Connect(Uri gateway, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(gateway, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)))
            .Build();

    /// <summary>Connects and opens the document.</summary>
    public static async Task<HubDocumentClient> OpenAsync(Uri gateway, string token, string documentId, IYjsEngine yjs, RealClients clients)
    {
        var hub = Connect(gateway, token);
        await hub.StartAsync().Within("the hub connection starts");
        var client = new HubDocumentClient(hub, documentId, yjs, clients);
        var opened = await hub.InvokeAsync<DocumentOpened>("OpenDocument", documentId, null);
        client.Opened = opened;
        client.Received([opened.Update, .. opened.Tail]);
        return client;
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

    /// <summary>Makes an edit as a real Yjs client on the current state (JavaScript with <c>doc</c> and <c>Y</c>) and returns its update, not yet sent.</summary>
    public async Task<byte[]> MakeAsync(string change)
    {
        var state = await StateAsync();
        byte[] update;
        lock (_clients)
        {
            update = _clients.Change(state, change);
        }

        Received([update]);
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
    public async Task WaitUntilAsync(Func<HubDocumentClient, Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Signals.DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (await condition(this))
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException($"Within {limit.TotalSeconds:0.#} s, this did not happen: {what}");
            }
        }
    }

    public Task WaitForTextAsync(string expected, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(async c => await c.TextAsync() == expected, what, timeout);

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    private void Received(IEnumerable<byte[]> updates)
    {
        lock (_lock)
        {
            _updates.AddRange(updates);
        }

        Changed();
    }

    private void Changed()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
