using System.Collections.Concurrent;
using CoPLive.Gateway.Operations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CoPLive.Gateway.Live;

/// <summary>The <see cref="ClientOutbox"/> of each connection open on this node's live hub.</summary>
public sealed class LiveClients(IOptions<LiveOptions> options, CoPLiveMetrics metrics, ILogger<ClientOutbox> logger)
{
    private readonly ConcurrentDictionary<string, ClientOutbox> _outboxes = new(StringComparer.Ordinal);

    /// <summary>The connection's outbox; null once it closed.</summary>
    public ClientOutbox? Find(string connectionId) => _outboxes.GetValueOrDefault(connectionId);

    internal void Opened(HubConnectionContext connection) =>
        _outboxes[connection.ConnectionId] = new ClientOutbox(connection, options.Value, _ => metrics.CutOff(), logger);

    internal void Closed(HubConnectionContext connection) => _outboxes.TryRemove(connection.ConnectionId, out _);
}
