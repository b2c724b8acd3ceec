using System.Collections.Concurrent;
using CoPLive.Gateway.Live;
using CoPLive.Identity;
using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Documents;

/// <summary>The documents each hub connection of this node has open; a connection that goes closes them all.</summary>
public sealed class HubDocumentSessions(GatewayDocuments documents, IHubContext<LiveHub, ILiveClient> hub, ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubDocumentPeer>> _byConnection = new(StringComparer.Ordinal);

    /// <summary>Opens (or returns the open) session of a connection on a document.</summary>
    public async Task<HubDocumentPeer> OpenAsync(string connectionId, string documentId, MemberIdentity member)
    {
        var sessions = _byConnection.GetOrAdd(connectionId, _ => new(StringComparer.Ordinal));
        if (sessions.TryGetValue(documentId, out var open))
        {
            return open;
        }

        var peer = new HubDocumentPeer(
            documentId, connectionId, member, documents.Options.UpdatesPerSecond, documents.Options.UpdateBurst, hub, loggers.CreateLogger<HubDocumentPeer>());
        peer.Revoked = revoked => sessions.TryRemove(new KeyValuePair<string, HubDocumentPeer>(documentId, revoked));
        if (!sessions.TryAdd(documentId, peer))
        {
            peer.Close();
            return sessions[documentId];
        }

        await documents.AddAsync(peer);
        return peer;
    }

    public HubDocumentPeer? Find(string connectionId, string documentId) =>
        _byConnection.TryGetValue(connectionId, out var sessions) && sessions.TryGetValue(documentId, out var peer) ? peer : null;

    public async Task CloseAsync(string connectionId, string documentId)
    {
        if (_byConnection.TryGetValue(connectionId, out var sessions) && sessions.TryRemove(documentId, out var peer))
        {
            peer.Close();
            await documents.RemoveAsync(peer);
        }
    }

    public async Task CloseAllAsync(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var sessions))
        {
            foreach (var peer in sessions.Values)
            {
                peer.Close();
                await documents.RemoveAsync(peer);
            }
        }
    }
}
