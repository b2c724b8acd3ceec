using System.Collections.Immutable;
using CoPLive.Identity;

namespace CoPLive.Gateway.Documents;

/// <summary>
/// One local connection's session on one document: a y-websocket socket or a SignalR connection. What the document
/// relays reaches it through <see cref="DeliverUpdates"/> and <see cref="DeliverAwareness"/>, which only enqueue.
/// </summary>
public abstract class DocumentPeer(string documentId, string connectionId, MemberIdentity member)
{
    public string DocumentId { get; } = documentId;

    public string ConnectionId { get; } = connectionId;

    public MemberIdentity Member { get; } = member;

    /// <summary>Updates the document accepted from others; <paramref name="frames"/> are the same as y-websocket messages, made once per node.</summary>
    public abstract void DeliverUpdates(ImmutableArray<byte[]> updates, Lazy<byte[][]> frames);

    /// <summary>An awareness update (y-protocols encoding) of one tick.</summary>
    public abstract void DeliverAwareness(byte[] update);

    /// <summary>The member's access ended: the session ends, and the client is told why.</summary>
    public abstract void Revoke(string code, string reason);
}
